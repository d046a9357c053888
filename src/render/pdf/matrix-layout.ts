import type { MatrixBlock } from '../../ir/types.js';
import type { TextBlock } from './text.js';
import { theme as defaultTheme } from './theme.js';
import type { PdfWriter } from './writer.js';

/** Narrowest role column that still shows a rotated name and a two-letter cell. */
export const MIN_COL = 19;
/** Narrowest column per role when the roles are split into groups. */
const MIN_GROUP_COL = 22;
/** Widest role column: wider ones only spread the matrix thin. */
const MAX_COL = 58;
export const PAD_X = 5;
export const PAD_Y = 4.5;
export const MIN_ROW = 17;
export const BAND_PAD = 3.5;
export const LEGEND_STRIP = 15;
export const CAPTION = 14;
/** Rotated headers longer than this wrap onto a second line, when the column has room for one. */
const ROTATED_TARGET = 80;
/** Width of the row numbers printed when rows must be matched across column groups. */
export const NUMBER_W = 20;

export interface MatrixLayout {
  activityWidth: number;
  colWidth: number;
  /** Column indices per group; one group when all roles fit side by side. */
  groups: number[][];
  rotated: boolean;
  headerHeight: number;
  landscape: boolean;
  /** Row numbers in the activity column, so rows can be matched across column groups. */
  numbered: boolean;
}

const MIN_ACTIVITY = 130;
/** The document's type size against the default: a theme or template may scale it (posters, handouts). */
const typeScale = (w: PdfWriter): number => Math.max(1, w.theme.size.body / defaultTheme.size.body);
/** The activity column: up to 230 pt, more with a poster's larger type (its names would wrap again). */
const activityWidthFor = (width: number, scale = 1): number =>
  Math.min(230 * scale, Math.max(MIN_ACTIVITY, width * 0.36));

/** Splits `n` columns into the fewest balanced groups of at most `max`. */
export function splitColumns(n: number, max: number): number[][] {
  const count = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const size = Math.ceil(n / count);
  const groups: number[][] = [];
  for (let start = 0; start < n; start += size) {
    groups.push(Array.from({ length: Math.min(size, n - start) }, (_, i) => start + i));
  }
  return groups.length > 0 ? groups : [[]];
}

export function headerSpans(w: PdfWriter, name: string, ref?: string) {
  const t = w.theme;
  return w.plain(
    name,
    'condensedBold',
    t.size.matrixHeader,
    ref ? t.color.accent : t.color.text,
    ref ? { goTo: ref } : {},
  );
}

/** The header height when every name wraps horizontally within its column, or null when one cannot. */
function horizontalHeader(w: PdfWriter, block: MatrixBlock, colWidth: number): number | null {
  let height = 0;
  for (const col of block.columns) {
    for (const word of col.name.split(/\s+/u)) {
      if (w.ts.widthOf(headerSpans(w, word)) > colWidth - 4) return null;
    }
    const text = w.measure(headerSpans(w, col.name), colWidth - 4);
    if (text.lines.length > 3) return null;
    height = Math.max(height, text.height);
  }
  return height + 2 * PAD_Y;
}

/** How many lines a rotated name may take in a column of this width. */
export const rotatedLines = (w: PdfWriter, colWidth: number): number => {
  const lineH = w.measure(headerSpans(w, 'X')).lineHeight;
  return Math.max(1, Math.floor((colWidth - 1) / lineH));
};

/** The length of a rotated header that fits every name in full, wrapping when the column allows. */
export function rotatedLength(w: PdfWriter, block: MatrixBlock, colWidth: number): number {
  const lines = rotatedLines(w, colWidth);
  let length = 40;
  for (const col of block.columns) {
    const natural = w.ts.widthOf(headerSpans(w, col.name));
    if (natural <= ROTATED_TARGET || lines === 1) {
      length = Math.max(length, natural);
      continue;
    }
    // The shortest length at which the name wraps into the lines the column has room for.
    const widestWord = Math.max(...col.name.split(/\s+/u).map((word) => w.ts.widthOf(headerSpans(w, word))));
    let lo = Math.max(ROTATED_TARGET, natural / lines, widestWord);
    let hi = natural;
    for (let k = 0; k < 12 && hi - lo > 1; k++) {
      const mid = (lo + hi) / 2;
      if (w.measure(headerSpans(w, col.name), mid).lines.length <= lines) hi = mid;
      else lo = mid;
    }
    length = Math.max(length, Math.max(hi, widestWord));
  }
  return Math.min(length + 2 * PAD_X, (w.doc.page.height - w.top - (w.doc.page.height - w.bottom)) * 0.6);
}

/**
 * Chooses the layout: horizontal headers when names fit, then rotated headers, then landscape,
 * then the roles split into groups on consecutive pages (each repeating the activity column).
 */
