import type { Block, DocumentTheme, MatrixBlock } from '../ir/types.js';

/**
 * Which matrices turn their page to landscape: decided here, once, for every writer (they used to
 * decide by rules of their own, the PDF by measuring and the DOCX by counting more than 12 roles,
 * so the same chart turned in one format and not in the other).
 *
 * A matrix turns when its role columns, at the narrowest width every writer can draw, do not fit
 * beside the activity column on the portrait page. The narrowest are the DOCX's (its Calibri
 * cells are set by Word, which rolemark cannot measure): 24 pt a role (480 DXA, a rotated 8 pt
 * header line and an `A/R` cell) and an activity column of 140 pt (2,800 DXA) or a quarter of the
 * text width. The PDF can draw narrower (19 pt and 130 pt, `render/pdf/matrix-layout.ts`), so a
 * matrix this keeps portrait always fits both. A landscape document never turns.
 */
export const MIN_ROLE_COLUMN = 24;
export const MIN_ACTIVITY_COLUMN = 140;

/** How many role columns fit beside the activity column on a text area `width` points wide. */
export const columnsThatFit = (width: number): number =>
  Math.max(0, Math.floor((width - Math.max(MIN_ACTIVITY_COLUMN, width * 0.25)) / MIN_ROLE_COLUMN + 1e-9));

/** Blocks that go to a matrix's landscape page with it: the legend and text right before it. */
const LEADS: readonly Block['type'][] = ['legend', 'paragraph'];

/** How many blocks before `at` go with it: the legends and paragraphs, and the heading above them. */
export function leadOf(blocks: readonly Block[], at: number): number {
  let start = at;
  while (start > 0 && LEADS.includes((blocks[start - 1] as Block).type)) start--;
  if (start > 0 && (blocks[start - 1] as Block).type === 'heading') start--;
  return at - start;
}

/** The blocks with `landscape` set on each matrix that needs a landscape page of `theme`'s. */
export function markLandscape(blocks: readonly Block[], theme: DocumentTheme): Block[] {
  const { page } = theme;
  if (page.orientation === 'landscape') return [...blocks];
  const fit = columnsThatFit(page.width - page.margin.left - page.margin.right);
  return blocks.map((block, i): Block => {
    if (block.type !== 'matrix' || block.columns.length <= fit) return block;
    const matrix: MatrixBlock = {
      ...block,
      landscape: {
        reason: 'columns',
        columns: block.columns.length,
        portraitColumns: fit,
        lead: leadOf(blocks, i),
      },
    };
    return matrix;
  });
}
