/**
 * `rolemark fmt` and `check --fix`: charts rewritten in canonical form, the rest of the file byte
 * for byte. Properties: fmt(fmt(x)) = fmt(x), and the charts read the same (the CSV export of
 * fmt(x) is the export of x).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { loadText, renderCsv } from '../src/index.js';
import { formatSources } from '../src/workflow/fmt.js';
import { cli, cliWithStdin } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const fmt = (text: string) => formatSources([{ file: 'team.md', text }])[0]?.text ?? '';

const INPUT = [
  '---',
  'title: Team   # spacing kept',
  '---',
  '# Team',
  '',
  'Some  *prose*   with | a pipe, kept as it is.',
  '',
  '| Activity | Dev |  QA | Notes |',
  '|---|:-:|--:|---|',
  '| Ship it | a/r | **A** (signs off) | weekly \\| monthly |',
  '|  Test|С|R+A|',
  '| Plan | - | I |',
  '',
  '- a list',
  '  | Activity | Dev |',
  '  |---|---|',
  '  | Nested | a |',
  '',
].join('\n');

describe('rolemark fmt', () => {
  it('writes each chart canonically and leaves every other line as it was', () => {
    expect(fmt(INPUT)).toBe(
      [
        '---',
        'title: Team   # spacing kept',
        '---',
        '# Team',
        '',
        'Some  *prose*   with | a pipe, kept as it is.',
        '',
        '| Activity | Dev | QA            | Notes             |',
        '| -------- | :-: | ------------: | ----------------- |',
        '| Ship it  | R/A | A (signs off) | weekly \\| monthly |',
        '| Test     | C   | R/A           |                   |',
        '| Plan     | -   | I             |                   |',
        '',
        '- a list',
        '  | Activity | Dev |',
        '  | -------- | --- |',
        '  | Nested   | a   |',
        '',
      ].join('\n'),
    );
  });

  it('pads by display width: CJK and emoji take two columns, combining marks none', () => {
    const text = [
      '| Activity | 開発者 | QA |',
      '|---|:-:|---|',
      '| 出荷する | a/r | i |',
      '| Ship 🚀 | A | R |',
      '| Cafe\u0301 | C | A |',
      '',
    ].join('\n');
    expect(fmt(text)).toBe(
      [
        '| Activity | 開発者 | QA  |',
        '| -------- | :----: | --- |',
        '| 出荷する | R/A    | I   |',
        '| Ship 🚀  | A      | R   |',
        '| Cafe\u0301     | C      | A   |',
        '',
      ].join('\n'),
    );
  });

  it('formats tables in block quotes and list items, keeping what precedes each line', () => {
    const text = [
      '> Quoted:',
      '>',
      '> | Activity | Dev |',
      '>|---|---|',
      '> | 出荷 | a |',
      '',
      '1. | A | B |',
      '   |-|-|',
      '   x | ñ',
      '',
      '- Item',
      '',
      '  > | A | 経営 |',
      '  > |-|-|',
      '  > | 1 | 2 |',
      '',
    ].join('\n');
    expect(fmt(text)).toBe(
      [
        '> Quoted:',
        '>',
        '> | Activity | Dev |',
        '>| -------- | --- |',
        '> | 出荷     | a   |',
        '',
        '1. | A   | B   |',
        '   | --- | --- |',
        '   | x   | ñ   |',
        '',
        '- Item',
        '',
        '  > | A   | 経営 |',
        '  > | --- | ---- |',
        '  > | 1   | 2    |',
        '',
      ].join('\n'),
    );
    expect(fmt(fmt(text))).toBe(fmt(text));
  });

  it('is idempotent, and the charts read the same after it (property)', () => {
    const code = fc.constantFrom(
      'A',
      'R',
      'a/r',
      'R+A',
      'r, a',
      'C (reviews)',
      '**I**',
      '',
      '-',
      'А',
      'С; І',
      'i',
    );
    const name = fc.constantFrom(
      'Ship',
      'Plan the release',
      'Test',
      'Review',
      'Écrire la doc',
      'Pay | bills',
      '出荷する',
      '経営企画の承認',
      'Ship 🚀',
      '👩\u200d💻 Code',
      'Cafe\u0301',
      '한국어 문서',
    );
    const role = fc.constantFrom('Dev', 'QA', 'PM', 'Legal', 'Ops', '開発者', 'Ré\u0301el', '🛠 Ops');
    // Where a table sits: at the top level, in a block quote, in a list item, in a quote in a list.
    const container = fc.constantFrom(
      ['', ''],
      ['> ', '> '],
      ['>', '>'],
      ['- ', '  '],
      ['1. ', '   '],
      ['- > ', '  > '],
    );
    const pad = fc.constantFrom('', ' ', '  ');
    const table = fc
      .record({
        roles: fc.uniqueArray(role, { minLength: 1, maxLength: 4 }),
        rows: fc.array(fc.tuple(name, fc.array(code, { maxLength: 5 }), pad), { minLength: 1, maxLength: 5 }),
        align: fc.constantFrom('---', ':-:', '--:', ':--'),
      })
      .map(({ roles, rows, align }) =>
        [
          `| Activity | ${roles.join(' | ')} |`,
          `|---|${roles.map(() => align).join('|')}|`,
          ...rows.map(
            ([n, cells, p]) =>
              `|${p}${n.replace('|', '\\|')}${p}| ${cells.slice(0, roles.length).join(`${p}|${p}`)} |`,
          ),
        ].join('\n'),
      );
    const placed = fc.tuple(table, container).map(([t, [first, rest]]) =>
      t
        .split('\n')
        .map((line, i) => (i === 0 ? first : rest) + line)
        .join('\n'),
    );
    const doc = fc
      .tuple(
        fc.array(placed, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Intro  text.', 'A | pipe', ''),
      )
      .map(([tables, prose]) => `# Team\n\n${prose}\n\n${tables.join('\n\n## More\n\n')}\n`);
    /** A table line: what precedes the table (quote markers, list markers, indentation), and the row. */
    const parts = (line: string) => {
      const prefix = /^(?:[ >]|[-*+] |\d+[.)] )*/u.exec(line)?.[0] ?? '';
      return { prefix, row: line.slice(prefix.length) };
    };
    fc.assert(
      fc.property(doc, (text) => {
        const once = fmt(text);
        expect(fmt(once)).toBe(once);
        const csv = (t: string) => renderCsv(loadText([{ file: 'team.md', text: t }]));
        expect(csv(once)).toBe(csv(text));
        const before = text.split('\n');
        const after = once.split('\n');
        expect(after).toHaveLength(before.length);
        const isRow = (l: string) => parts(l).row.startsWith('|');
        // Lines outside the tables are the input's own, and table lines keep what precedes them.
        before.forEach((line, i) => {
          if (isRow(line)) expect(parts(after[i] ?? '').prefix).toBe(parts(line).prefix);
          else expect(after[i]).toBe(line);
        });
        // Each table's rows line up on screen: the same display width, row after row.
        const blocks: string[][] = [[]];
        for (const line of after) {
          if (isRow(line)) blocks[blocks.length - 1]?.push(parts(line).row);
          else if (blocks[blocks.length - 1]?.length) blocks.push([]);
        }
        for (const rows of blocks.filter((b) => b.length > 0)) {
          expect(new Set(rows.map((r) => stringWidth(r))).size, rows.join('\n')).toBe(1);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });
});

describe('the fmt command and check --fix', () => {
  it('--check lists what is not canonical and exits 1; fmt rewrites it; - formats standard input', async () => {
    const dir = tempDir();
    const file = join(dir, 'team.md');
    writeFileSync(file, INPUT);
    const check = await cli('fmt', file, '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(`${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(INPUT);
    expect((await cli('fmt', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fmt(INPUT));
    expect(await cli('fmt', file, '--check')).toEqual({ code: 0, stdout: '', stderr: '' });
    const piped = await cliWithStdin(INPUT, 'fmt', '-');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(fmt(INPUT));
  });

  it('check --fix formats first, then reports what is left', async () => {
    const dir = tempDir();
    const file = join(dir, 'team.md');
    writeFileSync(file, '# T\n\n| Activity | Dev | QA |\n|---|---|---|\n| Ship | a/r | i |\n');
    const r = await cli('check', file, '--fix', '-f', 'plain');
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      '# T\n\n| Activity | Dev | QA  |\n| -------- | --- | --- |\n| Ship     | R/A | I   |\n',
    );
  });
});
