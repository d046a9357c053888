import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MatrixBlock } from '../src/ir/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { sofficeToPdf } from './docx-helpers.js';
import { latinPoster } from './docx-poster-turn.js';
import { pdfText, tempDir } from './helpers.js';
import { type PageWords, pdfWords } from './pdf-helpers.js';

/**
 * A poster of 40 roles on a portrait A1 sheet, as LibreOffice prints its Word file (issue 14, item
 * 6: the chart on one sheet before it is tiled). Word's pages end at 22 in, so the DOCX page is
 * the sheet scaled down; the 40 columns that fit across the sheet do not fit across that page, and
 * the matrix split into two tables of 20 roles. The DOCX turns its page instead: one table, every
 * role's whole name over its column on every page, every code under them.
 */

let docx = '';
let pdf = '';
let block: MatrixBlock;
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u00ad\u200b-\u200f\u202a-\u202e]+/gu, '');
/** A cell's text: its codes, and the number of a note on it. */
const CODE = /^(?:A\/R|[RACI])\d*$/u;

beforeAll(async () => {
  const ir = latinPoster(40, 60);
  const found = ir.blocks.find((b) => b.type === 'matrix');
  if (found?.type !== 'matrix') throw new Error('no matrix');
  block = found;
  docx = join(tempDir(), 'poster-40.docx');
  writeFileSync(docx, await renderDocx(ir));
  pdf = (await sofficeToPdf([docx]))['poster-40'] ?? '';
}, 240_000);

/** The words below the matrix's header row ("Activity") and above its notes. */
function body(page: PageWords) {
  const label = page.words.find((w) => w.text === 'Activity');
  if (!label) return [];
  return page.words.filter((w) => w.yMin > label.yMax && CODE.test(w.text));
}

describe('a 40-role poster on a portrait A1 sheet, in LibreOffice', () => {
  it('is valid OOXML', async () => {
    expect(await validate(new Uint8Array(readFileSync(docx)), 'docx')).toEqual([]);
  });

  it('one table on landscape pages: every page heads all 40 columns, every code under them', () => {
    const pages = pdfWords(pdf);
    const texts = pdfText(pdf, false).split('\f');
    const matrixPages = pages.flatMap((p, i) => (p.words.some((w) => w.text === 'Activity') ? [i] : []));
    expect(matrixPages.length).toBeGreaterThan(0);
    for (const i of matrixPages) {
      const page = pages[i] as PageWords;
      expect(page.width).toBeGreaterThan(page.height);
      const text = squash(texts[i] ?? '');
      for (const col of block.columns) expect(text, `page ${i + 1}: ${col.name}`).toContain(squash(col.name));
      expect(text).not.toContain('Roles1–20of40');
    }
    const codes = matrixPages.flatMap((i) => body(pages[i] as PageWords));
    const expected = block.rows.flatMap((r) =>
      r.type === 'activity' ? r.cells.filter((c) => c.codes.length > 0) : [],
    );
    expect(codes.length).toBe(expected.length);
    for (const code of ['R', 'A', 'C', 'I', 'A/R'])
      expect(codes.filter((w) => w.text.replace(/\d+$/u, '') === code).length, code).toBe(
        expected.filter((c) => c.codes.join('/') === code).length,
      );
    // One table's width: the codes stand in 40 columns, side by side across one page.
    const centres = codes.map((w) => Math.round((w.xMin + w.xMax) / 2));
    const columns: number[] = [];
    for (const x of [...centres].sort((a, b) => a - b))
      if (columns.length === 0 || x - (columns[columns.length - 1] as number) > 8) columns.push(x);
    expect(columns).toHaveLength(40);
  });
});
