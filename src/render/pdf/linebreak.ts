import LineBreaker from 'linebreak';

export interface BreakOpportunity {
  /** A line may end before this UTF-16 index. */
  position: number;
  /** A hard break (a newline in the text). */
  required: boolean;
}

/** The Unicode line breaking algorithm (UAX #14) over a paragraph; the last break is its end. */
export function breakOpportunities(text: string): BreakOpportunity[] {
  const out: BreakOpportunity[] = [];
  if (text === '') return out;
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    if (brk.position <= last) continue;
    out.push({ position: brk.position, required: brk.required && brk.position < text.length });
    last = brk.position;
  }
  if (last < text.length) out.push({ position: text.length, required: false });
  return out;
}

/** Characters after which a long word or URL breaks best. */
const SOFT_AFTER = /[/\\.\-_?&=#:;,+~@|)\]}]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Where to cut a word that is wider than the line: each chunk as wide as fits, cut after URL
 * punctuation when one falls in the chunk's last 40 %, else between two graphemes. Returns the cut
 * positions; the text from the last cut to `end` fits too. A grapheme wider than the line gets a
 * line of its own rather than being lost.
 */
export function emergencyBreaks(
  text: string,
  start: number,
  end: number,
  width: (a: number, b: number) => number,
  max: number,
): number[] {
  const bounds: number[] = [];
  for (const seg of segmenter.segment(text.slice(start, end))) bounds.push(start + seg.index);
  bounds.push(end);
  const cuts: number[] = [];
  let from = 0; // index into bounds
  while (width(bounds[from] as number, end) > max && from < bounds.length - 2) {
    const s = bounds[from] as number;
    // Binary search for the last grapheme boundary that fits.
    let lo = from + 1;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (width(s, bounds[mid] as number) <= max) lo = mid;
      else hi = mid - 1;
    }
    let cut = lo;
    const floor = from + Math.max(1, Math.floor((lo - from) * 0.6));
    for (let k = lo; k >= floor; k--) {
      const ch = text[(bounds[k] as number) - 1] ?? '';
      if (SOFT_AFTER.test(ch)) {
        cut = k;
        break;
      }
    }
    cuts.push(bounds[cut] as number);
    from = cut;
  }
  return cuts;
}

/**
 * The pieces of a paragraph that a line never breaks inside (UAX #14), trailing spaces dropped:
 * the widest of them is the narrowest a box can be without cutting a word.
 */
export function unbreakable(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const brk of breakOpportunities(text)) {
    const piece = text.slice(start, brk.position).trimEnd();
    if (piece !== '') out.push(piece);
    start = brk.position;
  }
  return out;
}

/**
 * Widths for boxes side by side in `total` points: equal shares, except that a box whose longest
 * word (`least`) is wider than its share gets that width and the others share what is left. When
 * even the words do not fit side by side, returns null: the caller sets the text smaller.
 */
export function fitColumns(least: readonly number[], total: number): number[] | null {
  const n = least.length;
  if (n === 0) return [];
  if (least.reduce((a, b) => a + b, 0) > total) return null;
  const widths: (number | null)[] = least.map(() => null);
  for (;;) {
    const fixed = widths.reduce<number>((a, w) => a + (w ?? 0), 0);
    const open = widths.filter((w) => w === null).length;
    const share = (total - fixed) / open;
    let grew = false;
    least.forEach((l, i) => {
      if (widths[i] === null && l > share) {
        widths[i] = l;
        grew = true;
      }
    });
    if (!grew) return widths.map((w) => w ?? share);
  }
}
