import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTables, putTables } from '../src/read/fast-tables.js';
import { parseMarkdown, parseMarkdownSlowly } from '../src/read/markdown.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

/** Same tree, to the key order (`toStrictEqual` also sees `undefined` fields and prototypes). */
function expectSameTree(text: string): void {
  const fast = parseMarkdown(text);
  const slow = parseMarkdownSlowly(text);
  expect(fast, JSON.stringify(text)).toStrictEqual(slow);
  expect(JSON.stringify(fast), JSON.stringify(text)).toBe(JSON.stringify(slow));
}

/** How many tables of a text the faster way reads itself (0 when it parses the text as it is). */
function tablesReadFast(text: string): number {
  const found = plainTables(text);
  if (!found) return 0;
  return putTables(parseMarkdownSlowly(found.text), found) ? found.tables.size : 0;
}

/** Cell texts: plain words, the characters that start inline constructs, escapes, scripts. */
const CELL_TEXTS = [
  'Plan',
  'A/R',
  'C (signs off)',
  'Publish the quarterly roadmap (strategy 1)',
  'R',
  '',
  ' ',
  '  x  y ',
  '\tt\t',
  'a\\|b',
  '\\',
  '\\\\',
  '`code`',
  '`x|y`',
  '**R**',
  '**A/R**',
  '**C (x)**',
  '** R**',
  '**R **',
  '***R***',
  '**R*',
  '**R**x',
  'x**R**',
  '**é**',
  '**1**',
  '**R_x**',
  '**a*b**',
  '****',
  '**',
  '**R** **A**',
  '**R&D**',
  '**&amp;**',
  '*A*',
  '_I_',
  'snake_case',
  '~~old~~',
  '~x~',
  '[link](http:x)',
  '[ref]',
  '[^1]',
  '![img](x.png)',
  '<b>R</b>',
  '<br>',
  'a<br>b',
  '&amp;',
  '&#64;',
  'R&D',
  'Q&A team',
  '&',
  'a & b;',
  '&amp',
  '&#',
  '&#x;',
  '&copy;',
  'AT&T;',
  '&#X41;',
  'a@b.org',
  'www.example.org',
  'https://x.org',
  'mailto:x@y.z',
  'Note: x',
  'http:/x',
  '製品マネージャー',
  'מנהל מוצר',
  'مدير المنتج',
  '😀 emoji',
  'e\u0301',
  '\u0000',
  '\u00a0nbsp\u00a0',
  '#',
  '- x',
  '> q',
  '1. x',
  '---',
  ':-:',
  '=',
  'x  ',
];

const DELIMITERS = ['---', ':-:', '-:', ':-', '-', ' --- ', '\t:--\t', ':', '', 'x', '--- x'];

const cellText = fc.constantFrom(...CELL_TEXTS);

interface TableShape {
  readonly header: string[];
  readonly delimiters: string[];
  readonly rows: string[][];
  readonly leadingPipe: boolean[];
  readonly trailingPipe: boolean[];
  readonly trailing: string[];
}

const tableShape: fc.Arbitrary<TableShape> = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    header: fc.array(cellText, { minLength: width, maxLength: width }),
    delimiters: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.array(fc.constantFrom(...DELIMITERS.slice(0, 6)), {
          minLength: width,
          maxLength: width,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.array(fc.constantFrom(...DELIMITERS), { minLength: 0, maxLength: width + 1 }),
      },
    ),
    rows: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.array(cellText, { minLength: width, maxLength: width }) },
        { weight: 1, arbitrary: fc.array(cellText, { minLength: 0, maxLength: width + 2 }) },
      ),
      { maxLength: 6 },
    ),
    leadingPipe: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, fc.constant(false)), {
      minLength: 8,
      maxLength: 8,
    }),
    trailingPipe: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)), {
      minLength: 8,
      maxLength: 8,
    }),
    trailing: fc.array(fc.constantFrom('', '', '', ' ', '  ', '\t'), { minLength: 8, maxLength: 8 }),
  }),
);

function tableLines(t: TableShape): string[] {
  const row = (cells: string[], k: number) => {
    const lead = t.leadingPipe[k % 8] ? '| ' : '';
    const trail = t.trailingPipe[k % 8] ? ' |' : '';
    return `${lead}${cells.join(' | ')}${trail}${t.trailing[k % 8]}`;
  };
  return [row(t.header, 0), row(t.delimiters, 1), ...t.rows.map((r, k) => row(r, k + 2))];
}

