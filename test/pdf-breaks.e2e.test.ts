import { describe, expect, it } from 'vitest';
import { type PageWords, pdfWords, renderTeam } from './pdf-helpers.js';

/**
 * Page breaks a reader notices (issue 14, item 8, PDF): a role's last field alone at the top of a
 * page, a paragraph's last line alone there, a heading at a page foot without what follows, a
 * matrix header with two rows under it. Documents are generated in many lengths so that every
 * kind of block meets the page boundary at many offsets; each is read back from the PDF's words.
 */

/** Where each word is: page and line (its box's top, rounded), in reading order. */
function locate(pages: PageWords[]) {
  const at = new Map<string, { page: number; y: number }[]>();
  pages.forEach((p, page) => {
    for (const w of p.words) at.set(w.text, [...(at.get(w.text) ?? []), { page, y: Math.round(w.yMin) }]);
  });
  return (word: string) => at.get(word) ?? [];
}

/** A team whose roles have purposes of 1 to 7 lines, then two fields; `lead` lines of introduction. */
function team(lead: number, roles = 14): string {
  const words = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, k) => `${prefix}w${k + 1}`).join(' ');
  const lines = ['# Breaks', '', words('intro', lead * 12), '', '## Roles', ''];
  for (let r = 1; r <= roles; r++) {
    lines.push(`### Role ${r} heading${r}`, '');
    lines.push(words(`p${r}`, 6 + ((r * 5 + lead) % 7) * 12), '');
    lines.push(`- **Focus:** focus${r}`, `- **Reports to:** head${r}`, '');
  }
  lines.push(
    '## Responsibilities',
    '',
    `| Activity | ${Array.from({ length: 3 }, (_, i) => `Role ${i + 1} heading${i + 1}`).join(' | ')} |`,
  );
  lines.push('|---|---|---|---|');
  for (let a = 1; a <= 12; a++) lines.push(`| Task${a} | A | R | ${a % 2 ? 'C' : 'I'} |`);
  return lines.join('\n');
}

describe('page breaks, on documents of many lengths', () => {
  it('a role keeps its heading with its purpose, its last field with the one before, every paragraph ≥ 2 lines a page', async () => {
    let boundaries = 0;
    for (let lead = 0; lead < 16; lead++) {
      const { path, model } = await renderTeam(team(lead), {}, 'breaks.md');
      const pages = pdfWords(path);
      const where = locate(pages);
      for (const role of model.roles) {
        const r = /\d+/u.exec(role.name)?.[0] ?? '';
        const heading = where(`heading${r}`).at(-1);
        const purpose = where(`p${r}w1`)[0];
        const focus = where(`focus${r}`)[0];
        const head = where(`head${r}`)[0];
        const context = `lead ${lead}, role ${r}`;
        expect(heading?.page, `${context}: heading with its purpose`).toBe(purpose?.page);
        expect(head?.page, `${context}: "Reports to" with "Focus"`).toBe(focus?.page);
        // A purpose paragraph split between pages: two lines at least on each.
        const lines = new Map<number, Set<number>>();
        for (let k = 1; where(`p${r}w${k}`).length > 0; k++) {
          const w = where(`p${r}w${k}`)[0];
          if (w) lines.set(w.page, new Set([...(lines.get(w.page) ?? []), w.y]));
        }
        if (lines.size < 2) continue;
        boundaries++;
        for (const [page, ys] of lines)
          expect(ys.size, `${context}: lines on page ${page + 1}`).toBeGreaterThanOrEqual(2);
      }
    }
    // The loop did meet the page boundary inside paragraphs, not only between blocks.
    expect(boundaries).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('a matrix starts with its header and 4 rows at least, or on the next page with its heading', async () => {
    // Introductions of 17 to 62 lines: the matrix's heading walks down the page and over.
    for (let lead = 0; lead < 24; lead++) {
      const doc = [
        '# Matrix breaks',
        '',
        Array.from({ length: 200 + lead * 24 }, (_, k) => `introw${k + 1}`).join(' '),
        '',
        '## Roles',
        '',
        '### Lead (L)',
        '',
        '### Maker (M)',
        '',
        '## Responsibilities',
        '',
        '| Activity | L | M |',
        '|---|---|---|',
        ...Array.from({ length: 14 }, (_, a) => `| Task${a + 1} | A | R |`),
      ].join('\n');
      const { path } = await renderTeam(doc, {}, 'matrix.md');
      const pages = pdfWords(path);
      const first = pages.findIndex((p) => p.words.some((w) => w.text === 'Activity'));
      const page = pages[first] as PageWords;
      const rows = page.words.filter((w) => /^Task\d+$/u.test(w.text)).length;
      expect(rows, `lead ${lead}: rows under the first header`).toBeGreaterThanOrEqual(4);
      const heading = page.words.find((w) => w.text === 'Responsibility');
      expect(heading, `lead ${lead}: the matrix's heading on its first page`).toBeDefined();
    }
  }, 60_000);
});
