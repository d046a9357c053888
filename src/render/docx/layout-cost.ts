/**
 * Whether docx's page-number estimate (`docx/layout`, which pre-fills the contents' page numbers)
 * can run in reasonable time on a document. It breaks a word wider than its line by fitting it
 * character by character, which costs the square of the word's length: one 8,000-character word
 * (a pasted URL or base64 blob) took 13 s, and a 40 KB run of such words a minute. Above the
 * budget the contents are written without page numbers, which Word and LibreOffice fill in when
 * the fields are updated, rather than a build that crawls.
 */
import type { DocumentIR } from '../../ir/types.js';
import { WORD_BREAK } from '../../read/long-words.js';

/** Words shorter than this fit a line of the narrowest column used, and cost nothing extra. */
const SHORT_WORD = 40;

/** The sum of the squared lengths of long words, above which the estimate is skipped (≈ 1–2 s). */
export const LAYOUT_BUDGET = 400_000;

/** The estimate's extra cost for a document: the sum of the squared lengths of its long words. */
export function longWordCost(ir: DocumentIR): number {
  let cost = 0;
  // Every string of the IR (names, text runs, cells): what the layout measures, and a little more.
  JSON.stringify(ir, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length >= SHORT_WORD) {
      // Words as the limit counts them (read/pathological.ts): no-break spaces join, never split.
      for (const word of value.split(WORD_BREAK))
        if (word.length >= SHORT_WORD) cost += word.length * word.length;
    }
    return value;
  });
  return cost;
}