/** Where a table stands: the lines around it, and a prefix for its own lines. */
const CONTEXTS: [string[], string, string[]][] = [
  [[], '', []],
  [[''], '', ['']],
  [['Some text.'], '', ['']],
  [['# Heading'], '', ['', 'After.']],
  [[], '', ['Next paragraph right after']],
  [[], '', ['- a list item']],
  [[], '', ['> a quote']],
  [[], '', ['    indented']],
  [[], '', ['```', 'code', '```']],
  [[], '', ['<div>', '</div>']],
  [['- item', ''], '  ', ['']],
  [['- item'], '', ['']],
  [['1. item', ''], '   ', ['']],
  [['> quote'], '> ', ['']],
  [['> quote'], '', ['']],
  [['```'], '', ['```']],
  [['~~~'], '', []],
  [['<div>'], '', ['</div>']],
  [['<!--'], '', ['-->']],
  [['    code'], '    ', ['']],
  [['---', 'title: x', '---'], '', ['']],
  [['---'], '', ['---']],
  [['[^1]: note'], '    ', ['']],
  [['[r]: /url'], '', ['']],
  [['Setext?'], '', ['===']],
  [['* * *'], '', ['---']],
  [['a | b', '--|--'], '', ['']],
  [['| p | q |', '|---|---|'], '', []],
  [['Hard break  '], '', []],
  [['\uFEFF# Title'], '', ['']],
  [['<table>'], '', ['</table>']],
  [['+ item', '  more'], '', ['']],
];

const blockArb = fc.tuple(tableShape, fc.constantFrom(...CONTEXTS.keys())).map(([t, c]) => {
  const [before, prefix, after] = CONTEXTS[c] as [string[], string, string[]];
  return [...before, ...tableLines(t).map((l) => prefix + l), ...after];
});

const documentArb = fc
  .tuple(
    fc.array(
      fc.oneof({ weight: 4, arbitrary: blockArb }, fc.constantFrom([''], ['Text | with pipe'], ['| lone |'])),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    fc.constantFrom('\n', '\n', '\r\n', '\r'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([blocks, eol, mixed, final]) => {
    const lines = blocks.flat();
    const text = lines.map((l, k) => l + (mixed && k % 3 === 1 ? '\r\n' : eol)).join('');
    return final ? text : text.slice(0, text.length - eol.length);
  });

describe('parseMarkdown reads plain tables itself', () => {
  it('gives the same tree as micromark for generated documents of tables in every context', () => {
    fc.assert(
      fc.property(documentArb, (text) => expectSameTree(text)),
      { numRuns: Number(process.env.TABLE_RUNS ?? 800) },
    );
  });

  it('takes the faster way for the tables of generated documents most of the time', () => {
    // Tables of plain cells at the top level: each is read here, and the tree is the same.
    const plainCell = fc.constantFrom(
      ...CELL_TEXTS.slice(0, 9),
      ...CELL_TEXTS.filter((t) => /\p{Script=Han}|\p{Script=Hebrew}|\p{Script=Arabic}|😀|\u0301/u.test(t)),
      'Note: x',
      'x  ',
      'R&D',
      'Q&A team',
      '**A**',
      '**A/R**',
    );
    const plainTable = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 12 }))
      .chain(([w, h]) =>
        fc.tuple(
          fc.array(plainCell, { minLength: w, maxLength: w }),
          fc.array(fc.constantFrom('---', ':-:', '-:', ':-'), { minLength: w, maxLength: w }),
          fc.array(fc.array(plainCell, { minLength: 0, maxLength: w + 1 }), { minLength: h, maxLength: h }),
        ),
      )
      .map(([head, delim, rows]) =>
        [head, delim, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n'),
      );
    fc.assert(
      fc.property(
        fc.array(plainTable, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('\n\n', '\n\nText.\n\n'),
        (tables, gap) => {
          const text = `# Chart\n\n${tables.join(gap)}\n`;
          expect(tablesReadFast(text)).toBe(tables.length);
          expectSameTree(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves tables that are not plain, or not at the top level, to micromark', () => {
    const cases: [string, number][] = [
      ['| a | b |\n|---|---|\n| x | y |\n', 1],
      ['| a | b |\n|---|---|\n| x | *y* |\n', 0],
      ['| a | b |\n|---|---|\n| x | y \\| z |\n', 0],
      ['> | a | b |\n> |---|---|\n', 0],
      ['- x\n\n  | a | b |\n  |---|---|\n', 0],
      ['```\n| a | b |\n|---|---|\n```\n', 0],
      ['Text\n| a | b |\n|---|---|\n| x | y |\n', 1],
      ['| a | b |\n|---|---|\n| x | y |\nlazy row\n', 0],
      ['| a | b |\n|---|\n| x | y |\n', 0],
      ['| R&D | Q&A |\n|---|---|\n| x | y |\n', 1],
      ['| **A** | b |\n|---|---|\n| **A/R** | c |\n', 1],
      ['| **A** | b |\n|---|---|\n| **A/R** | _c_ |\n', 0],
      ['| R&D | Q&A |\n|---|---|\n| x | &amp; |\n', 0],
      ['| R&D | Q&A |\n|---|---|\n| x | &#64; |\n', 0],
    ];
    for (const [text, fast] of cases) {
      expect(tablesReadFast(text), text).toBe(fast);
      expectSameTree(text);
    }
  });

  it('gives the same tree for every Markdown file of the tests and the example, and reads most of their tables', () => {
    const files = [...markdownFiles('test/fixtures'), ...markdownFiles('content')];
    expect(files.length).toBeGreaterThan(200);
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expectSameTree(text);
      fast += tablesReadFast(text);
    }
    expect(fast).toBeGreaterThan(100);
  });
});
