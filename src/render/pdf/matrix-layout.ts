import type { MatrixBlock } from '../../ir/types.js';
import type { PdfContext } from './context.js';
import type { TextBlock } from './text.js';
import { theme as defaultTheme } from './theme.js';

/** Narrowest role column that still shows a rotated name and a two-letter cell. */
export const MIN_COL = 19;
/** Narrowest column per role when the roles are split into groups. */
const MIN_GROUP_COL = 22;
/** A role column headed by a short name: room for four code letters side by side. */
const ABBREVIATED_COL = 30;
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

/**
 * How tightly the rows are set. `regular` is the team charter's; a long handout or a wide charter
 * takes `compact` or `dense` when that saves a page (see `drawMatrix`). Sizes are in points at the
 * default type size; `dense` stays at or above 6.5 pt, the smallest print the issue allows.
 */
export interface Density {
  name: 'regular' | 'compact' | 'dense';
  /** Activity names. */
  nameSize: number;
  codeSize: number;
  headerSize: number;
  padY: number;
  minRow: number;
  bandPad: number;
  /** Narrowest role column when the activity column wants more room. */
  minCol: number;
  /** Activity names in DejaVu Sans Condensed: a tenth more per line. */
  condensed: boolean;
  /** Width of the row numbers, when the rows are numbered. */
  numberW: number;
}

export const REGULAR: Density = {
  name: 'regular',
  nameSize: 8.5,
  codeSize: 8,
  headerSize: 7.5,
  padY: PAD_Y,
  minRow: MIN_ROW,
  bandPad: BAND_PAD,
  minCol: MIN_COL,
  condensed: false,
  numberW: NUMBER_W,
};
const COMPACT: Density = {
  name: 'compact',
  nameSize: 7.5,
  codeSize: 7.5,
  headerSize: 7,
  padY: 2.6,
  minRow: 13.5,
  bandPad: 2.5,
  minCol: 18,
  condensed: true,
  numberW: NUMBER_W,
};
const DENSE: Density = {
  name: 'dense',
  nameSize: 7,
  codeSize: 7,
  headerSize: 6.5,
  padY: 1.8,
  minRow: 11.5,
  bandPad: 1.6,
  minCol: 17,
  condensed: true,
  numberW: NUMBER_W,
};

/**
 * The densities a matrix may take, most comfortable first. A poster chose its own type size and
 * a short matrix needs no squeezing: both keep the theme's sizes. The theme's sizes are scaled
 * too (a handout's 0.95), but the smaller densities never go under their own floor.
 */
export function densities(w: PdfContext, block: MatrixBlock): Density[] {
  const scale = w.theme.size.matrixName / REGULAR.nameSize;
  const regular: Density = {
    ...REGULAR,
    nameSize: w.theme.size.matrixName,
    codeSize: w.theme.size.matrixCode,
    headerSize: w.theme.size.matrixHeader,
  };
  if (block.sheetOf !== undefined || scale > 1.001) return [regular];
  const under = (d: Density): Density => ({
    ...d,
    nameSize: Math.min(d.nameSize, regular.nameSize),
    codeSize: Math.min(d.codeSize, regular.codeSize),
    headerSize: Math.min(d.headerSize, regular.headerSize),
  });
  return [regular, under(COMPACT), under(DENSE)];
}

export interface MatrixLayout {
  density: Density;
  activityWidth: number;
  colWidth: number;
  /** Column indices per group; one group when all roles fit side by side. */
  groups: number[][];
  rotated: boolean;
  /**
   * The headers print the roles' short names (a handout whose names only fit turned on their
   * side): a key of short and whole names goes above the table on every page.
   */
  abbreviated: boolean;
  headerHeight: number;
  /** Row numbers in the activity column, so rows can be matched across column groups. */
  numbered: boolean;
}

