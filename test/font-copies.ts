import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { expect } from 'vitest';
import { fontData } from '../src/render/pdf/fonts.js';

/**
 * Copies of DejaVu Sans as the PDF writer makes one per document, and what pdfkit reads of their
 * layouts: for the tests of shaping shared within a process (shared-layout.test.ts) and kept
 * between processes (shaping-cache.test.ts).
 */

interface Glyph {
  id: number;
  codePoints: number[];
}
export interface Run {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
export type Font = fontkit.Font & { layout(text: string): Run; _glyphs: Record<number, Glyph | undefined> };

const DATA = fontData('regular');
export const fresh = (): Font => fontkit.create(DATA) as Font;

/** What pdfkit reads of a run, and the characters it writes for each glyph (ToUnicode). */
export const seen = (run: Run) => ({
  glyphs: run.glyphs.map((g) => `${g.id}:${g.codePoints.join(',')}`),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: run.advanceWidth,
});
const glyphCache = (font: Font) =>
  Object.entries(font._glyphs).map(([id, g]) => `${id}:${g ? g.codePoints.join(',') : '-'}`);

/**
 * Latin with kerning pairs and ligatures (and the ligatures typed as characters, which share their
 * glyphs), accents precomposed and combining, Arabic with its presentation forms typed as
 * characters (they share glyphs with the shaped letters, so the shaping of a word depends on which
 * came first in the document), Hebrew, soft hyphen, zero-width space and
 * joiner, a variation selector, and a character DejaVu does not have.
 */
const PIECES = [
  'A',
  'V',
  'T',
  'o',
  'f',
  'i',
  'l',
  'ffi',
  'office',
  'ﬁ',
  'ﬃ',
  'fl',
  'é',
  'e\u0301',
  'ç',
  ' ',
  'مدير',
  'ي',
  'ب',
  'ﻳ',
  'ﺑ',
  'ﻻ',
  '\u064E',
  'لا',
  'ر',
  'שלום',
  'ש',
  '\u00AD',
  '\u200B',
  '\u200D',
  '\uFE0F',
  '1',
  '-',
  '開',
];
export const word = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join(''));

/**
 * Shapes each step's word with copy `i` of `plain` (fontkit alone) and of `sharing` (the copies
 * under test), and requires the same runs, the copy's own glyph objects, and in the end the same
 * glyph caches: pdfkit subsets and maps glyphs per document.
 */
export function expectLikeFontkit(
  plain: readonly Font[],
  sharing: readonly Font[],
  steps: readonly (readonly [number, string])[],
): void {
  for (const [copy, text] of steps) {
    const expected = (plain[copy] as Font).layout(text);
    const actual = (sharing[copy] as Font).layout(text);
    expect(seen(actual)).toEqual(seen(expected));
    actual.glyphs.forEach((g) => {
      expect((sharing[copy] as Font)._glyphs[g.id]).toBe(g);
    });
  }
  plain.forEach((font, i) => {
    expect(glyphCache(sharing[i] as Font)).toEqual(glyphCache(font));
  });
}
