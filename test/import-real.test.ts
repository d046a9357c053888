/**
 * Imports and exports of the kind HR and PMO teams really make: Excel's Windows-1252 CSV, typos
 * in cells, comma-decimal locales, SpreadsheetML written with `x:` prefixes, workbooks that open
 * on a cover sheet; and what a hostile file or folder must not achieve (issue 18).
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/index.js';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';
import { workbook } from './xlsx-helpers.js';

const write = (name: string, data: string | Uint8Array) => {
  const file = join(tempDir(), name);
  writeFileSync(file, data);
  return file;
};

describe('CSV as spreadsheets write it', () => {
  it('decodes Windows-1252 (Excel\'s "CSV (semicolon)") as the reader decodes Markdown, and says so', async () => {
    const file = write(
      'équipe.csv',
      Buffer.from('Activité;Responsable;Rédacteur\nRévision;A/R;C\n', 'latin1'),
    );
    const r = await cli('import', file, '--title', 'Équipe');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### Rédacteur\n');
    expect(r.stdout).toContain('| Révision | A/R | C |');
    expect(r.stderr).toContain(
      `rolemark: warning: ${file}: A file that is not UTF-8; read it as Windows-1252`,
    );
  });

  it('shows a typo in a cell at its row and column, and exits 1', async () => {
    const file = write('chart.csv', 'Activity,PM,Dev\nPlan,A,R\nBuild,A,R\nShip,Accountible,R\n');
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:4:2  error  Unexpected \`Accountible\` for PM on "Ship"`);
    expect(r.stderr).toContain('Imported 3 activities and 2 roles (RACI): 2 errors');
  });

  it('never writes a NUL or another control character into the Markdown', async () => {
    const file = write('nul.csv', 'Activity,PM,Dev\nSh\0ip\u0007 it,A,R\n');
    const r = await cli('import', file);
    expect(r.stdout).toContain('| Ship it | A | R |');
    expect([...r.stdout].filter((ch) => ch < ' ' && ch !== '\n')).toEqual([]);
  });

  it('refuses a quote that is never closed, at its line, instead of swallowing the rest', async () => {
    const file = write('open.csv', 'Activity,PM\nPlan,A\n"Build,R\nShip,A\n');
    const r = await cli('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rolemark: Cannot read ${file}:4 as CSV: a quoted field is never closed\n`);
  });
});

describe('export --format csv', () => {
  const chart = [
    '# T',
    '',
    '| Activity | PM | Dev | \\_\\_proto\\_\\_ | constructor |',
    '|---|---|---|---|---|',
    '| Ship it | A | R | polluted; note | some text here |',
    '',
    '## More',
    '',
    '| Activity | PM | Dev | Notes |',
    '|---|---|---|---|',
    '| Plan it | A/R | C | a note here |',
    '',
  ].join('\n');

  it("writes columns named __proto__ and constructor as columns, not Object's own", async () => {
    const r = await cli('export', write('t.md', chart), '--format', 'csv');
    expect(r.stdout).toBe(
      [
        'Document,Group,Activity,PM,Dev,__proto__,constructor,Notes',
        'T,,Ship it,A,R,polluted; note,some text here,',
        'T,More,Plan it,R/A,C,,,a note here',
        '',
      ].join('\r\n'),
    );
  });

  it("--delimiter ';' for Excel in comma-decimal locales, quoting what holds a semicolon", async () => {
    const r = await cli('export', write('t.md', chart), '--format', 'csv', '--delimiter', ';', '--bom');
    expect(r.stdout).toBe(
      [
        '\uFEFFDocument;Group;Activity;PM;Dev;__proto__;constructor;Notes',
        'T;;Ship it;A;R;"polluted; note";some text here;',
        'T;More;Plan it;R/A;C;;;a note here',
        '',
      ].join('\r\n'),
    );
    const bad = await cli('export', write('t.md', chart), '--format', 'csv', '--delimiter', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unexpected --delimiter "x"');
  });
});

describe('XLSX through a real reader', () => {
  const chart = [
    ['Activity', 'Product Owner (PO)', 'Developer'],
    ['Plan the release', 'A', 'R'],
    ['Ship it', 'A', 'R/C'],
  ];

  it('reads SpreadsheetML written with an x: prefix', async () => {
    const result = await importFile(write('prefixed.xlsx', workbook([{ name: 'RACI', rows: chart }], 'x')));
    expect(result.documents[0]?.markdown).toContain(
      '| Activity | PO | Developer |\n|---|:-:|:-:|\n| Plan the release | A | R |',
    );
  });

  it('takes the first sheet that holds a chart, and names the sheets it looked at when none does', async () => {
    const cover = { name: 'Cover', rows: [['Website relaunch']] };
    const people = {
      name: 'People',
      rows: [
        ['Name', 'Email'],
        ['Ana', 'ana@example.com'],
      ],
    };
    const found = await importFile(
      write('book.xlsx', workbook([cover, people, { name: 'RACI', rows: chart }])),
    );
    expect(found.documents[0]?.markdown).toContain('| Ship it | A | R/C |');
    const file = write('none.xlsx', workbook([cover, people]));
    const r = await cli('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `rolemark: No RACI chart in any sheet of \`${file}\`; looked at "Cover" (no table), "People" (no role columns): expected a header row (Activity, then one column per role) and rows of codes\n`,
    );
  });

  it('points at the sheet and cell of a typo', async () => {
    const rows = [...chart, ['Review', 'A', 'Resposible']];
    const file = write('typo.xlsx', workbook([{ name: 'RACI', rows }]));
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:4:3 (sheet "RACI", cell C4)  error  Unexpected \`Resposible\``);
  });

  it('refuses cell references outside the grid before any reader builds it', async () => {
    const sheetXml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="XFDZZZZZ3" t="inlineStr"><is><t>A</t></is></c></row></sheetData></worksheet>';
    const r = await cli('import', write('grid.xlsx', workbook([{ name: 'S', sheetXml }])));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `rolemark: The workbook's xl/worksheets/sheet1.xml has the cell reference "XFDZZZZZ3", outside Excel's grid (A1 to XFD1048576)\n`,
    );
    const far =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>';
    const r2 = await cli('import', write('far.xlsx', workbook([{ name: 'S', sheetXml: far }])));
    expect(r2.stderr).toContain('spans 1048576 rows and 16384 columns; at most 2000000 cells are read');
  });
});

describe('import --out and links', () => {
  it('never writes through a link, dangling or not, with or without --force', async () => {
    const dir = tempDir();
    const csv = write('c.csv', 'Activity,PM,Dev\nShip,A,R\n');
    const target = join(dir, 'elsewhere.md');
    symlinkSync(target, join(dir, 'team.md'));
    for (const force of [[], ['--force']]) {
      const r = await cli('import', csv, '--out', join(dir, 'team.md'), ...force);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `rolemark: \`${join(dir, 'team.md')}\` is a symbolic link; rolemark does not write through links\n`,
      );
      expect(existsSync(target)).toBe(false);
    }
    const ok = await cli('import', csv, '--out', join(dir, 'real.md'));
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'real.md'), 'utf8')).toContain('| Ship | A | R |');
  });
});