const MIN_ACTIVITY = 130;
/** The document's type size against the default: a theme or template may scale it (posters, handouts). */
const typeScale = (w: PdfContext): number => Math.max(1, w.theme.size.body / defaultTheme.size.body);
/** The activity column: up to 230 pt, more with a poster's larger type (its names would wrap again). */
const activityWidthOf = (width: number, scale = 1, share = 0.36): number =>
  Math.min(230 * scale, Math.max(MIN_ACTIVITY, width * share));

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

export function headerSpans(w: PdfContext, name: string, ref?: string, size = w.theme.size.matrixHeader) {
  const t = w.theme;
  return w.plain(name, 'condensedBold', size, ref ? t.color.accent : t.color.text, ref ? { goTo: ref } : {});
}

/** The header height when every name wraps horizontally within its column, or null when one cannot. */
function horizontalHeader(
  w: PdfContext,
  block: MatrixBlock,
  colWidth: number,
  size: number,
  short = false,
): number | null {
  let height = 0;
  for (const col of block.columns) {
    const name = short ? (col.short ?? col.name) : col.name;
    for (const word of name.split(/\s+/u)) {
      if (w.ts.widthOf(headerSpans(w, word, undefined, size)) > colWidth - 4) return null;
    }
    const text = w.measure(headerSpans(w, name, undefined, size), colWidth - 4);
    if (text.lines.length > 3) return null;
    height = Math.max(height, text.height);
  }
  return height + 2 * PAD_Y;
}

/** How many lines a rotated name may take in a column of this width. */
export const rotatedLines = (w: PdfContext, colWidth: number, size = w.theme.size.matrixHeader): number => {
  const lineH = w.measure(headerSpans(w, 'X', undefined, size)).lineHeight;
  return Math.max(1, Math.floor((colWidth - 1) / lineH));
};

/** The length of a rotated header that fits every name in full, wrapping when the column allows. */
export function rotatedLength(
  w: PdfContext,
  block: MatrixBlock,
  colWidth: number,
  size = w.theme.size.matrixHeader,
): number {
  const lines = rotatedLines(w, colWidth, size);
  const spans = (text: string) => headerSpans(w, text, undefined, size);
  // A smaller header size wraps sooner too: the band's height shrinks with the type.
  const target = (ROTATED_TARGET * size) / defaultTheme.size.matrixHeader;
  let length = 40;
  for (const col of block.columns) {
    const natural = w.ts.widthOf(spans(col.name));
    if (natural <= target || lines === 1) {
      length = Math.max(length, natural);
      continue;
    }
    // The shortest length at which the name wraps into the lines the column has room for.
    const widestWord = Math.max(...col.name.split(/\s+/u).map((word) => w.ts.widthOf(spans(word))));
    let lo = Math.max(target, natural / lines, widestWord);
    let hi = natural;
    for (let k = 0; k < 12 && hi - lo > 1; k++) {
      const mid = (lo + hi) / 2;
      if (w.measure(spans(col.name), mid).lines.length <= lines) hi = mid;
      else lo = mid;
    }
    length = Math.max(length, Math.max(hi, widestWord));
  }
  return Math.min(length + 2 * PAD_X, (w.doc.page.height - w.top - (w.doc.page.height - w.bottom)) * 0.6);
}

/**
 * Chooses the layout on the page the matrix is drawn on (turned already when the composer said
 * it needs landscape, IR `landscape`): horizontal headers when names fit, then rotated headers,
 * then the roles split into groups on consecutive pages (each repeating the activity column).
 * The groups are chosen at the regular density, so every density of a matrix makes the same
 * pages; a denser one only narrows the role columns for the activity names.
 */
