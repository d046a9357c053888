import bidiModule, { type Bidi } from 'bidi-js';

// bidi-js is CommonJS: its default import is the factory its types call `export default`.
const bidi = (bidiModule as unknown as () => Bidi)();

/** Characters that can start a right-to-left run; text without any is laid out left to right. */
const RTL_HINT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202B\u202E\u2067\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Scripts fontkit lays out right to left: it reverses their glyphs itself (see `drawString`). */
const RTL_SCRIPT =
  /\p{Script=Arabic}|\p{Script=Hebrew}|\p{Script=Syriac}|\p{Script=Thaana}|\p{Script=Nko}|\p{Script=Samaritan}|\p{Script=Mandaic}|\p{Script=Adlam}|\p{Script=Hanifi_Rohingya}|\p{Script=Mende_Kikakui}/u;
const NEUTRAL_SCRIPT = /\p{Script=Common}|\p{Script=Inherited}|\p{Script=Unknown}/u;

export interface Levels {
  /** Embedding level per UTF-16 code unit: even is left to right, odd right to left. */
  levels: Uint8Array;
  /** The paragraph's base direction. */
  rtl: boolean;
}

/**
 * Runs the Unicode bidi algorithm over a paragraph, or returns null when it is all left to right.
 * `dir` sets the paragraph's base direction (a sentence of the document's language around a
 * Hebrew name stays left to right); without it the first strong character decides (rule P2).
 */
export function embeddingLevels(text: string, dir?: 'ltr' | 'rtl'): Levels | null {
  if (!RTL_HINT.test(text) && dir !== 'rtl') return null;
  const result = bidi.getEmbeddingLevels(text, dir ?? 'auto');
  return { levels: result.levels, rtl: (result.paragraphs[0]?.level ?? 0) % 2 === 1 };
}

/**
 * Reorders the units of one line from logical to visual order (rule L2 of UAX #9): from the
 * highest level down to the lowest odd one, every run of units at that level or above is reversed.
 * Units are uniform in level, so reversing units reverses the characters' order between them; the
 * characters inside a right-to-left unit are reversed when it is drawn.
 */
export function visualOrder<T extends { level: number }>(units: readonly T[]): T[] {
  const out = [...units];
  let max = 0;
  let minOdd = Number.POSITIVE_INFINITY;
  for (const u of out) {
    max = Math.max(max, u.level);
    if (u.level % 2 === 1) minOdd = Math.min(minOdd, u.level);
  }
  for (let level = max; level >= minOdd; level--) {
    let i = 0;
    while (i < out.length) {
      if ((out[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && (out[j]?.level ?? 0) >= level) j++;
      const run = out.slice(i, j).reverse();
      out.splice(i, j - i, ...run);
      i = j;
    }
  }
  return out;
}

/** The first script of a string that fontkit uses to choose the direction of its glyphs. */
function fontkitRtl(text: string): boolean {
  for (const ch of text) {
    if (NEUTRAL_SCRIPT.test(ch)) continue;
    return RTL_SCRIPT.test(ch);
  }
  return false;
}

const reverse = (s: string): string => Array.from(s).reverse().join('');

/**
 * The string to hand to pdfkit so that a unit comes out in visual order. A right-to-left unit is
 * mirrored (`(` becomes `)`) and reversed; but fontkit itself reverses the glyphs of runs in a
 * right-to-left script (when the font has OpenType layout), and Arabic must reach it in logical
 * order to be shaped, so such units are handed over unreversed.
 */
export function drawString(text: string, level: number, shapesRtl: boolean): string {
  const rtl = level % 2 === 1;
  const reversedByFontkit = shapesRtl && fontkitRtl(text);
  if (!rtl) return reversedByFontkit ? reverse(text) : text;
  let mirrored = '';
  for (const ch of text) mirrored += bidi.getMirroredCharacter(ch) ?? ch;
  return reversedByFontkit ? mirrored : reverse(mirrored);
}
