import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentIR, MatrixBlock } from '../src/ir/types.js';
import { theme } from '../src/render/pdf/theme.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import {
  findColour,
  inkBox,
  type PageWords,
  pageText,
  pdfWords,
  renderPngs,
  renderTeam,
  squash,
} from './pdf-helpers.js';

const NOTO = existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
const matrixOf = (ir: DocumentIR) =>
  ir.blocks.find((b): b is MatrixBlock => b.type === 'matrix') as MatrixBlock;
const activities = (m: MatrixBlock) => m.rows.flatMap((r) => (r.type === 'activity' ? [r.name] : []));
const words = (p: PageWords) => p.words.map((w) => w.text);
/** Pages of the matrix: those whose header row says "Activity". */
const matrixPages = (pages: PageWords[]) =>
  pages.flatMap((p, i) => (words(p).includes('Activity') ? [i] : []));

const RTL = /[\u0590-\u08FF]/u;
/**
 * Whether extracted text holds a name. Right-to-left names are checked word by word, leaving out
 * words with a lam-alef ligature, whose two letters pdftotext reads back swapped.
 */
function holds(text: string, name: string): boolean {
  if (!RTL.test(name)) return squash(text).includes(squash(name));
  return name
    .split(/\s+/u)
    .filter((w) => !/ل[اأإآ]/u.test(w))
    .every((w) => text.includes(w));
}

/**
 * Whether every word of a name is among a page's word boxes: rotated names come out of
 * pdftotext word by word, in no reliable order. Right-to-left words are stored as drawn, reversed.
 */
function hasWords(page: PageWords, name: string): boolean {
  const set = new Set(words(page));
  return name
    .split(/\s+/u)
    .filter((w) => !/ل[اأإآ]/u.test(w))
    .every((w) => set.has(RTL.test(w) ? [...w].reverse().join('') : w));
}

/** Same letters, in any order: for right-to-left text, stored in visual order. */
const sameLetters = (a: string, b: string) =>
  [...squash(a)].sort().join('') === [...squash(b)].sort().join('');

/**
 * The words of each numbered matrix row, read from the word boxes of `pageIndexes`: a row starts
 * at its number (repeated when a long row continues on the next page); group bands are skipped.
 */
function rowTexts(pages: PageWords[], pageIndexes: number[]): Map<number, string[]> {
  const left = theme.page.margin.left;
  const rows = new Map<number, string[]>();
  for (const i of pageIndexes) {
    const page = pages[i] as PageWords;
    const head = page.words.find((w) => w.text === 'Activity');
    if (!head) continue;
    const body = page.words.filter((w) => w.yMin > head.yMax);
    const codeX = Math.min(...body.filter((w) => /^[RACI]$/.test(w.text)).map((w) => w.xMin));
    const lines = new Map<number, typeof body>();
    // Lines are made of the number and name columns only: a cell's raised note mark (7 pt) sits
    // between two rows' baselines and would join them.
    for (const w of body.filter((b) => b.xMax < codeX - 1)) {
      // Line up by the bottom of the box: fonts differ in ascent (CJK is taller) more than in descent.
      const key = [...lines.keys()].find((y) => Math.abs(y - w.yMax) < 1.5) ?? w.yMax;
      lines.set(key, [...(lines.get(key) ?? []), w]);
    }
    let current: number | null = null;
    for (const y of [...lines.keys()].sort((a, b) => a - b)) {
      const line = (lines.get(y) ?? []).sort((a, b) => a.xMin - b.xMin);
      const first = line[0];
      if (first && first.xMin < left + 24) {
        current = /^\d+$/.test(first.text) ? Number(first.text) : null;
      }
      if (current === null) continue;
      const inName = line.filter((w) => w.xMin >= left + 24 && w.xMax < codeX - 1).map((w) => w.text);
      rows.set(current, [...(rows.get(current) ?? []), ...inName]);
    }
  }
  return rows;
}

