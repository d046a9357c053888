import { shortNames } from '../../compose/short-names.js';
import type { MatrixBlock } from '../../ir/types.js';
import type { PdfContext } from './context.js';
import {
  CAPTION,
  chooseLayout,
  type Density,
  densities,
  type MatrixLayout,
  type MatrixPage,
  PAD_X,
  PAD_Y,
  paginate,
} from './matrix-layout.js';
import { legendKey, notesHeight } from './matrix-notes.js';
import type { TextBlock } from './text.js';

/**
 * The plan of a matrix before it is drawn: its rows measured at each density the block allows,
 * broken into pages, and the plan that ends on the earliest page chosen (see {@link planMatrix}).
 */

export interface Measured {
  density: Density;
  names: (TextBlock | null)[];
  bands: (TextBlock | null)[];
  heights: number[];
  numbers: number[];
}

/** `(cont.)` in the document's language. */
export const cont = (w: PdfContext): string => w.ir.labels.continued ?? '(cont.)';
/** What one density makes of the matrix at one starting place. */
export interface Plan {
  layout: MatrixLayout;
  m: Measured;
  pages: MatrixPage[];
  /** Starts on the current page, rather than on a fresh one. */
  here: boolean;
  legendFirst: boolean;
  /** The key of the codes sits in the header's empty corner above "Activity", not above the table. */
  keyInHeader: boolean;
}

/** The key of abbreviated headers: each short name in bold, then the role's whole name. */
export function nameKey(w: PdfContext, block: MatrixBlock, width: number): TextBlock {
  const t = w.theme;
  const size = t.size.small - 0.5;
  const shorts = shortNames(block.columns);
  const spans = block.columns
    .flatMap((c, i) => (c.roleId === '' ? [] : [{ c, short: shorts[i] ?? c.name }]))
    .flatMap(({ c, short }, i) => [
      ...(i > 0 ? w.plain('  ·  ', 'regular', size, t.color.muted) : []),
      ...w.plain(`${short}\u00a0`, 'bold', size, t.color.text),
      ...w.plain(c.name, 'regular', size, t.color.muted),
    ]);
  return w.measure(spans, width, 1);
}

/** The activity header's label, as drawn in the header's corner. */
export const activityLabel = (w: PdfContext, block: MatrixBlock, layout: MatrixLayout, repeated: boolean) =>
  w.measure(
    w.plain(
      repeated ? `${block.activityLabel} ${cont(w)}` : block.activityLabel,
      'bold',
      layout.density.headerSize + 0.5,
      w.theme.color.text,
    ),
    layout.activityWidth - 2 * PAD_X,
  );

/**
 * Whether the key of the codes fits in the rotated header's corner, above the "Activity" label:
 * room a wide matrix has anyway, and one line of rows more on each page.
 */
function keyFits(w: PdfContext, block: MatrixBlock, layout: MatrixLayout): boolean {
  const key = legendKey(w, block, 0, layout.activityWidth - 2 * PAD_X, false);
  const label = activityLabel(w, block, layout, true);
  return key + label.height + 2 * PAD_Y + 2 <= layout.headerHeight;
}

/** Lexicographic order of plan keys. */
const before = (a: number[], b: number[]): boolean => {
  const i = a.findIndex((k, j) => k !== b[j]);
  return i >= 0 && (a[i] ?? 0) < (b[i] ?? 0);
};

/** Rows a matrix must put on its first page under its header, or it starts on the next page. */
const FIRST_ROWS = 4;

/**
 * Plans the matrix at each density the block allows, starting here or on the next page, and
 * keeps the plan that ends on the earliest page; among those, the most comfortable density. A start here must put at least {@link FIRST_ROWS} rows (or all)
 * under the header: never a header and two rows at a page foot. So a long handout tightens its
 * rows only when that saves a page, and a wide charter sets 30 roles densely.
 */
