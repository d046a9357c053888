import { describe, expect, it } from 'vitest';
import { withDocumentSettings } from '../src/config/frontmatter.js';
import { loadText } from '../src/lint.js';
import { loadSources } from '../src/read/load.js';

/**
 * The reader parses a frontmatter once and keeps it; the rolemark settings in it (a custom scheme
 * as a mapping, `rules:`) are read by the configuration's layer, handed to the reader as
 * `documentSettings` (config/frontmatter.ts), so that read/ imports nothing of config/ (issue 17;
 * test/architecture.test.ts allows no upward import any more).
 */
const TEXT = [
  '---',
  'scheme:',
  '  name: Review',
  '  codes: { W: Writer, V: Verifier }',
  '  accountable: V',
  '  doer: W',
  'rules:',
  '  role-overloaded: off',
  '  no-such-rule: warning',
  '---',
  '# Docs',
  '',
  '| Activity | Ann | Bo |',
  '|---|---|---|',
  '| Write | W | V |',
  '',
].join('\n');

const summary = (model: ReturnType<typeof loadSources>) => ({
  scheme: model.documents[0]?.scheme.name,
  rules: model.documents[0]?.rules,
  frontmatter: model.diagnostics.filter((d) => d.ruleId === 'frontmatter-invalid').map((d) => d.line),
});

describe('frontmatter settings, read by config/ for the reader', () => {
  it('the API reads them: the custom scheme, rules:, and their problems at their lines', () => {
    expect(summary(loadText([{ file: 'd.md', text: TEXT }]))).toEqual({
      scheme: 'Review',
      rules: { 'role-overloaded': { severity: 'off' }, 'no-such-rule': { severity: 'warning' } },
      frontmatter: [9],
    });
  });

  it('the reader alone takes no settings of the configuration’s layer', () => {
    const alone = summary(loadSources([{ file: 'd.md', text: TEXT }]));
    expect(alone).toEqual({ scheme: 'RACI', rules: undefined, frontmatter: [] });
    expect(summary(loadSources([{ file: 'd.md', text: TEXT }], withDocumentSettings()))).toEqual(
      summary(loadText([{ file: 'd.md', text: TEXT }])),
    );
  });
});
