/**
 * How tall the rotated role headers of a DOCX matrix must be, and at what size, so that every
 * role's whole name shows. Word and LibreOffice do not grow a row for text that runs up a rotated
 * cell: a name longer than the row is cut off ("Site Reliability Engineer" printed as "Site
 * Reliability"), and two columns may then read the same. So the writer works the height out.
 *
 * Widths are estimated for Calibri Bold (the styles' font; LibreOffice draws it as Carlito, which
 * has the same widths), from its average advance per kind of character, rounded up: a header a
 * little too tall costs some white space, one too short loses words.
 */

/** Advance widths of Calibri Bold in em, rounded up, by kind of character. */
function advance(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === ' ') return 0.23;
  // East Asian wide and full-width characters (CJK, kana, Hangul, full-width forms): one em.
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  )
    return 1;
  if (/[0-9]/.test(ch)) return 0.51;
  if (/[mwMW]/.test(ch)) return 0.82;
  if (/[iljtfrI.,:;'’|!]/.test(ch)) return 0.3;
  if (/\p{Lu}/u.test(ch)) return 0.62;
  if (/\p{L}/u.test(ch)) return 0.52;
  return 0.45;
}

/** The width of `text` in points at `size` points, in Calibri Bold (an estimate, on the safe side). */
export function textPoints(text: string, size: number): number {
  let em = ems.get(text);
  if (em === undefined) {
    em = 0;
    for (const ch of text) em += advance(ch);
    if (ems.size >= 20_000) ems.clear();
    ems.set(text, em);
  }
  return em * size * 1.04;
}

/**
 * Each word's width in em, summed once: the matrix planner measures the same role names and
 * activity words at each size and density it tries, up to nine plans a matrix (1–2% of a DOCX of
 * the M set went to `advance`'s character classes).
 */
const ems = new Map<string, number>();

/** Lines of at most `width` points, breaking at spaces; a word longer than a line stands alone. */
function lineCount(words: number[], space: number, width: number): number {
  let lines = 1;
  let used = 0;
  for (const w of words) {
    if (used === 0) used = w;
    else if (used + space + w <= width) used += space + w;
    else {
      lines++;
      used = w;
    }
  }
  return lines;
}

export interface HeaderFit {
  /** The header row's height, in DXA. */
  height: number;
  /** The role names' size in points (the style's, or smaller when the names would not fit). */
  size: number;
}

/**
 * The row height (and, when needed, a smaller type size) at which every name fits its rotated
 * cell on one line running up it. The height is the least that holds every name in those lines, the longest
 * word whole; when that is more than `maxHeight`, the type gets smaller, down to `minSize`, and the
 * height then stays what the names need (taller than asked rather than cut).
 */
export function fitRotatedHeaders(
  names: readonly string[],
  _columnWidth: number,
  size: number,
  maxHeight: number,
  minSize = 6,
): HeaderFit {
  const need = (s: number): number => {
    // One line per name: docx's page layout (which numbers the contents) lays a rotated name out
    // on one line whatever the column's width, while LibreOffice wraps it across the column: a
    // header row they disagree on moved every page number after the matrix (docx-tools.e2e).
    // (Wrapping across the column, as the PDF does, would make shorter headers.)
    const lines = 1;
    const space = textPoints(' ', s);
    let most = 0;
    for (const name of names) {
      const words = name
        .split(/\s+/)
        .filter((w) => w !== '')
        .map((w) => textPoints(w, s));
      if (words.length === 0) continue;
      // The least line length that holds the name in `lines` lines: from the longest word up.
      let length = Math.max(...words);
      const total = words.reduce((a, b) => a + b, 0) + space * (words.length - 1);
      while (length < total && lineCount(words, space, length) > lines) length += s / 2;
      most = Math.max(most, length);
    }
    return Math.ceil((most + 8) * 20);
  };
  let s = size;
  let height = need(s);
  while (height > maxHeight && s - 0.5 >= minSize) {
    s -= 0.5;
    height = need(s);
  }
  return { height: Math.max(height, 600), size: s };
}
