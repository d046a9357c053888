import type { Block, MatrixBlock, PageSizeName } from '../ir/types.js';

/**
 * The sheet a poster (`page: { size: fit }`) is printed on: the smallest of A3, A2, A1 and A0
 * (Tabloid and ANSI C, D and E with a Letter theme) that holds the whole matrix, at the template's
 * type size or smaller, down to a size still read at arm's length. Only a chart that fits none of
 * them at that size is tiled over several sheets of the largest.
 *
 * The estimate follows the PDF's matrix layout (src/render/pdf/matrix-layout.ts: an activity
 * column of at most 230 pt times the type scale, the rest shared by the roles, rows as tall as
 * their wrapped names) with DejaVu Sans' average widths, rounded up, so that a chart said to fit
 * does fit; the DOCX, whose Calibri is narrower, then fits too.
 */

export const SERIES: Record<'A' | 'Letter', PageSizeName[]> = {
  A: ['A3', 'A2', 'A1', 'A0'],
  Letter: ['Tabloid', 'ANSI C', 'ANSI D', 'ANSI E'],
};

/** The smallest type scale a poster gets before its sheet grows: the body text of an A4 document. */
export const MIN_POSTER_SCALE = 1;

export interface PosterChoice {
  size: PageSizeName;
  /** Landscape for wide charts; portrait when the rows need the height (150 rows, 8 roles). */
  orientation: 'portrait' | 'landscape';
  /** The type scale against the theme's body size. */
  scale: number;
  /** False when even the largest sheet at the smallest type cannot hold the matrix: it is tiled. */
  fits: boolean;
}

/** DejaVu Sans' average advance, in em, rounded up; wide (CJK) characters are one em. */
const em = (text: string): number => {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 1 : 0.6;
  return w;
};

/** How tall the matrix would be, in points, on a sheet whose text area is `width` wide. */
export function matrixHeight(block: MatrixBlock, width: number, bodySize: number): number {
  const s = bodySize / 9.5;
  const n = Math.max(1, block.columns.length);
  const nameSize = 8.5 * s;
  const lineHeight = nameSize * 1.17 + 2.2 * s;
  const activities = block.rows.filter((r) => r.type === 'activity').length;
  const columnWidth = Math.min(58 * s, (width - Math.min(230 * s, Math.max(130, width * 0.36))) / n);
  const activityWidth = width - columnWidth * n - 10 - (activities > 60 ? 20 : 0);
  if (columnWidth < 19) return Number.POSITIVE_INFINITY;
  let height = 0;
  for (const row of block.rows) {
    if (row.type === 'group') {
      height += Math.max(17, lineHeight + 7);
      continue;
    }
    const lines = Math.max(1, Math.ceil((em(row.name) * nameSize) / Math.max(20, activityWidth)));
    height += Math.max(17, lines * lineHeight + 9);
  }
  // The rotated header: the longest name on one line (condensed bold, about half an em a letter).
  const longest = Math.max(0, ...block.columns.map((c) => em(c.name) * 0.85 * 7.5 * s));
  return height + Math.min(longest + 10, 600 * s);
}

/**
 * Chooses the sheet and type scale: for each sheet from the smallest, the template's scale and
 * then smaller ones down to MIN_POSTER_SCALE; the first that holds every matrix of the document
 * (with its legend and title) wins. `extra` is the height of what stands above the matrix at
 * scale 1 (title, legend).
 */
export function choosePoster(
  blocks: readonly Block[],
  series: readonly PageSizeName[],
  points: Record<PageSizeName, [number, number]>,
  margin: { top: number; right: number; bottom: number; left: number },
  bodySize: number,
  scale: number,
  orientation: 'portrait' | 'landscape' = 'landscape',
): PosterChoice {
  const other: 'portrait' | 'landscape' = orientation === 'landscape' ? 'portrait' : 'landscape';
  const matrices = blocks.filter((b): b is MatrixBlock => b.type === 'matrix');
  const largest = series[series.length - 1] ?? 'A3';
  if (matrices.length === 0) return { size: series[0] ?? 'A3', orientation, scale, fits: true };
  const scales: number[] = [];
  for (let k = scale; k > MIN_POSTER_SCALE - 1e-9; k = Math.round((k - 0.1) * 100) / 100) scales.push(k);
  if (scales.length === 0) scales.push(scale);
  // The template's orientation at every type size first, then the other: a sheet turned is still
  // the same sheet, and the type shrinks before the sheet grows.
  for (const size of series) {
    const [short, long] = points[size];
    for (const turn of [orientation, other]) {
      const [across, down] = turn === 'landscape' ? [long, short] : [short, long];
      const width = across - margin.left - margin.right;
      const height = down - margin.top - margin.bottom;
      for (const k of scales) {
        const body = bodySize * k;
        // The cover line, the legend strip and the gaps around them.
        const above = 150 * (body / 9.5);
        const need = matrices.reduce((sum, m) => sum + matrixHeight(m, width, body), 0) + above;
        if (need <= height) return { size, orientation: turn, scale: k, fits: true };
      }
    }
  }
  return { size: largest, orientation, scale: scales[scales.length - 1] ?? scale, fits: false };
}