export function chooseLayout(w: PdfWriter, block: MatrixBlock): MatrixLayout {
  const n = Math.max(block.columns.length, 1);
  const portrait = !w.landscape;
  const margins = w.doc.page.margins;
  const pageW = w.doc.page.width - margins.left - margins.right - w.indent;
  const landscapeW = w.doc.page.height - margins.left - margins.right - w.indent;
  const widths = portrait ? [pageW, landscapeW] : [pageW];
  const activities = block.rows.filter((r) => r.type === 'activity').length;
  for (const [i, width] of widths.entries()) {
    // The activity column gives up width (down to its minimum) before the page turns landscape.
    const activityWidth = Math.max(
      MIN_ACTIVITY,
      Math.min(activityWidthFor(width, typeScale(w)), width - n * MIN_COL),
    );
    // Columns may grow with the type (a poster's larger letters and names), never shrink below the minimum.
    const colWidth = Math.min(MAX_COL * typeScale(w), (width - activityWidth) / n);
    if (colWidth < MIN_COL - 1e-6) continue;
    const horizontal = horizontalHeader(w, block, colWidth);
    return {
      activityWidth: width - colWidth * n,
      colWidth,
      groups: [block.columns.map((_, k) => k)],
      rotated: horizontal === null,
      headerHeight: horizontal ?? rotatedLength(w, block, colWidth),
      landscape: portrait && i === 1,
      numbered: activities > 60,
    };
  }
  const width = widths[widths.length - 1] as number;
  const activityWidth = activityWidthFor(width, typeScale(w));
  const perGroup = Math.max(1, Math.floor((width - activityWidth) / MIN_GROUP_COL));
  const groups = splitColumns(block.columns.length, perGroup);
  const widest = Math.max(...groups.map((g) => g.length));
  const colWidth = Math.min(MAX_COL * typeScale(w), (width - activityWidth) / widest);
  return {
    activityWidth: width - colWidth * widest,
    colWidth,
    groups,
    rotated: true,
    headerHeight: rotatedLength(w, block, colWidth),
    landscape: portrait,
    numbered: true,
  };
}

/** One row's share of a page: the row, and the lines of its name that go there. */
export interface RowPart {
  row: number;
  from: number;
  to: number;
  height: number;
}

export interface MatrixPage {
  parts: RowPart[];
  /** The group band running on from the previous page, if any. */
  band: number | null;
}

/**
 * Breaks the rows into pages once, for every column group alike, so page k of each group holds
 * the same rows. Rows are measured first; a row moves to the next page whole, unless it is taller
 * than a page: then its name continues, line by line. A group band stays with the row after it.
 */
export function paginate(
  texts: readonly (TextBlock | null)[],
  heights: readonly number[],
  isBand: readonly boolean[],
  firstRoom: number,
  pageRoom: number,
  bandRoom: (row: number) => number,
): MatrixPage[] {
  const pages: MatrixPage[] = [{ parts: [], band: null }];
  let room = firstRoom;
  let band: number | null = null;
  const page = () => pages[pages.length - 1] as MatrixPage;
  const next = () => {
    const repeated = band;
    pages.push({ parts: [], band: repeated });
    room = pageRoom - (repeated === null ? 0 : bandRoom(repeated));
  };
  for (let r = 0; r < heights.length; r++) {
    const h = heights[r] ?? MIN_ROW;
    if (isBand[r]) {
      const following = heights[r + 1] ?? 0;
      const keep = h + Math.min(following, 3 * MIN_ROW);
      if (keep > room && page().parts.length > 0) {
        band = null;
        next();
      }
      band = r;
      page().parts.push({ row: r, from: 0, to: 0, height: h });
      room -= h;
      continue;
    }
    const text = texts[r];
    const fresh = pageRoom - (band === null ? 0 : bandRoom(band));
    if (h <= room) {
      page().parts.push({ row: r, from: 0, to: text?.lines.length ?? 0, height: h });
      room -= h;
      continue;
    }
    if (h <= fresh || !text) {
      if (page().parts.length > 0) next();
      page().parts.push({ row: r, from: 0, to: text?.lines.length ?? 0, height: h });
      room -= h;
      continue;
    }
    // Taller than a page: split between lines of its name.
    let from = 0;
    while (from < text.lines.length) {
      let fit = Math.floor((room - 2 * PAD_Y) / text.lineHeight);
      if (fit < 2 && page().parts.length > 0) {
        next();
        fit = Math.floor((room - 2 * PAD_Y) / text.lineHeight);
      }
      const to = Math.min(text.lines.length, from + Math.max(1, fit));
      const partH = Math.max(MIN_ROW, (to - from) * text.lineHeight + 2 * PAD_Y);
      page().parts.push({ row: r, from, to, height: partH });
      room -= partH;
      from = to;
      if (from < text.lines.length) next();
    }
  }
  return pages.filter((p) => p.parts.length > 0);
}
