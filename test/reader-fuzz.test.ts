import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toExportObject } from '../src/export/json.js';
import { loadText } from '../src/lint.js';
import type { Model } from '../src/model/types.js';
import { readerRules } from '../src/read/findings.js';

/**
 * The reader must never throw, whatever it is given: malformed input only ever produces
 * diagnostics. Documents are generated from the pieces real charts are made of (headings in
 * several languages, tables of every shape, legends, lists of codes, notes, marks, lookalike
 * letters) mixed with random Unicode, so that the generator reaches the reader's branches.
 */
const READER_RULES = new Set(readerRules.map((r) => r.id));

const unicode = fc.string({ unit: 'grapheme', maxLength: 12 });
const binary = fc.string({ unit: 'binary', maxLength: 12 });
const word = fc.oneof(
  fc.constantFrom(
    'Roles',
    'Rôles',
    'Rollen',
    'Papéis',
    'Responsibilities',
    'Responsabilités',
    'Verantwortlichkeiten',
    'RACI',
    'Legend',
    'Activity',
    'Tâche',
    'Role',
    'Rol',
    'Notes',
    '#',
    'Week',
    'Owner',
    'Product Manager (PM)',
    'PM',
    'Dev',
    'QA',
    'head of maint.',
    'Responsible',
    'Accountable',
    'Consulted',
    'Informed',
    'Responsável',
    'Aprovador',
    'R',
    'A',
    'C',
    'I',
    'S',
    'D',
    'А',
    'Α',
    'PdM = Product Manager',
    '__proto__',
    'constructor',
    '',
  ),
  unicode,
  binary,
);
const cell = fc.oneof(
  fc.constantFrom(
    'A/R',
    'A / R',
    'a, r',
    'R+A',
    'C;I',
    '**R**',
    '_C_',
    '✅ R',
    'С',
    'І',
    'Ｒ',
    '-',
    '—',
    '–',
    'C (reviews)',
    'A (signs off',
    'A: final say',
    '✓',
    'x',
    'yes',
    'no',
    'PM, Dev',
    'PM and QA',
    'Dev / Ops; Legal (if needed)',
    '((()))',
    '\\|',
    '`code`',
    '[link](x)',
    '<br>',
    '',
  ),
  word,
);
const row = (width: number) => fc.array(cell, { minLength: 0, maxLength: width + 2 });
const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc
    .tuple(
      fc.array(word, { minLength: width, maxLength: width }),
      fc.array(row(width), { maxLength: 6 }),
      fc.boolean(),
    )
    .map(([header, rows, group]) => {
      const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\n/g, ' ')).join(' | ')} |`;
      const body = rows.map(line);
      if (group) body.unshift(`| **${header[0] ?? 'Group'}** |${' |'.repeat(width - 1)}`);
      return [line(header), `|${'---|'.repeat(width)}`, ...body].join('\n');
    }),
);
const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), word).map(([d, w]) => `${'#'.repeat(d)} ${w}`);
const listItem = fc
  .tuple(fc.constantFrom('- ', '* ', '1. ', '  - '), fc.boolean(), word, cell)
  .map(([marker, bold, label, value]) => `${marker}${bold ? `**${label}:**` : `${label}:`} ${value}`);
const list = fc.array(listItem, { minLength: 1, maxLength: 5 }).map((items) => items.join('\n'));
const legend = fc
  .array(
    fc.tuple(
      fc.constantFrom('R', 'A', 'S', 'C', 'I', 'D', 'E', 'X', 'Α'),
      fc.constantFrom('=', ':', '–'),
      word,
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((entries) => entries.map(([c, sep, label]) => `**${c}** ${sep} ${label}`).join(', '));
const frontmatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '---\nscheme: RASCI\n---\n',
    '---\nscheme: Nope\n---\n',
    '---\ntitle: [broken\n---\n',
    '---\n- a\n---\n',
  ),
  fc
    .tuple(fc.constantFrom('title', 'scheme', 'name', 'aliases', 'team'), word)
    .map(([k, v]) => `---\n${k}: ${JSON.stringify(v)}\n---\n`),
);
const block = fc.oneof(heading, table, list, legend, word, unicode, binary);
const document = fc
  .tuple(frontmatter, fc.array(block, { maxLength: 12 }))
  .map(([fm, blocks]) => fm + blocks.join('\n\n'));
const fileName = fc.constantFrom('a.md', 'b.md', 'roles/x.md', 'Rollen/y.md', 'team/c.md');
const sources = fc.array(
  fc.tuple(fileName, fc.oneof(document, fc.string({ unit: 'binary', maxLength: 200 }))),
  {
    minLength: 1,
    maxLength: 3,
  },
);

/** What must hold of any model, whatever the input. */
function checkInvariants(model: Model, files: string[]): void {
  const roles = new Set(model.roles.map((r) => r.id));
  expect(roles.size).toBe(model.roles.length);
  const documents = new Map(model.documents.map((d) => [d.id, d]));
  expect(documents.size).toBe(model.documents.length);
  expect(new Set(model.activities.map((a) => a.id)).size).toBe(model.activities.length);
  for (const doc of model.documents) {
    expect(new Set(doc.roles).size).toBe(doc.roles.length);
    for (const id of doc.roles) expect(roles.has(id)).toBe(true);
  }
  for (const activity of model.activities) {
    const doc = documents.get(activity.document);
    expect(doc).toBeDefined();
    const order = doc?.scheme.codes.map((c) => c.code) ?? [];
    const seen = new Set<string>();
    for (const a of activity.assignments) {
      expect(roles.has(a.role)).toBe(true);
      expect(seen.has(a.role)).toBe(false);
      seen.add(a.role);
      expect(a.codes).toEqual(order.filter((c) => a.codes.includes(c)));
      expect(a.source?.line).toBeGreaterThanOrEqual(1);
    }
    expect(activity.source?.line).toBeGreaterThanOrEqual(1);
  }
  for (const d of model.diagnostics) {
    expect(READER_RULES.has(d.ruleId)).toBe(true);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(files).toContain(d.file);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  expect(() => JSON.stringify(toExportObject(model))).not.toThrow();
}

describe('the reader, fuzzed', () => {
  it('never throws on generated charts, and keeps its invariants', () => {
    fc.assert(
      fc.property(sources, (files) => {
        const unique = [...new Map(files).entries()].map(([file, text]) => ({ file, text }));
        checkInvariants(
          loadText(unique),
          unique.map((s) => s.file),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        checkInvariants(loadText([{ file: 't.md', text }]), ['t.md']);
      }),
      { numRuns: 200 },
    );
  });
});
