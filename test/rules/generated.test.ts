import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/generate-docs.js';

describe('files generated from the rule metadata', () => {
  const files = generatedFiles('.');

  for (const [path, text] of Object.entries(files)) {
    it(`${path} is up to date (run \`npm run docs:rules\` after changing a rule)`, () => {
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }

  it('docs/rules.md gives every rule what, why, how, its options and its examples', () => {
    const doc = files['docs/rules.md'] ?? '';
    expect(doc).toContain('## `role-overloaded`');
    expect(doc).toContain('| `maxAccountablePercent` | number 0–100 | `50` |');
    expect(doc).toContain('**Why it matters.**');
    expect(doc).toContain('**How to fix it.**');
    expect(doc).toContain('**Not OK** (`test/fixtures/rules/accountable-multiple/not-ok.md`)');
    expect(doc).toContain(
      '4:1-4:32  error  Unexpected 2 accountable roles (PM, PO) on "Define vision", expected exactly 1  accountable-multiple',
    );
  });

  it('the config schema lists every rule with its options, and rejects unknown keys', () => {
    const schema = JSON.parse(files['schema/config.schema.json'] ?? '{}');
    const tooMany = schema.$defs.rules.properties['too-many-consulted'];
    expect(tooMany.anyOf[1].properties.max).toMatchObject({ type: 'integer', default: 4, minimum: 0 });
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['content', 'out', 'scheme', 'schemes', 'rules', 'template', 'theme', 'lang']),
    );
    const front = JSON.parse(files['schema/frontmatter.schema.json'] ?? '{}');
    expect(front.additionalProperties).toBe(true);
    expect(front.properties.rules).toEqual({ $ref: '#/$defs/rules' });
  });
});
