import type { Table, TableCell, TableRow } from 'mdast';
import type { Role } from '../model/types.js';
import { splitNames } from './cellnames.js';
import {
  isCodeCell,
  isCodeLike,
  isNeutralCell,
  type ParsedCell,
  parseCell,
  parseMark,
  unknownCodeHint,
} from './cells.js';
import { readRoleRows, readTransposed } from './codecolumns.js';
import { codesOfLabel } from './codes.js';
import { deconfuse } from './confusables.js';
import type { ActivityBuilder, ReadContext } from './context.js';
import { report, reportConfusables } from './context.js';
import { readContextColumns } from './contexts.js';
import { resolveHeader } from './headerparen.js';
import { cellPosition, positionOf } from './markdown.js';
import { codeHeadersAreRoles, readActivityColumns, rowsAreRoles } from './orientation.js';
import { parseRoleHeading } from './roles.js';
import {
  cellLines,
  cellText,
  codeNames,
  groupRowName,
  isEmptyRow,
  newActivity,
  raggedCell,
  reportMetaColumn,
  type TablePlace,
} from './rows.js';
import { ACTIVITY_HEADERS, fold, isRoleHeader, LEADING_META_HEADERS, META_HEADERS } from './vocabulary.js';

export type { TablePlace } from './rows.js';

/**
 * Reads a table in whichever shape it has: roles as columns (the usual matrix), codes as columns
 * with role names in the cells (transposed), or one row per role with marks under each code.
 * Returns the activities it read, or undefined when the table is not a responsibility table (only
 * outside a Responsibilities section: there, every table is read as a matrix).
 */
export function readTable(table: Table, ctx: ReadContext, place: TablePlace): ActivityBuilder[] | undefined {
  const [header, ...rows] = table.children;
  if (!header || header.children.length === 0) return undefined;
  const headers = header.children.map(cellText);
  const codeColumns = new Map<number, string[]>();
  headers.forEach((h, i) => {
    if (i === 0 || ctx.roles.knows(h)) return;
    const codes = codesOfLabel(h, ctx.codes);
    if (codes) codeColumns.set(i, codes);
  });
  const distinct = new Set([...codeColumns.values()].flat());
  if (distinct.size >= 2 && !codeHeadersAreRoles(headers, rows, codeColumns, ctx)) {
    for (const i of codeColumns.keys()) {
      const confusion = deconfuse(headers[i] as string);
      const at = cellPosition(ctx.file, header.children[i] as TableCell);
      if (confusion) reportConfusables(ctx, [confusion], at, 'a column header');
    }
    return byRolesAsRows(table, headers, rows, codeColumns, ctx)
      ? readRoleRows(table, headers, rows, codeColumns, ctx, place)
      : readTransposed(table, headers, rows, codeColumns, ctx, place);
  }
  if (rowsAreRoles(table, headers, ctx)) return readActivityColumns(table, headers, ctx, place);
  if (codeColumns.size === 0) {
    const byContext = readContextColumns(table, headers, ctx, place);
    if (byContext) return byContext;
  }
  return readRoleColumns(table, headers, rows, ctx, place);
}

/** Whether a table with codes as columns has one row per role (marks in the cells) or per activity. */
function byRolesAsRows(
  table: Table,
  headers: string[],
  rows: TableRow[],
  codeColumns: Map<number, string[]>,
  ctx: ReadContext,
) {
  if (ACTIVITY_HEADERS.has(fold(headers[0] ?? ''))) return false;
  let marks = 0;
  let other = 0;
  let roleNames = 0;
  for (const row of rows) {
    if (ctx.roles.knows(cellText(row.children[0]))) roleNames++;
    for (const [i, codes] of codeColumns) {
      const text = cellText(row.children[i]);
      if (text === '') continue;
      if (parseMark(text, codes[0] as string, ctx.scheme).marked === null) other++;
      else marks++;
    }
  }
  if (isRoleHeader(headers[0] ?? '')) {
    // `| Role | R | A | C | I |` whose cells hold names, not marks, and whose first cells name no
    // known role: the rows are activities, whatever the first header says.
    if (other <= marks || roleNames * 2 > rows.length || !namesInCells(rows, codeColumns, ctx)) return true;
    report(
      ctx,
      'ambiguous-reading',
      `Unexpected first header "${headers[0]}" over rows that read as activities: the cells under ${[...codeColumns.values()].flat().join(', ')} hold names (${other}), not marks (${marks}); read one activity per row, with the names as roles`,
      cellPosition(ctx.file, table.children[0]?.children[0] as TableCell),
    );
    return false;
  }
  if (marks + other === 0) return roleNames * 2 > rows.length;
  return other === 0;
}

