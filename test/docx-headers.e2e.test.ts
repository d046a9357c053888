import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortNames } from '../src/compose/short-names.js';
import { compose, load } from '../src/index.js';
import type { DocumentIR, MatrixBlock } from '../src/ir/types.js';
import type { Model } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { sofficeToPdf } from './docx-helpers.js';
import { expectedCodes, latinRoles, nameIn, noAliases, readMatrix } from './docx-matrix-read.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf, pdfText, tempDir } from './helpers.js';
import { pdfWords } from './pdf-helpers.js';

/**
 * The wide DOCX matrix as LibreOffice prints it (issue 14, item 1): every rotated role header shows
 * the role's whole name. Word and LibreOffice cut off what runs past a rotated cell ("Site
 * Reliability Engineer" printed as "Site Reliability"), so the text is read back from the PDF. A
 * right-to-left name is never rotated (LibreOffice drew it in the neighbouring column or above the
 * table): such a matrix, and one whose roles all have short names, prints short names over the
 * columns with a key of whole names, checked by where each header and code is on the page.
 */

let model: Model;
let pdfs: Record<string, string>;
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u00ad\u200b-\u200f\u202a-\u202e]+/gu, '');
const team = (m: Model) => compose(m, { document: m.documents[0]?.id ?? '' });
/** Each document's matrix block, by file name. */
const blocks: Record<string, MatrixBlock> = {};

beforeAll(async () => {
  const markdown = teamFixture(30, 40).markdown;
  model = modelOf(markdown, 'team.md');
  const irs: Record<string, DocumentIR> = {
    'team-charter': team(model),
    'matrix-poster': compose(
      model,
      { document: model.documents[0]?.id ?? '' },
      { template: 'matrix-poster' },
    ),
    // Rotated whole names: no short names, no right-to-left name.
    rotated: team(noAliases(modelOf(latinRoles(markdown), 'team.md'))),
    // 8 roles, rotated but for the Arabic name: made-up short names.
    'rtl-eight': team(noAliases(modelOf(teamFixture(8, 24).markdown, 'team.md'))),
  };
  const rtl = await load(['test/fixtures/rtl/team.md']);
  irs.rtl = compose(rtl, { document: rtl.documents[0]?.id ?? '' });
  const dir = tempDir();
  const files = [];
  for (const [name, ir] of Object.entries(irs)) {
    const path = join(dir, `${name}.docx`);
    writeFileSync(path, await renderDocx(ir));
    files.push(path);
    const block = ir.blocks.find((b) => b.type === 'matrix');
    if (block?.type === 'matrix') blocks[name] = block;
  }
  docxFiles = files;
  pdfs = await sofficeToPdf(files);
}, 240_000);

let docxFiles: string[] = [];

describe('OOXML schema', () => {
  it('the wide charter, the poster (on a sheet larger than Word’s largest page) and the RTL charters: 0 errors', async () => {
    const poster = docxFiles.find((f) => f.endsWith('matrix-poster.docx')) ?? '';
    expect(readFileSync(poster).length).toBeGreaterThan(0);
    for (const file of docxFiles)
      expect(await validate(new Uint8Array(readFileSync(file)), 'docx'), file).toEqual([]);
  });
});

describe('rotated role headers in LibreOffice', () => {
  it('every page with the matrix shows each of its roles’ whole names', () => {
    const pages = pdfText(pdfs.rotated ?? '', false).split('\f');
    const matrixPages = pages.filter((p) => /Review the release notes for sprint|Valider le budget/.test(p));
    expect(matrixPages.length).toBeGreaterThan(0);
    const names = (blocks.rotated?.columns ?? []).map((c) => c.name);
    expect(names).toHaveLength(30);
    const text = squash(pages.join(''));
    for (const name of names) expect(text, name).toContain(squash(name));
    // Each column group's table repeats its header on each of its pages: every page holds the
    // whole names of one group or the other.
    const first = names.slice(0, 10);
    const second = names.slice(-8);
    for (const page of matrixPages) {
      const t = squash(page);
      const group = first.some((n) => t.includes(squash(n))) ? first : second;
      for (const name of group) expect(t, name).toContain(squash(name));
    }
  });
});

describe('short names over the columns, right-to-left names in the key (LibreOffice)', () => {
  // The 30-role charter (every role has a short name), its poster (Arabic names cannot turn) and 8
  // roles without short names, one Arabic: was rotated, the Arabic name drawn in the next column.
  for (const name of ['team-charter', 'matrix-poster', 'rtl-eight']) {
    it(`${name}: each header sits over its own column's codes, every whole name is in the key`, () => {
      const block = blocks[name] as MatrixBlock;
      const headers = shortNames(block.columns);
      const read = readMatrix(pdfWords(pdfs[name] ?? ''), headers);
      expect(read.pages.length).toBeGreaterThan(0);
      for (const page of read.pages) {
        expect(page.headers.map((h) => h.text)).toEqual(headers);
        for (const col of block.columns)
          expect(nameIn(col.name, page.key), `page ${page.index + 1}: ${col.name}`).toBe(true);
      }
      expect(read.stray).toEqual([]);
      expect(read.codes).toEqual(expectedCodes(block, headers));
      const rows = block.rows.filter((r) => r.type === 'activity').length;
      expect(read.pages.reduce((sum, p) => sum + p.rows, 0)).toBe(rows);
    });
  }
});

describe('right-to-left paragraphs in LibreOffice', () => {
  it('an Arabic paragraph ends at the right margin; an English one starts at the left', () => {
    const pages = pdfWords(pdfs.rtl ?? '');
    const [page] = pages;
    if (!page) throw new Error('no page');
    const words = page.words;
    const right = Math.max(...words.map((w) => w.xMax));
    const left = Math.min(...words.map((w) => w.xMin));
    // The introduction, "هذا الميثاق … الفريق.": pdftotext gives its words in drawing order, and
    // its full stop as a word of its own.
    const stop = words.find((w) => w.text === '.');
    const line = words.filter((w) => Math.abs(w.yMin - (stop?.yMin ?? -99)) < 2);
    expect(line.some((w) => w.text === 'اذه' || w.text === 'هذا')).toBe(true);
    expect(Math.max(...line.map((w) => w.xMax))).toBeGreaterThan(right - 3);
    expect(Math.min(...line.map((w) => w.xMin))).toBeGreaterThan(left + 100);
    // The full stop is drawn at the left end of the line, where a right-to-left sentence ends.
    expect([...line].sort((x, y) => x.xMin - y.xMin)[0]?.text).toBe('.');
    const english = pages.flatMap((p) => p.words).find((w) => w.text === 'Helps');
    expect(english?.xMin).toBeLessThan(left + 3);
  });
});
