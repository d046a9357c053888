/**
 * Word documents, where most RACI charts live: `rolemark import chart.docx` reads the document's
 * tables through mammoth and imports the first that holds a chart. The documents here are made
 * with the `docx` package, as Word writes them: paragraphs of runs in cells, a cover table, a
 * group name merged down over its rows, a title merged across the table.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/index.js';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const cell = (text: string, options: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
    ...options,
  });

const row = (...cells: TableCell[]) => new TableRow({ children: cells });

async function docx(tables: Table[]): Promise<string> {
  const doc = new Document({
    sections: [
      { children: [new Paragraph('Website relaunch'), ...tables.flatMap((t) => [t, new Paragraph('')])] },
    ],
  });
  const file = join(tempDir(), 'charter.docx');
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

const cover = new Table({ rows: [row(cell('Owner')), row(cell('Head of Digital'))] });

const raci = () =>
  new Table({
    rows: [
      row(cell('Website relaunch RACI', { columnSpan: 4 })),
      row(cell('Phase'), cell('Activity'), cell('Product Owner (PO)'), cell('Developer')),
      row(cell('Planning', { rowSpan: 2 }), cell('Define the scope'), cell('A/R'), cell('C')),
      row(cell('Plan the sprints'), cell('A'), cell('R')),
      row(cell('Delivery'), cell('Ship the release'), cell('A'), cell('R\n(with QA)')),
    ],
  });

describe('DOCX import', () => {
  it('reads the first table that holds a chart: merged group cells, a title row, notes in cells', async () => {
    const file = await docx([cover, raci()]);
    const result = await importFile(file);
    expect(result.warnings).toEqual([]);
    expect(result.documents[0]?.markdown).toBe(
      [
        '# Website relaunch RACI',
        '',
        '## Roles',
        '',
        '### Product Owner (PO)',
        '',
        '### Developer',
        '',
        '## Responsibilities',
        '',
        '### Planning',
        '',
        '| Activity | PO | Developer |',
        '|---|:-:|:-:|',
        '| Define the scope | A/R | C |',
        '| Plan the sprints | A | R |',
        '',
        '### Delivery',
        '',
        '| Activity | PO | Developer |',
        '|---|:-:|:-:|',
        '| Ship the release | A | R (with QA) |',
        '',
      ].join('\n'),
    );
  });

  it('names the tables it looked at when none holds a chart, and takes --table N', async () => {
    const file = await docx([cover]);
    const r = await cli('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `rolemark: No RACI chart in any table of \`${file}\`; looked at table 1 (no table): expected a header row (Activity, then one column per role) and rows of codes\n`,
    );
    const two = await docx([raci(), raci()]);
    const second = await cli('import', two, '--table', '2');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('| Ship the release | A | R (with QA) |');
    const missing = await cli('import', two, '--table', '3');
    expect(missing.stderr).toBe(`rolemark: No table 3 in \`${two}\`; it has 2\n`);
  });
});
