import type { PdfContext } from './context.js';

/** The longest line of body text, in characters: some 66 is ideal, 80 the most that reads well. */
export const MAX_LINE_CHARS = 80;

/** A pangram of ordinary English: its width per character is that of running text. */
const SAMPLE = 'The quick brown fox jumps over the lazy dog, and then the team reviews the plan. ';

const cache = new WeakMap<PdfContext, Map<number, number>>();

/**
 * How wide a column of body text may be at `size` points: `MAX_LINE_CHARS` characters of the
 * theme's body font, or the whole text width when that is narrower. An A4 page with 2 cm margins
 * held some 98 characters a line at 9.5 pt, too long for the eye to find the next line.
 */
export function bodyMeasure(w: PdfContext, size: number): number {
  let sizes = cache.get(w);
  if (!sizes) {
    sizes = new Map();
    cache.set(w, sizes);
  }
  let width = sizes.get(size);
  if (width === undefined) {
    const sample = w.measure(w.plain(SAMPLE, 'regular', size), Number.POSITIVE_INFINITY).width;
    width = (sample / SAMPLE.length) * MAX_LINE_CHARS;
    sizes.set(size, width);
  }
  return Math.min(width, w.width);
}
