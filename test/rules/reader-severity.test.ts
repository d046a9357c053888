import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, loadText } from '../../src/lint.js';
import { loadSources } from '../../src/read/load.js';
import { rules } from '../../src/rules/index.js';

/**
 * The reader reports what it finds and where, never how bad it is: the rule engine gives every
 * finding its severity — the configured one, else the registry's default — as it does for the
 * rules' own (issue 17).
 */

// An unknown code (an error by default), a ragged row (a warning), a non-role column (info).
const TEXT = [
  '| Activity | Dev | Ops | Notes |',
  '|---|---|---|---|',
  '| Ship | A/R | Q | soon |',
  '| Run | A | R | | extra |',
  '',
].join('\n');

const defaultOf = (id: string) => rules.find((r) => r.id === id)?.defaultSeverity;

describe('reader findings carry no severity', () => {
  it('the reader’s model has findings without one', () => {
    const read = loadSources([{ file: 't.md', text: TEXT }]);
    const ids = read.diagnostics.map((d) => d.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['unknown-code', 'ragged-row', 'non-role-column']));
    for (const d of read.diagnostics) expect([d.ruleId, 'severity' in d]).toEqual([d.ruleId, false]);
  });

  it('the engine gives each the registry’s default, or the configured severity', () => {
    const model = loadText([{ file: 't.md', text: TEXT }]);
    const severities = (list: { ruleId: string; severity: string }[]) =>
      Object.fromEntries(
        list
          .filter((d) => ['unknown-code', 'ragged-row', 'non-role-column'].includes(d.ruleId))
          .map((d) => [d.ruleId, d.severity]),
      );
    const defaults = {
      'unknown-code': defaultOf('unknown-code'),
      'ragged-row': defaultOf('ragged-row'),
      'non-role-column': defaultOf('non-role-column'),
    };
    expect(defaults).toEqual({ 'unknown-code': 'error', 'ragged-row': 'warning', 'non-role-column': 'info' });
    // The API's load gives the defaults; check gives them too, and the configured ones over them.
    expect(severities(model.diagnostics)).toEqual(defaults);
    expect(severities(check(model))).toEqual(defaults);
    expect(
      severities(
        check(model, { 'unknown-code': 'warning', 'ragged-row': 'error', 'non-role-column': 'off' }),
      ),
    ).toEqual({ 'unknown-code': 'warning', 'ragged-row': 'error' });
  });

  it('no file of src/read/ writes a severity', () => {
    const found = readdirSync('src/read')
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        readFileSync(join('src/read', f), 'utf8')
          .split('\n')
          .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
          .filter(({ line }) =>
            /\bseverity\s*:|\.severity\b|'(error|warning|info)'\s*as\s+Severity/u.test(line),
          )
          .filter(({ line }) => !/^\s*(\*|\/\/)/u.test(line) && !/defaultSeverity/u.test(line)),
      );
    expect(found).toEqual([]);
  });
});
