import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeTemplate } from '../src/compose/index.js';
import { toExportObject } from '../src/export/json.js';
import type { Block } from '../src/ir/types.js';
import { loadText } from '../src/lint.js';
import { builtInTemplate } from '../src/templates/index.js';

/**
 * Every folder of test/fixtures/shapes is one real-world way of writing a RACI chart: its Markdown
 * files (paths relative to the folder, so `roles/po.md` is in a roles folder) and `expected.json`,
 * the reader's export (`toExportObject(loadText(files))`: reader diagnostics only, so new model
 * rules never churn these files). The expected files are the spec, reviewed by hand;
 * `UPDATE_GOLDEN=1 npm test` rewrites them after a deliberate change.
 */
const ROOT = 'test/fixtures/shapes';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

const load = (fixture: string) =>
  loadText(
    markdownFiles(join(ROOT, fixture)).map((path) => ({
      file: relative(join(ROOT, fixture), path).split(sep).join('/'),
      text: readFileSync(path, 'utf8'),
    })),
  );

const fixtures = readdirSync(ROOT)
  .filter((name) => statSync(join(ROOT, name)).isDirectory())
  .sort();

describe('real-world shapes: each fixture exports exactly the expected model', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(100);
  });

  it.each(fixtures)('%s', (fixture) => {
    const actual = `${JSON.stringify(toExportObject(load(fixture)), null, 2)}\n`;
    const path = join(ROOT, fixture, 'expected.json');
    if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });
});

const headings = (blocks: Block[], level: number) =>
  blocks.flatMap((b) => (b.type === 'heading' && b.level === level ? [b.text] : []));

describe('multi-file organisations', () => {
  const model = load('multi-file');

  it('reads a roles/ folder as role definitions, not as documents', () => {
    expect(model.documents.map((d) => d.file)).toEqual(['teams/checkout.md', 'teams/search.md']);
    const po = model.roles.find((r) => r.id === 'product-owner');
    expect(po).toMatchObject({
      name: 'Product Owner',
      aliases: ['PO', 'Prod. Owner'],
      implicit: false,
      documents: ['checkout', 'search'],
      source: { file: 'roles/product-owner.md', line: 1, column: 1 },
    });
    expect(po?.fields).toEqual([
      { label: 'Reports to', value: 'Head of Product' },
      { label: 'Focus', value: 'Backlog and sprint goals' },
    ]);
  });

  it('groups a role charter by document when the role works in several', () => {
    const po = model.roles.find((r) => r.id === 'product-owner');
    if (!po) throw new Error('no product owner');
    const ir = composeTemplate(model, builtInTemplate('role-charter'), { role: po });
    expect(headings(ir.blocks, 2)).toEqual(
      expect.arrayContaining(['Owns and does (2)', 'Accountable for (2)']),
    );
    expect(headings(ir.blocks, 3)).toEqual(['Checkout team', 'Search team', 'Checkout team', 'Search team']);
  });

  it('reports two roles sharing an alias, citing both positions', () => {
    const dup = model.diagnostics.filter((d) => d.ruleId === 'duplicate-role');
    expect(dup).toMatchObject([{ file: 'teams/search.md', line: 5, column: 1, severity: 'error' }]);
    expect(dup[0]?.message).toContain('roles/engineer.md:1:1');
  });
});
