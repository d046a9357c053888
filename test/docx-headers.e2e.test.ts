import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, load } from '../src/index.js';
import type { Model } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { sofficeToPdf } from './docx-helpers.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf, pdfText, tempDir } from './helpers.js';
import { pdfWords } from './pdf-helpers.js';

/**
 * The wide DOCX matrix as LibreOffice prints it (issue 14, item 1): every rotated role header shows
 * the role's whole name. Word and LibreOffice cut off what runs past a rotated cell ("Site
 * Reliability Engineer" printed as "Site Reliability"), so the text is read back from the PDF.
 */

let model: Model;
let pdfs: Record<string, string>;
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u00ad\u200b-\u200f\u202a-\u202e]+/gu, '');
const RTL = /[\u0590-\u08ff]/u;

beforeAll(async () => {
  model = modelOf(teamFixture(30, 40).markdown, 'team.md');
  const doc = model.documents[0]?.id ?? '';
  const dir = tempDir();
  const files = [];
  for (const template of ['team-charter', 'matrix-poster']) {
    const path = join(dir, `${template}.docx`);
    writeFileSync(path, await renderDocx(compose(model, { document: doc }, { template })));
    files.push(path);
  }
  const rtl = await load(['test/fixtures/rtl/team.md']);
  const path = join(dir, 'rtl.docx');
  writeFileSync(path, await renderDocx(compose(rtl, { document: rtl.documents[0]?.id ?? '' })));
  files.push(path);
  docxFiles = files;
  pdfs = await sofficeToPdf(files);
});

let docxFiles: string[] = [];

describe('OOXML schema', () => {
  it('the wide charter, the poster (on a sheet larger than Word’s largest page) and the RTL charter: 0 errors', async () => {
    const poster = docxFiles.find((f) => f.endsWith('matrix-poster.docx')) ?? '';
    expect(readFileSync(poster).length).toBeGreaterThan(0);
    for (const file of docxFiles)
      expect(await validate(new Uint8Array(readFileSync(file)), 'docx'), file).toEqual([]);
  });
});

describe('rotated role headers in LibreOffice', () => {
  for (const template of ['team-charter', 'matrix-poster']) {
    it(`${template}: every page with the matrix shows each of its roles' whole names`, () => {
      const pages = pdfText(pdfs[template] ?? '', false).split('\f');
      const matrixPages = pages.filter((p) =>
        /Review the release notes for sprint|Valider le budget/.test(p),
      );
      expect(matrixPages.length).toBeGreaterThan(0);
      // Names in right-to-left scripts come back from pdftotext in drawing order: checked by letters.
      const names = model.roles.map((r) => r.name).filter((n) => !RTL.test(n));
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
