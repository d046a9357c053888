import type { MatrixBlock } from '../src/ir/types.js';
import type { Model } from '../src/model/types.js';
import type { PageWords, Word } from './pdf-helpers.js';

/**
 * Reads a DOCX matrix back from LibreOffice's PDF of it (`pdftotext -bbox` word boxes), by place:
 * each column's header is found on the line of the "Activity" header, and every code letter is
 * given to the header whose column it sits in. A header drawn in the wrong column, or above the
 * table, gives its codes to another role (or to none), and the counts no longer match the IR's.
 */

/** NFKC, without the marks bidi text carries; right-to-left words come back from pdftotext as drawn. */
const norm = (s: string) => s.normalize('NFKC').replace(/[\u200b-\u200f\u202a-\u202e\u00ad]/gu, '');
const reversed = (s: string) => [...s].reverse().join('');
const same = (word: string, text: string) => norm(word) === norm(text) || reversed(norm(word)) === norm(text);
/** A code cell's text: letters joined by "/", perhaps followed by a note's number. */
const CODE = /^([A-Z](?:\/[A-Z])*)\d*$/u;
const centre = (w: Word) => (w.xMin + w.xMax) / 2;

export interface MatrixPage {
  /** Index of the page in the PDF. */
  index: number;
  /** The header texts found, left to right, and the centre of each. */
  headers: { text: string; x: number }[];
  /** The words above the header row: the key. */
  key: Word[];
  /** The words of the activity column under the header. */
  activity: Word[];
  /** Rows of codes: lines of the role columns holding code letters only. */
  rows: number;
}

export interface MatrixReadback {
  pages: MatrixPage[];
  /** For each header text, how many cells under it hold each code ("A", "A/R"…). */
  codes: Map<string, Map<string, number>>;
  /** Code letters under no column. */
  stray: Word[];
}

/**
 * The matrix pages of a PDF and the codes under each of `headers` (the header texts the DOCX
 * prints: short names or whole names, one word each), found by their places on the page.
 */
export function readMatrix(
  pages: PageWords[],
  headers: readonly string[],
  activityLabel = 'Activity',
): MatrixReadback {
  const codes = new Map(headers.map((h) => [h, new Map<string, number>()]));
  const stray: Word[] = [];
  const out: MatrixPage[] = [];
  pages.forEach((page, index) => {
    for (const label of page.words.filter((w) => w.text === activityLabel)) {
      const line = page.words.filter((w) => Math.abs(w.yMin - label.yMin) < 4 && w.xMin > label.xMax);
      const found = line
        .flatMap((w) => {
          const text = headers.find((h) => same(w.text, h));
          return text === undefined ? [] : [{ text, x: centre(w) }];
        })
        .sort((a, b) => a.x - b.x);
      if (found.length < Math.min(3, headers.length)) continue;
      const width =
        found.length > 1 ? ((found.at(-1)?.x ?? 0) - (found[0]?.x ?? 0)) / (found.length - 1) : 40;
      const left = (found[0]?.x ?? 0) - width / 2;
      const top = Math.max(label.yMax, ...line.map((w) => w.yMax));
      const below = page.words.filter((w) => w.yMin > top - 1);
      // Lines by their top; a line of the table holds nothing but codes in the role columns (a
      // group band's or a footnote's words are not codes).
      const lines = new Map<number, Word[]>();
      for (const w of below.filter((w) => centre(w) > left)) {
        const y = Math.round(w.yMin);
        const key = [...lines.keys()].find((k) => Math.abs(k - y) < 2) ?? y;
        lines.set(key, [...(lines.get(key) ?? []), w]);
      }
      let rows = 0;
      for (const words of lines.values()) {
        // A note's raised number ("C¹") may come back as a word of its own on the line.
        if (!words.every((w) => CODE.test(w.text) || /^\d+$/u.test(w.text))) continue;
        if (!words.some((w) => CODE.test(w.text))) continue;
        rows++;
        for (const w of words.filter((x) => CODE.test(x.text))) {
          const col = found.find((h) => Math.abs(h.x - centre(w)) < width / 2);
          const code = CODE.exec(w.text)?.[1] ?? '';
          if (!col) stray.push(w);
          else {
            const counts = codes.get(col.text) as Map<string, number>;
            counts.set(code, (counts.get(code) ?? 0) + 1);
          }
        }
      }
      out.push({
        index,
        headers: found,
        key: page.words.filter((w) => w.yMax < top - (label.yMax - label.yMin) - 1),
        activity: below.filter((w) => w.xMax < left + 1),
        rows,
      });
    }
  });
  return { pages: out, codes, stray };
}

/** What {@link readMatrix} should find: per header text, the codes of that column's cells. */
export function expectedCodes(
  block: MatrixBlock,
  headers: readonly string[],
): Map<string, Map<string, number>> {
  const out = new Map(headers.map((h) => [h, new Map<string, number>()]));
  for (const row of block.rows) {
    if (row.type !== 'activity') continue;
    row.cells.forEach((cell, i) => {
      if (cell.codes.length === 0) return;
      const counts = out.get(headers[i] ?? '') as Map<string, number>;
      const code = cell.codes.join('/');
      counts.set(code, (counts.get(code) ?? 0) + 1);
    });
  }
  return out;
}

/**
 * Whether every word of `name` is among `words`: right-to-left words are compared as drawn
 * (reversed), and words with a lam-alef ligature (which pdftotext reads back swapped) are skipped.
 */
export function nameIn(name: string, words: readonly Word[]): boolean {
  const texts = new Set(words.map((w) => norm(w.text)));
  // A name in a script without spaces may come back a character or two a word.
  const joined = words.map((w) => norm(w.text)).join('');
  return name
    .split(/\s+/u)
    .filter((w) => w !== '' && !/ل[اأإآ]/u.test(w))
    .every((part) => texts.has(norm(part)) || texts.has(reversed(norm(part))) || joined.includes(norm(part)));
}

/** The generated charts' Arabic role names in Latin letters: nothing keeps their headers from turning. */
const LATIN: Record<string, string> = {
  'مدير المنتج': 'Mudir al-muntaj',
  'محلل الأعمال': 'Muhallil al-aamal',
  'مهندس البرمجيات': 'Muhandis al-barmajiyat',
};

/** A generated chart's Markdown with no right-to-left role name (test/fixtures/pdf/generate.ts). */
export function latinRoles(markdown: string): string {
  let out = markdown;
  for (const [arabic, latin] of Object.entries(LATIN)) out = out.replaceAll(arabic, latin);
  return out;
}

/** A model whose roles have no short names: a wide matrix then rotates their whole names. */
export const noAliases = (m: Model): Model => ({ ...m, roles: m.roles.map((r) => ({ ...r, aliases: [] })) });
