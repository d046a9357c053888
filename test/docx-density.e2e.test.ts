import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortNames } from '../src/compose/short-names.js';
import { compose, render } from '../src/index.js';
import type { DocumentIR, MatrixBlock } from '../src/ir/types.js';
import { sofficeToPdf } from './docx-helpers.js';
import { expectedCodes, nameIn, readMatrix } from './docx-matrix-read.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf, tempDir } from './helpers.js';
import { type PageWords, pdfWords } from './pdf-helpers.js';

/**
 * The DOCX matrix at the PDF's density (issue 14): the 150-activity × 30-role team charter and a
 * handout from it, as LibreOffice prints the Word files, against rolemark's own PDFs. The charter
 * took 24 pages in LibreOffice (15 roles a table, two tables, 18 rows a page) against the PDF's 12.
 */

const matrixOf = (ir: DocumentIR): MatrixBlock => {
  const block = ir.blocks.find((b) => b.type === 'matrix');
  if (block?.type !== 'matrix') throw new Error('no matrix');
  return block;
};

interface Pair {
  ir: DocumentIR;
  docx: Uint8Array;
  pdfPages: number;
  word: PageWords[];
}
let charter: Pair;
let handout: Pair;

beforeAll(async () => {
  const model = modelOf(teamFixture(30, 150).markdown, 'team.md');
  const dir = tempDir();
  const irs = {
    charter: compose(model, { document: model.documents[0]?.id ?? '' }),
    // The Arabic role's handout: its own column, the four roles most involved, "Others".
    handout: compose(model, { role: model.roles[6]?.id ?? '' }, { template: 'handout' }),
  };
  const made: Record<string, { ir: DocumentIR; docx: Uint8Array; pdfPages: number }> = {};
  for (const [name, ir] of Object.entries(irs)) {
    const docx = await render(ir, 'docx');
    writeFileSync(join(dir, `${name}.docx`), docx);
    const pdf = join(dir, `${name}.pdf`);
    writeFileSync(pdf, await render(ir, 'pdf'));
    made[name] = { ir, docx, pdfPages: pdfWords(pdf).length };
  }
  const lo = await sofficeToPdf(['charter', 'handout'].map((n) => join(dir, `${n}.docx`)));
  const pair = (name: string): Pair => ({
    ...(made[name] as Pair),
    word: pdfWords(lo[name] ?? ''),
  });
  charter = pair('charter');
  handout = pair('handout');
}, 240_000);

describe('150 × 30 team charter, DOCX in LibreOffice', () => {
  it('is valid OOXML and takes at most 1.5 times the PDF’s pages (it took twice)', async () => {
    expect(await validate(charter.docx, 'docx')).toEqual([]);
    expect(charter.pdfPages).toBeGreaterThan(5);
    expect(charter.word.length).toBeLessThanOrEqual(Math.ceil(charter.pdfPages * 1.5));
  });

  it('sets 25 rows or more on each full matrix page, all 30 roles in one table', () => {
    const block = matrixOf(charter.ir);
    const headers = shortNames(block.columns);
    const read = readMatrix(charter.word, headers);
    const rows = read.pages.map((p) => p.rows);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(150);
    for (const page of read.pages) expect(page.headers.map((h) => h.text)).toEqual(headers);
    // Every page but the first (under the heading and legend) and the last.
    for (const n of rows.slice(1, -1)) expect(n).toBeGreaterThanOrEqual(25);
    expect(read.pages.length).toBeLessThanOrEqual(7);
  });

  it('finds every activity, and every code under its own column', () => {
    const block = matrixOf(charter.ir);
    const headers = shortNames(block.columns);
    const read = readMatrix(charter.word, headers);
    expect(read.stray).toEqual([]);
    expect(read.codes).toEqual(expectedCodes(block, headers));
    const numbers = new Set(read.pages.flatMap((p) => p.activity.map((w) => w.text)));
    for (let n = 1; n <= 150; n++) expect(numbers.has(String(n)), `activity ${n}`).toBe(true);
  });

  it('keys every short name to the role’s whole name on every matrix page', () => {
    const block = matrixOf(charter.ir);
    const read = readMatrix(charter.word, shortNames(block.columns));
    for (const page of read.pages)
      for (const col of block.columns)
        expect(nameIn(col.name, page.key), `page ${page.index + 1}: ${col.name}`).toBe(true);
  });
});

describe('the handout of the Arabic-named role, DOCX in LibreOffice', () => {
  it('takes no more pages than the PDF, under a one-line title block', () => {
    expect(handout.word.length).toBeLessThanOrEqual(handout.pdfPages);
    const first = handout.word[0]?.words ?? [];
    // The compact title: 18 pt, not the charter's 24 (word boxes are some 1.2 times the size).
    const title = first.filter((w) => /المنتج|جتنملا/u.test(w.text));
    expect(title.length).toBeGreaterThan(0);
    expect(Math.max(...title.map((w) => w.yMax - w.yMin))).toBeLessThan(24);
  });

  it('heads its columns with short names and finds every code under its own column', () => {
    const block = matrixOf(handout.ir);
    const headers = shortNames(block.columns);
    expect(headers.at(-1)).toBe('Others');
    const read = readMatrix(handout.word, headers);
    expect(read.pages.length).toBe(handout.word.length);
    expect(read.stray).toEqual([]);
    expect(read.codes).toEqual(expectedCodes(block, headers));
    const rows = block.rows.filter((r) => r.type === 'activity').length;
    expect(read.pages.reduce((sum, p) => sum + p.rows, 0)).toBe(rows);
    for (const col of block.columns.filter((c) => c.roleId !== ''))
      expect(nameIn(col.name, read.pages[0]?.key ?? []), col.name).toBe(true);
  });
});