export function planMatrix(w: PdfContext, block: MatrixBlock): Plan {
  const doc = w.doc;
  const regular = chooseLayout(w, block);
  const wide = regular.rotated || regular.groups.length > 1;
  const ladder = densities(w, block).slice(0, block.focus !== undefined || wide ? undefined : 1);
  const atTop = doc.y <= w.top + 1;
  const activities = block.rows.filter((r) => r.type === 'activity').length;
  const notes = notesHeight(w, block);
  let best: { plan: Plan; key: number[] } | null = null;
  ladder.forEach((density, di) => {
    const layout = di === 0 ? regular : chooseLayout(w, block, density);
    const multi = layout.groups.length > 1 || block.sheetOf !== undefined;
    const m = measure(w, block, layout);
    const tableWidth =
      layout.activityWidth + layout.colWidth * Math.max(...layout.groups.map((g) => g.length));
    const keyInHeader = layout.rotated && keyFits(w, block, layout);
    const strip = keyInHeader ? 0 : legendKey(w, block, w.left, tableWidth, false);
    const names = layout.abbreviated ? nameKey(w, block, tableWidth).height + 5 : 0;
    // The closing rule; the space after the table is left to the next block.
    const overhead = (legend: boolean) =>
      (legend ? strip : 0) + names + (multi ? CAPTION : 0) + layout.headerHeight + 2;
    const pageRoom = w.bottom - w.top - overhead(true);
    for (const here of atTop ? [true] : [true, false]) {
      const legendFirst = !here || w.legendPage !== w.pageIndex();
      const firstRoom = here ? w.bottom - doc.y - overhead(legendFirst) : pageRoom;
      const pages = paginate(
        m.names,
        m.heights,
        block.rows.map((r) => r.type === 'group'),
        firstRoom,
        pageRoom,
        (r) => m.heights[r] ?? density.minRow,
        density,
      );
      const onFirst = (pages[0]?.parts ?? []).filter((p) => block.rows[p.row]?.type === 'activity').length;
      // A start here that leaves the first page without rows, or with only a few, is no start.
      const split = pages.length > 1 || (pages[0]?.parts.length ?? 0) < block.rows.length;
      const used = (pages[0]?.parts ?? []).reduce((sum, p) => sum + p.height, 0);
      if (
        here &&
        !atTop &&
        (used > firstRoom + 0.01 || (split && onFirst < Math.min(FIRST_ROWS, activities)))
      )
        continue;
      // The notes go under the last rows: when they do not fit there, they take a page of their own.
      const last = pages[pages.length - 1]?.parts ?? [];
      const room = (pages.length === 1 ? firstRoom : pageRoom) - last.reduce((sum, p) => sum + p.height, 0);
      const spill = notes > 0 && notes + 8 > room ? 1 : 0;
      const end = (here ? pages.length - 1 : pages.length) + spill;
      // Ties go to the start here: the heading and legend above stay with the table.
      const key = [end, di, here ? 0 : 1];
      if (!best || before(key, best.key))
        best = { plan: { layout, m, pages, here, legendFirst, keyInHeader }, key };
    }
  });
  if (!best) throw new Error('A matrix found no layout: the last density always fits on a fresh page');
  return (best as { plan: Plan }).plan;
}

/**
 * The height a matrix needs on the page where it starts, after a legend on the same page: its
 * header and its first {@link FIRST_ROWS} rows at the regular density. A heading or legend before
 * it keeps this much room, so it never stays behind alone at a page foot.
 */
export function matrixLead(w: PdfContext, block: MatrixBlock): number {
  // A matrix that turns the page starts on a page of its own: it needs no room on this one.
  if (block.landscape && !w.landscape) return 0;
  const layout = chooseLayout(w, block);
  let rows = 0;
  let height = 0;
  const first: MatrixBlock = { ...block, rows: [] };
  for (const row of block.rows) {
    first.rows.push(row);
    if (row.type === 'activity' && ++rows >= FIRST_ROWS) break;
  }
  for (const h of measure(w, first, layout).heights) height += h;
  const caption = layout.groups.length > 1 || block.sheetOf !== undefined ? CAPTION : 0;
  return caption + layout.headerHeight + Math.min(height, (w.bottom - w.top) / 3);
}

export function measure(w: PdfContext, block: MatrixBlock, layout: MatrixLayout): Measured {
  const t = w.theme;
  const d = layout.density;
  const face = d.condensed ? 'condensed' : 'regular';
  const nameWidth = layout.activityWidth - 2 * PAD_X - (layout.numbered ? layout.density.numberW : 0);
  const bandWidth =
    layout.activityWidth + layout.colWidth * Math.min(...layout.groups.map((g) => g.length)) - 2 * PAD_X;
  const names: (TextBlock | null)[] = [];
  const bands: (TextBlock | null)[] = [];
  const heights: number[] = [];
  const numbers: number[] = [];
  let n = 0;
  for (const row of block.rows) {
    if (row.type === 'group') {
      const band = w.measure(w.plain(row.name, 'bold', d.nameSize, t.color.accent), bandWidth, 1);
      names.push(null);
      bands.push(band);
      heights.push(Math.max(d.minRow - 1, band.height + 2 * d.bandPad));
      numbers.push(0);
      continue;
    }
    const name = w.measure(
      w.plain(row.name, face, d.nameSize, t.color.text),
      nameWidth,
      d.condensed ? 0.5 : 1,
    );
    names.push(name);
    bands.push(null);
    heights.push(Math.max(d.minRow, name.height + 2 * d.padY));
    numbers.push(++n);
  }
  return { density: d, names, bands, heights, numbers };
}