/**
 * Every word stays inside the page's text area; the running header and the footer sit in the
 * margins, so their bands are allowed too.
 */
function expectInsideMargins(pages: PageWords[]) {
  const m = theme.page.margin;
  for (const [i, p] of pages.entries()) {
    for (const w of p.words) {
      const where = `page ${i + 1}: “${w.text}” at ${w.xMin},${w.yMin}–${w.xMax},${w.yMax}`;
      expect(w.xMin, where).toBeGreaterThanOrEqual(m.left - 1);
      expect(w.xMax, where).toBeLessThanOrEqual(p.width - m.right + 1);
      expect(w.yMin, where).toBeGreaterThanOrEqual(m.top - 34);
      expect(w.yMax, where).toBeLessThanOrEqual(p.height - m.bottom + 36);
    }
  }
}

describe('a 30-role matrix, in seven languages', () => {
  let team: Awaited<ReturnType<typeof renderTeam>>;
  let pages: PageWords[];

  beforeAll(async () => {
    team = await renderTeam(readFileSync('test/fixtures/pdf/team-30.md', 'utf8'), {}, 'team-30.md');
    pages = pdfWords(team.path);
  });

  it('puts all 30 roles side by side on landscape pages, each page headed by every role name', () => {
    const matrix = matrixOf(team.ir);
    expect(matrix.columns).toHaveLength(30);
    const on = matrixPages(pages);
    expect(on.length).toBeGreaterThan(2);
    for (const i of on) {
      const page = pages[i] as PageWords;
      expect(page.width, `page ${i + 1} is landscape`).toBeGreaterThan(page.height);
      const text = pageText(team.path, i + 1);
      for (const col of matrix.columns)
        expect(holds(text, col.name), `page ${i + 1}: ${col.name}`).toBe(true);
    }
  });

  it('keeps every word inside the margins', () => expectInsideMargins(pages));

  it('draws nothing outside the margins: the rendered pages (PNG) have no ink there', () => {
    const dpi = 30;
    const k = dpi / 72;
    const m = theme.page.margin;
    for (const [i, png] of renderPngs(team.path, dpi, 1, pages.length).entries()) {
      const box = inkBox(png);
      expect(box, `page ${i + 1} is not blank`).not.toBeNull();
      if (!box) continue;
      expect(box.x0, `page ${i + 1} left`).toBeGreaterThanOrEqual(Math.floor((m.left - 1) * k));
      expect(box.x1, `page ${i + 1} right`).toBeLessThanOrEqual(Math.ceil(png.width - (m.right - 1) * k));
      expect(box.y0, `page ${i + 1} top`).toBeGreaterThanOrEqual(Math.floor((m.top - 34) * k));
      expect(box.y1, `page ${i + 1} bottom`).toBeLessThanOrEqual(Math.ceil(png.height - (m.bottom - 36) * k));
    }
  });

  it('prints a legend on every matrix page (the code colours, under the running header)', () => {
    const on = matrixPages(pages);
    const pngs = renderPngs(team.path, 30, (on[0] ?? 0) + 1, (on[on.length - 1] ?? 0) + 1);
    const accountable = matrixOf(team.ir).codes.find((c) => c.code === 'A')?.color ?? '';
    for (const [k, png] of pngs.entries()) {
      const band = Math.round(((theme.page.margin.top + 60) * 30) / 72);
      expect(findColour(png, accountable, 0, band), `page ${(on[k] ?? 0) + 1}`).not.toBeNull();
      expect(words(pages[on[k] ?? 0] as PageWords)).toContain('Accountable');
    }
  });

  it('reads right-to-left names in logical order, and draws Japanese with the CJK fallback', () => {
    const text = pageText(team.path, (matrixPages(pages)[0] ?? 0) + 1);
    // pdftotext reorders what it sees into logical order: had the words been laid out left to
    // right in logical order, it would read them back reversed.
    expect(text).toContain('مدير المنتج');
    expect(text).toContain('مهندس البرمجيات');
    if (NOTO) expect(text).toContain('プロダクトマネージャー');
  });
});