export function chooseLayout(w: PdfContext, block: MatrixBlock, density: Density = REGULAR): MatrixLayout {
  const n = Math.max(block.columns.length, 1);
  const margins = w.doc.page.margins;
  const widths = [w.doc.page.width - margins.left - margins.right - w.indent];
  const activities = block.rows.filter((r) => r.type === 'activity').length;
  const size = density.headerSize;
  const minCol = Math.min(MIN_COL, density.minCol);
  // A handout's few condensed columns give the activity names room to stay on one line.
  const share = block.focus !== undefined ? 0.48 : 0.36;
  const activityWidthFor = (width: number, scale = 1) => activityWidthOf(width, scale, share);
  for (const width of widths) {
    // The activity column gives up width (down to its minimum) before the roles split in groups.
    const activityWidth = Math.max(
      MIN_ACTIVITY,
      Math.min(activityWidthFor(width, typeScale(w)), width - n * MIN_COL),
    );
    // Columns may grow with the type (a poster's larger letters and names), never shrink below the minimum.
    let colWidth = Math.min(MAX_COL * typeScale(w), (width - activityWidth) / n);
    if (colWidth < MIN_COL - 1e-6) continue;
    const horizontal0 = horizontalHeader(w, block, colWidth, size);
    // Short names need narrow columns only: the activity names take the rest and stay on one line.
    if (
      horizontal0 === null &&
      block.focus !== undefined &&
      block.columns.every((c) => c.short || c.roleId === '')
    )
      colWidth = Math.min(colWidth, Math.max(ABBREVIATED_COL, (width - 320) / n));
    // A denser setting gives the activity names what the columns can spare.
    if (minCol < MIN_COL && activityWidth < activityWidthFor(width, typeScale(w)))
      colWidth = Math.max(minCol, (width - activityWidthFor(width, typeScale(w))) / n);
    const horizontal = horizontal0 === null ? null : horizontalHeader(w, block, colWidth, size);
    // A handout's few columns whose names only fit turned: their short names, and a key.
    const short =
      horizontal === null &&
      block.focus !== undefined &&
      block.columns.every((c) => c.short || c.roleId === '')
        ? horizontalHeader(w, block, colWidth, size, true)
        : null;
    return {
      density,
      activityWidth: width - colWidth * n,
      colWidth,
      groups: [block.columns.map((_, k) => k)],
      rotated: horizontal === null && short === null,
      abbreviated: short !== null,
      headerHeight: horizontal ?? short ?? rotatedLength(w, block, colWidth, size),
      // A handout is one table of its own rows: nothing to match across column groups.
      numbered: activities > 60 && block.focus === undefined,
    };
  }
  const width = widths[widths.length - 1] as number;
  const activityWidth = activityWidthFor(width, typeScale(w));
  const perGroup = Math.max(1, Math.floor((width - activityWidth) / MIN_GROUP_COL));
  const groups = splitColumns(block.columns.length, perGroup);
  const widest = Math.max(...groups.map((g) => g.length));
  const colWidth = Math.min(MAX_COL * typeScale(w), (width - activityWidth) / widest);
  return {
    density,
    activityWidth: width - colWidth * widest,
    colWidth,
    groups,
    rotated: true,
    abbreviated: false,
    headerHeight: rotatedLength(w, block, colWidth, size),
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
  density: Pick<Density, 'padY' | 'minRow'> = REGULAR,
): MatrixPage[] {
  const { padY, minRow } = density;
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
    const h = heights[r] ?? minRow;
    if (isBand[r]) {
      const following = heights[r + 1] ?? 0;
      const keep = h + Math.min(following, 3 * minRow);
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
      let fit = Math.floor((room - 2 * padY) / text.lineHeight);
      if (fit < 2 && page().parts.length > 0) {
        next();
        fit = Math.floor((room - 2 * padY) / text.lineHeight);
      }
      const to = Math.min(text.lines.length, from + Math.max(1, fit));
      const partH = Math.max(minRow, (to - from) * text.lineHeight + 2 * padY);
      page().parts.push({ row: r, from, to, height: partH });
      room -= partH;
      from = to;
      if (from < text.lines.length) next();
    }
  }
  return pages.filter((p) => p.parts.length > 0);
}
