import type { TableCell, TableRow } from 'mdast';
import type { Role, SourcePosition } from '../model/types.js';
import { isCodeCell, parseCell } from './cells.js';
import { ActivityBuilder, type ReadContext, report } from './context.js';
import { cellPosition, nameKey, nodeText } from './markdown.js';
import { collapse } from './text.js';

// Helpers shared by the readers of every table shape.

/** Where a table sits: the group its rows belong to, and the activity its heading names. */
export interface TablePlace {
  group: string | null;
  /** The activity the nearest heading names, for a table with one row per role. */
  headingActivity: () => ActivityBuilder;
}

/** A cell's text on one line; `cellLines` keeps `<br>` breaks, which separate names. */
export const cellText = (cell: TableCell | undefined): string => (cell ? collapse(nodeText(cell)) : '');
export const cellLines = (cell: TableCell | undefined): string => (cell ? nodeText(cell).trim() : '');

/** A row whose first cell is bold and whose other cells are empty: `| **Delivery** | | |`. */
export function groupRowName(row: TableRow): string | null {
  const [first, ...rest] = row.children;
  if (!first || rest.some((c) => cellText(c) !== '')) return null;
  const only = first.children.filter((n) => !(n.type === 'text' && n.value.trim() === ''));
  if (only.length !== 1 || only[0]?.type !== 'strong') return null;
  return cellText(first) || null;
}

export const isEmptyRow = (row: TableRow) => row.children.every((c) => cellText(c) === '');

export const codeNames = (ctx: ReadContext) => ctx.scheme.codes.map((c) => c.code).join(', ');

export function newActivity(
  ctx: ReadContext,
  name: string,
  group: string | null,
  source: SourcePosition,
): ActivityBuilder {
  if (name === '') {
    report(ctx, 'activity-unnamed', 'Unexpected row without an activity name in the first cell', source);
  }
  const activityName = name === '' ? `(unnamed activity, line ${source.line})` : name;
  return new ActivityBuilder(ctx.scheme, activityName, group, ctx.document, source);
}

export function raggedCell(
  ctx: ReadContext,
  text: string,
  cell: TableCell,
  i: number,
  width: number,
  activity: string,
) {
  if (text === '') return;
  report(
    ctx,
    'ragged-row',
    `Unexpected cell \`${text}\` in column ${i + 1} of "${activity}", the header has only ${width} columns`,
    cellPosition(ctx.file, cell),
  );
}

/** A note in parentheses after a name, unless it is the role's own alias: `Product Manager (PM)`. */
export function ownNote(note: string | undefined, role: Role): string | undefined {
  if (note === undefined) return undefined;
  const key = nameKey(note);
  return role.aliases.some((a) => nameKey(a) === key) || nameKey(role.name) === key ? undefined : note;
}

/**
 * Reports a column kept as activity metadata (`Notes`, `Week`, `Owner`). When some of its cells
 * hold codes of the scheme (`A`, `R/C`, `Accountable`), those codes are not read: that is a
 * `metadata-with-codes` warning that says how many and which, never "holds no codes".
 * `why` says why it is no role column (`names no role`), `kept` what it became (`activity
 * metadata`); `plain` is the message when it holds no codes.
 */
export function reportMetaColumn(
  ctx: ReadContext,
  header: string,
  cell: TableCell,
  rows: readonly TableRow[],
  column: number,
  message: { why: string; kept: string; plain: string },
): void {
  const { why, kept } = message;
  const filled: string[] = [];
  const codes: string[] = [];
  for (const row of rows) {
    const text = cellText(row.children[column]);
    if (text === '') continue;
    filled.push(text);
    if (isCodeCell(parseCell(text, ctx.scheme))) codes.push(text);
  }
  const at = cellPosition(ctx.file, cell);
  if (codes.length === 0) {
    report(ctx, 'non-role-column', message.plain, at);
    return;
  }
  const examples = [...new Set(codes)].slice(0, 3).map((c) => `\`${c}\``);
  report(
    ctx,
    'metadata-with-codes',
    `Column "${header}" ${why} but holds codes of ${ctx.scheme.name} in ${codes.length} of ${filled.length} cells (${examples.join(', ')}${codes.length > 3 ? ', …' : ''}); kept as ${kept}, its codes are not read`,
    at,
  );
}
