import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, render } from '../src/index.js';
import { theme } from '../src/render/pdf/theme.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf, tempDir } from './helpers.js';
import { type PageWords, pdfWords } from './pdf-helpers.js';

/**
 * The wide team charter (issue 14, item 7): 150 activities × 30 roles with names in seven
 * scripts. Its landscape matrix pages set the rows densely under a lower header band, so the
 * matrix takes half the pages it took (13 matrix pages of about 12 rows before), and every role's
 * whole name is still printed in the header of every matrix page.
 */

const RTL = /[\u0590-\u08ff]/u;
const left = theme.page.margin.left;

/**
 * The matrix's row numbers on a page: digits right-aligned in the number column, under the
 * "Activity" header (the notes' numbers under the table start at the margin).
 */
function rowNumbers(page: PageWords): number[] {
  const head = page.words.find((w) => w.text === 'Activity');
  if (!head) return [];
  return page.words
    .filter((w) => w.yMin > head.yMax && w.xMax > left + 12 && w.xMax < left + 24 && /^\d+$/u.test(w.text))
    .map((w) => Number(w.text));
}

describe('a 150 × 30 team charter', () => {
  let pages: PageWords[];
  let roles: string[];

  beforeAll(async () => {
    const fixture = teamFixture(30, 150);
    roles = fixture.roles;
    const m = modelOf(fixture.markdown, 'team.md');
    const path = join(tempDir(), 'charter.pdf');
    writeFileSync(path, await render(compose(m, { document: m.documents[0]?.id ?? '' }), 'pdf'));
    pages = pdfWords(path);
  });

  it('sets about 24 rows on each landscape matrix page: 150 rows on 7 pages, not 13', () => {
    const matrix = pages.flatMap((p, i) => (rowNumbers(p).length > 0 ? [i] : []));
    const counts = matrix.map((i) => rowNumbers(pages[i] as PageWords).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(150);
    expect(matrix.length).toBeLessThanOrEqual(7);
    for (const i of matrix)
      expect((pages[i] as PageWords).width).toBeGreaterThan((pages[i] as PageWords).height);
    // Every page but the first (under the heading) and the last holds at least 23 rows.
    for (const n of counts.slice(1, -1)) expect(n).toBeGreaterThanOrEqual(23);
    // Every row, in order: none lost between pages.
    const all = matrix.flatMap((i) => rowNumbers(pages[i] as PageWords)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 150 }, (_, k) => k + 1));
  });

  it('prints every role’s whole name in the header of every matrix page, at 6.5 pt or more', () => {
    const matrix = pages.filter((p) => rowNumbers(p).length > 0);
    for (const [k, page] of matrix.entries()) {
      const words = new Set(page.words.map((w) => w.text));
      for (const name of roles) {
        // Right-to-left words are stored as drawn (reversed); lam-alef ligatures read back swapped.
        const parts = name
          .split(/\s+/u)
          .filter((w) => !/ل[اأإآ]/u.test(w))
          .map((w) => (RTL.test(w) ? [...w].reverse().join('') : w));
        for (const part of parts) expect(words.has(part), `page ${k + 1}: ${name} (${part})`).toBe(true);
      }
      // The rotated names' boxes are as wide as their type is tall: 6.5 pt at least.
      const header = page.words.filter((w) => roles.some((r) => r.split(/\s+/u).includes(w.text)));
      const thinnest = Math.min(...header.map((w) => w.xMax - w.xMin));
      expect(thinnest).toBeGreaterThanOrEqual(6.5);
    }
  });
});
