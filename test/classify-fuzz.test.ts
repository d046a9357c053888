import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainModel } from '../src/cli/explain-model.js';
import { loadSources } from '../src/read/load.js';
import { parseMarkdown } from '../src/read/markdown.js';

/**
 * Nothing lost in silence, as properties: whatever a file holds, every top-level table, list and
 * HTML table gets a reading (`rolemark explain` shows it), every block read as `not-read` has its
 * `chart-not-read` error at the same place and no other block has one, and explaining never
 * throws. Documents are made of the shapes of issue 13: HTML tables, comments between rows, line
 * form, cards, tables of letters, names or words.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const name = fc.constantFrom(
  'PM',
  'Dev',
  'QA',
  'CISO',
  'Legal',
  'Help desk',
  'A1',
  'Alice',
  'Owner',
  'Notes',
  '',
);
const code = fc.constantFrom(
  'R',
  'A',
  'C',
  'I',
  'A/R',
  'Z',
  'Q',
  'X',
  'Accountable',
  'n/a',
  '',
  'signs off',
  'P',
);
const headingWord = fc.constantFrom(
  'RACI',
  'Responsibilities',
  'Who does what',
  'Notes',
  'Deploy',
  'Legend',
  'Release',
);

const mdTable = fc
  .tuple(
    fc.constantFrom('Activity', 'Task', 'Step', 'Name', ''),
    fc.array(name, { minLength: 1, maxLength: 3 }),
  )
  .chain(([first, roles]) =>
    fc.tuple(
      fc.constant([first, ...roles]),
      fc.array(fc.array(code, { minLength: roles.length, maxLength: roles.length }), { maxLength: 4 }),
      fc.boolean(),
    ),
  )
  .map(([header, rows, comment]) => {
    const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    const body = rows.map((r, i) => line([`Task ${i}`, ...r]));
    if (comment && body.length > 1) body.splice(1, 0, '<!-- TODO -->');
    return [line(header), `|${'---|'.repeat(header.length)}`, ...body].join('\n');
  });

const htmlTable = fc
  .tuple(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(code, { maxLength: 6 }), fc.boolean())
  .map(([roles, cells, group]) => {
    const rows = [`<tr><th>Activity</th>${roles.map((r) => `<th>${r}</th>`).join('')}</tr>`];
    if (group) rows.push(`<tr><td colspan="${roles.length + 1}"><b>Group</b></td></tr>`);
    for (let i = 0; i < cells.length; i += roles.length)
      rows.push(
        `<tr><td>Step&nbsp;${i}</td>${roles.map((_, j) => `<td>${cells[i + j] ?? ''}</td>`).join('')}</tr>`,
      );
    return `<table>\n${rows.join('\n')}\n</table>`;
  });

const lines = fc
  .tuple(
    fc.constantFrom('- ', ''),
    fc.array(fc.tuple(name, fc.constantFrom(' – ', ': ', ' - '), code), { minLength: 1, maxLength: 4 }),
  )
  .map(([marker, items]) => items.map(([n, sep, c]) => `${marker}${n}${sep}${c}`).join('\n'));

const block = fc.oneof(
  headingWord.map((w) => `## ${w}`),
  headingWord.map((w) => `### ${w}`),
  headingWord.map((w) => `<h3>${w}</h3>`),
  fc.constantFrom(
    '**Plan the release**',
    '**Task: Review**',
    'Some prose.',
    'R = Responsible, A = Accountable',
  ),
  mdTable,
  htmlTable,
  lines,
);
const documents = fc.array(block, { maxLength: 8 }).map((blocks) => `# Chart\n\n${blocks.join('\n\n')}\n`);

describe('every block is classified, and charts not read are reported', () => {
  it('holds for generated documents', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const model = loadSources([{ file: 'f.md', text }]);
        const blocks = model.readings?.[0]?.blocks ?? [];
        const lines = new Set(blocks.map((b) => b.source.line));
        for (const node of parseMarkdown(text).children) {
          const html = node.type === 'html' && /<table/u.test(node.value);
          if (node.type === 'table' || node.type === 'list' || html)
            expect(lines.has(node.position?.start.line ?? 0), `line ${node.position?.start.line}`).toBe(true);
        }
        const notRead = blocks
          .filter((b) => b.as === 'not-read')
          .map((b) => `${b.source.line}:${b.source.column}`);
        const errors = model.diagnostics
          .filter((d) => d.ruleId === 'chart-not-read')
          .map((d) => `${d.line}:${d.column}`);
        expect(errors.sort()).toEqual(notRead.sort());
        expect(() => explainModel(model)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