/**
 * Whether the cells under the code columns hold role names: in a Responsibilities section, or
 * when the names are known roles or come back in several cells (`Editor` in two rows), as names
 * do and descriptions (`Define requirements`, `Final decision authority`) do not.
 */
function namesInCells(rows: TableRow[], codeColumns: Map<number, string[]>, ctx: ReadContext): boolean {
  if (ctx.inMatrix) return true;
  const known = (name: string) => ctx.roles.knows(name);
  const seen = new Set<string>();
  let names = 0;
  let knownNames = 0;
  let repeated = false;
  for (const row of rows) {
    for (const i of codeColumns.keys()) {
      for (const part of splitNames(cellLines(row.children[i]), known)) {
        names++;
        if (known(part.name)) knownNames++;
        const key = fold(part.name);
        if (seen.has(key)) repeated = true;
        seen.add(key);
      }
    }
  }
  return names > 0 && (repeated || knownNames * 2 >= names);
}

// ---------------------------------------------------------------------------------------------
// Roles as columns: | Activity | PM | Dev | Notes |

type Column = { kind: 'role'; role: Role } | { kind: 'meta'; key: string } | { kind: 'activity' };

function readRoleColumns(
  table: Table,
  headers: string[],
  rows: TableRow[],
  ctx: ReadContext,
  place: TablePlace,
): ActivityBuilder[] | undefined {
  const header = table.children[0] as TableRow;
  const width = headers.length;
  const parsed: ParsedCell[][] = rows.map((row) =>
    row.children.slice(0, width).map((cell) => parseCell(cellText(cell), ctx.scheme)),
  );
  const stats = headers.map((_, i) => {
    let filled = 0;
    let codes = 0;
    let real = 0;
    let neutral = 0;
    parsed.forEach((row, r) => {
      const text = cellText(rows[r]?.children[i]);
      if (text === '') return;
      // `N/A`, `—`, `TBD` say nothing about whether the column is a role: a role column with many
      // `N/A` and a few codes is still a role column.
      if (isNeutralCell(text)) {
        neutral++;
        return;
      }
      filled++;
      if (isCodeLike(row[i] as ParsedCell)) codes++;
      if (isCodeCell(row[i] as ParsedCell)) real++;
    });
    return { filled, codes, real, neutral };
  });
  const looksLikeRole = (i: number) => {
    const s = stats[i] as { filled: number; codes: number };
    return ctx.roles.knows(headers[i] as string) || (s.filled > 0 && s.codes * 2 >= s.filled);
  };
  const activityCol = activityColumn(headers, looksLikeRole);
  const kinds: ('role' | 'meta' | 'activity')[] = headers.map((h, i) => {
    if (i === activityCol) return 'activity';
    if (ctx.roles.knows(h)) return 'role';
    const s = stats[i] as { filled: number; codes: number; neutral: number };
    if (i < activityCol) return 'meta';
    // A column of nothing but dashes or `N/A` (`| Budget | - | - |`) stays metadata, as before.
    if (s.filled === 0) return s.neutral > 0 || META_HEADERS.has(fold(h)) ? 'meta' : 'role';
    return s.codes * 2 >= s.filled ? 'role' : 'meta';
  });
  if (!ctx.inMatrix) {
    // Outside a Responsibilities section the role columns must mostly hold real codes.
    let filled = 0;
    let real = 0;
    kinds.forEach((k, i) => {
      if (k !== 'role') return;
      filled += stats[i]?.filled ?? 0;
      real += stats[i]?.real ?? 0;
    });
    const anyCodes = real > 0 && real * 2 >= filled;
    const namedActivity = ACTIVITY_HEADERS.has(fold(headers[activityCol] ?? ''));
    const knownRole = headers.some((h, i) => i !== activityCol && ctx.roles.knows(h));
    const template = rows.every(isEmptyRow) && (namedActivity || knownRole);
    if (!anyCodes && !template && !(namedActivity && knownRole)) return undefined;
  }

  const shared = sharedNames(headers, kinds);
  const seen = new Map<string, string>();
  const columns: Column[] = kinds.map((kind, i) => {
    const cell = header.children[i] as TableCell;
    const h = headers[i] as string;
    if (kind === 'activity') return { kind };
    if (kind === 'meta') {
      reportMetaColumn(ctx, h, cell, rows, i, {
        why: 'names no role',
        kept: 'activity metadata',
        plain: `Column "${h}" names no role and holds no codes; kept as activity metadata`,
      });
      return { kind, key: h };
    }
    const role = resolveHeader(
      ctx,
      h === '' ? 'Unnamed role' : h,
      cellPosition(ctx.file, cell),
      'column',
      shared.has(i),
    );
    const before = seen.get(role.id);
    if (before !== undefined) {
      report(
        ctx,
        'ambiguous-reading',
        `Unexpected second column for ${role.name}: "${before}" and "${h}" name the same role; read their codes as one assignment`,
        cellPosition(ctx.file, cell),
      );
    } else seen.set(role.id, h);
    ctx.useRole(role.id);
    return { kind, role };
  });

  const out: ActivityBuilder[] = [];
  let group = place.group;
  rows.forEach((row, r) => {
    const rowGroup = groupRowName(row);
    if (rowGroup !== null) {
      group = rowGroup;
      return;
    }
    if (isEmptyRow(row)) return;
    const activity = newActivity(ctx, cellText(row.children[activityCol]), group, positionOf(ctx.file, row));
    row.children.forEach((cell, i) => {
      const column = columns[i];
      const text = cellText(cell);
      if (!column) {
        raggedCell(ctx, text, cell, i, width, activity.draft.name);
        return;
      }
      if (column.kind === 'activity') return;
      if (column.kind === 'meta') {
        activity.meta(column.key, text);
        return;
      }
      const cellParse = parsed[r]?.[i] as ParsedCell;
      const at = cellPosition(ctx.file, cell);
      reportConfusables(ctx, cellParse.confusables, at, `the cell for ${column.role.name}`);
      for (const token of cellParse.unknown) {
        report(
          ctx,
          'unknown-code',
          `Unexpected \`${token}\` for ${column.role.name} on "${activity.draft.name}", expected one of ${codeNames(ctx)} (${ctx.scheme.name})${unknownCodeHint(token)}`,
          at,
        );
      }
      if (cellParse.codes.length === 0 && !cellParse.note) return;
      activity.add(column.role.id, cellParse.codes, cellParse.note, at);
    });
    out.push(activity);
  });
  return out;
}