describe('40 roles × 1,000 activities', () => {
  let team: Awaited<ReturnType<typeof renderTeam>>;
  let pages: PageWords[];
  let matrix: MatrixBlock;
  const fixture = teamFixture(40, 1000, { giantRow: true });

  beforeAll(async () => {
    // 40,000 cells: twice the default limits.cells (what the DOCX writer draws in ~10 s); the PDF
    // pager takes it, and this test is about the pager.
    team = await renderTeam(fixture.markdown, {}, 'team-40.md', { limits: { cells: 40_000 } });
    pages = pdfWords(team.path);
    matrix = matrixOf(team.ir);
  }, 120_000);

  it('splits the roles into two groups, each page captioned and headed by its group', () => {
    expect(activities(matrix)).toHaveLength(1000);
    const on = matrixPages(pages);
    expect(on.length).toBeGreaterThan(20);
    const captions = new Set<string>();
    for (const i of on) {
      const text = words(pages[i] as PageWords).join(' ');
      const caption = /Roles (\d+)–(\d+) of 40/.exec(text);
      expect(caption, `page ${i + 1} caption`).not.toBeNull();
      captions.add(caption?.[0] ?? '');
      const from = Number(caption?.[1]) - 1;
      const to = Number(caption?.[2]);
      for (const col of matrix.columns.slice(from, to))
        expect(hasWords(pages[i] as PageWords, col.name), `page ${i + 1}: ${col.name}`).toBe(true);
      // The legend strip repeats too.
      for (const code of matrix.codes) expect(text, `page ${i + 1}`).toContain(code.label);
    }
    expect([...captions].sort()).toEqual(['Roles 1–20 of 40', 'Roles 21–40 of 40']);
  });

  it('keeps every word inside the margins', () => expectInsideMargins(pages));

  it('has every activity in full, in its own row, in both groups: nothing truncated or dropped', () => {
    const on = matrixPages(pages);
    const expected = activities(matrix);
    for (const group of [on.slice(0, on.length / 2), on.slice(on.length / 2)]) {
      const rows = rowTexts(pages, group);
      expect(rows.size).toBe(expected.length);
      expected.forEach((name, i) => {
        const got = (rows.get(i + 1) ?? []).join(' ');
        if (RTL.test(name)) expect(sameLetters(got, name), `row ${i + 1}: ${got} ≠ ${name}`).toBe(true);
        else expect(squash(got), `row ${i + 1}`).toBe(squash(name));
      });
    }
  });

  it('continues a row taller than a page onto the next pages', () => {
    const giant = fixture.activities[10] as string;
    expect(giant.length).toBeGreaterThan(5000);
    const first = pages.findIndex((p) => squash(words(p).join('')).includes('(part1)'));
    const last = pages.findIndex((p) => squash(words(p).join('')).includes('(part40)'));
    expect(first).toBeGreaterThan(0);
    expect(last - first).toBeGreaterThanOrEqual(2);
    for (let i = first; i <= last; i++)
      expect(words(pages[i] as PageWords), `page ${i + 1}`).toContain('Activity');
  });

  it('breaks both groups into pages alike, so row n sits on page k of either group', () => {
    const on = matrixPages(pages);
    const rowNumbers = (p: PageWords) => {
      const x = theme.page.margin.left + 26;
      return p.words
        .filter((w) => /^\d+$/.test(w.text) && w.xMax < x)
        .sort((a, b) => a.yMin - b.yMin)
        .map((w) => Number(w.text));
    };
    const half = on.length / 2;
    expect(Number.isInteger(half)).toBe(true);
    for (let k = 0; k < half; k++) {
      const a = rowNumbers(pages[on[k] ?? 0] as PageWords);
      expect(a.length, `page ${k + 1}`).toBeGreaterThan(0);
      expect(rowNumbers(pages[on[k + half] ?? 0] as PageWords)).toEqual(a);
    }
  });
});