/** Role columns whose name another role column shares with another parenthetical: `Provider (IaaS)`, `Provider (PaaS)`. */
function sharedNames(headers: string[], kinds: string[]): Set<number> {
  const byName = new Map<string, number[]>();
  headers.forEach((h, i) => {
    if (kinds[i] !== 'role') return;
    const key = fold(parseRoleHeading(h).name);
    byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  return new Set([...byName.values()].filter((columns) => columns.length > 1).flat());
}

/**
 * The column that names activities: the first whose header says so (`Activity`, `Tâche`), else the
 * first that is neither a leading number/phase column nor a role.
 */
function activityColumn(headers: string[], looksLikeRole: (i: number) => boolean): number {
  for (let i = 0; i < headers.length; i++) {
    if (ACTIVITY_HEADERS.has(fold(headers[i] as string))) return i;
    // `| ID | Task |` with IDs `A`, `B`: an ID column is never a role before the activity column.
    if (looksLikeRole(i) && !LEADING_META_HEADERS.has(fold(headers[i] as string))) break;
  }
  for (let i = 0; i < headers.length - 1; i++) {
    if (!LEADING_META_HEADERS.has(fold(headers[i] as string)) && !looksLikeRole(i)) return i;
    if (looksLikeRole(i)) break;
  }
  return 0;
}
