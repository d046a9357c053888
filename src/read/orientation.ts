import type { Table, TableCell, TableRow } from 'mdast';
import type { SourcePosition } from '../model/types.js';
import { splitNames } from './cellnames.js';
import { isCodeCell, isCodeLike, isNeutralCell, parseCell, parseMark, unknownCodeHint } from './cells.js';
import type { ActivityBuilder, ReadContext } from './context.js';
import { ActivityBuilder as Builder, report, reportConfusables } from './context.js';
import { adoptParenthetical } from './headerparen.js';
import { cellPosition, Locator, positionOf } from './markdown.js';
import {
  cellLines,
  cellText,
  codeNames,
  isEmptyRow,
  raggedCell,
  reportMetaColumn,
  type TablePlace,
} from './rows.js';
import { ACTIVITY_HEADERS, fold, META_HEADERS } from './vocabulary.js';

/**
 * Which way a table runs, decided by what its cells hold rather than by its first header word.
 * A first header says `Role` over rows that are activities; teams are rows and functions columns;
 * roles are literally named `A`, `B`, `C`. When both readings are possible, the one that gives a
 * valid chart (exactly one accountable code per activity) wins, and `ambiguous-reading` says so.
 */

/** First headers that say "the rows are roles" in a table of codes: `Team`, `Stakeholder`, `Rôle`. */
const ROW_ROLE_HEADERS = new Set(
  [
    'role',
    'roles',
    'team',
    'teams',
    'who',
    'stakeholder',
    'stakeholders',
    'department',
    'departments',
    'group',
    'squad',
    'party',
    'person',
    'people',
    'team member',
    'member',
    'role / team',
    'team / role',
    'rôle',
    'equipe',
    'service',
    'partie prenante',
    'rolle',
    'abteilung',
    'beteiligte',
    'rol',
    'equipo',
    'departamento',
    'papel',
    'area',
  ].map(fold),
);

export const saysRowsAreRoles = (header: string): boolean => ROW_ROLE_HEADERS.has(fold(header));

/** How many activities would have exactly one accountable code, reading rows or columns as activities. */
function validity(table: Table, columns: number[], ctx: ReadContext): { byRow: number; byColumn: number } {
  const accountable = ctx.scheme.accountable;
  const rows = table.children.slice(1).filter((r) => !isEmptyRow(r));
  if (accountable === null) return { byRow: 0, byColumn: 0 };
  const perColumn = new Map<number, number>();
  let byRow = 0;
  for (const row of rows) {
    let here = 0;
    for (const i of columns) {
      const cell = parseCell(cellText(row.children[i]), ctx.scheme);
      if (!cell.codes.includes(accountable)) continue;
      here++;
      perColumn.set(i, (perColumn.get(i) ?? 0) + 1);
    }
    if (here === 1) byRow++;
  }
  const byColumn = columns.filter((i) => perColumn.get(i) === 1).length;
  return { byRow, byColumn };
}

/**
 * Whether a table without code headers (`| Team | Security | Networking |`) has one row per role
 * and one column per activity. Only when its first header says so (`Team`, `Role`) or its first
 * cells name known roles while its headers name none, its cells are codes, and the reading with
 * roles as rows is at least as valid as the usual one.
 */
export function rowsAreRoles(table: Table, headers: string[], ctx: ReadContext): boolean {
  const rows = table.children.slice(1).filter((r) => !isEmptyRow(r));
  if (rows.length === 0 || headers.length < 2) return false;
  if (ACTIVITY_HEADERS.has(fold(headers[0] ?? ''))) return false;
  const others = headers.map((_, i) => i).filter((i) => i > 0 && !META_HEADERS.has(fold(headers[i] ?? '')));
  if (others.some((i) => ctx.roles.knows(headers[i] ?? ''))) return false;
  const knownRows = rows.filter((r) => ctx.roles.knows(cellText(r.children[0]))).length;
  const byHeader = saysRowsAreRoles(headers[0] ?? '');
  if (!byHeader && knownRows * 2 <= rows.length) return false;
  // The cells must be codes: a table of teams and what they do in words is not a chart.
  let filled = 0;
  let codes = 0;
  for (const row of rows) {
    for (const i of others) {
      const text = cellText(row.children[i]);
      if (text === '' || isNeutralCell(text)) continue;
      filled++;
      if (isCodeCell(parseCell(text, ctx.scheme))) codes++;
    }
  }
  if (filled === 0 || codes * 2 < filled) return false;
  const { byRow, byColumn } = validity(table, others, ctx);
  const where = cellPosition(ctx.file, table.children[0]?.children[0] as TableCell);
  const first = headers[0] ?? '';
  if (byRow > byColumn) {
    report(
      ctx,
      'ambiguous-reading',
      `Unexpected first header "${first}" over rows that read as activities: with one activity per row ${byRow} of ${rows.length} activities have exactly one ${ctx.scheme.accountable}, with one activity per column ${byColumn} of ${others.length}; read one activity per row`,
      where,
    );
    return false;
  }
  if (byRow === rows.length && byRow > 0) {
    report(
      ctx,
      'ambiguous-reading',
      `Unexpected table that reads both ways: with one activity per column ${byColumn} of ${others.length} activities have exactly one ${ctx.scheme.accountable}, with one activity per row ${byRow} of ${rows.length}; read one activity per column and one role per row, as the first header "${first}" says`,
      where,
    );
  }
  return true;
}

/** Reads `| Team | Security | Networking |`: one role per row, one activity per column. */
export function readActivityColumns(
  table: Table,
  headers: string[],
  ctx: ReadContext,
  place: TablePlace,
): ActivityBuilder[] {
  const [header, ...rows] = table.children as [TableRow, ...TableRow[]];
  const width = headers.length;
  const noteColumns = new Set<number>();
  const activities = new Map<number, ActivityBuilder>();
  headers.forEach((h, i) => {
    if (i === 0) return;
    const cell = header.children[i] as TableCell;
    const coded = rows.some((r) => {
      const text = cellText(r.children[i]);
      return text !== '' && !isNeutralCell(text) && isCodeCell(parseCell(text, ctx.scheme));
    });
    if (META_HEADERS.has(fold(h)) || (!coded && rows.some((r) => cellText(r.children[i]) !== ''))) {
      noteColumns.add(i);
      // A notes column by its header (`Notes`, `Comments`) may still hold codes: then the message
      // says so (metadata-with-codes), never "holds no codes".
      reportMetaColumn(ctx, h, cell, rows, i, {
        why: 'is a notes column',
        kept: "notes on the assignments of each row's role",
        plain: `Column "${h}" holds no codes; kept as notes on the assignments of each row's role`,
      });
      return;
    }
    const at = cellPosition(ctx.file, cell);
    const name = h === '' ? `(unnamed activity, line ${at.line})` : h;
    if (h === '')
      report(ctx, 'activity-unnamed', 'Unexpected column without an activity name in its header', at);
    activities.set(i, new Builder(ctx.scheme, name, place.group, ctx.document, at));
  });
  const known = (name: string) => ctx.roles.knows(name);
  for (const row of rows) {
    if (isEmptyRow(row)) continue;
    const nameCell = row.children[0];
    const names = splitNames(cellLines(nameCell), known);
    const notes = [...noteColumns]
      .map((i) => cellText(row.children[i]))
      .filter((t) => t !== '' && !isNeutralCell(t));
    row.children.forEach((cell, i) => {
      const text = cellText(cell);
      if (i >= width) raggedCell(ctx, text, cell, i, width, cellText(nameCell));
    });
    const at = nameCell ? cellPosition(ctx.file, nameCell) : positionOf(ctx.file, row);
    if (isMetaRow(row, [...activities.keys()], ctx)) {
      // `| Aligned capability | [Strategy](…) | [Platform](…) |`: a row of references, not a role.
      const key = cellText(nameCell) || `Row ${at.line}`;
      for (const [i, activity] of activities) activity.meta(key, cellText(row.children[i]));
      report(ctx, 'non-role-column', `Row "${key}" names no role's codes; kept as activity metadata`, at);
      continue;
    }
    if (names.length === 0) {
      report(ctx, 'ambiguous-reading', 'Unexpected row without a role name; its codes are not read', at);
      continue;
    }
    // Each cell is read once, and its problems reported once, whatever the number of names.
    const cells = new Map<number, { codes: string[]; note?: string; at: SourcePosition }>();
    for (const [i, activity] of activities) {
      const cell = row.children[i];
      if (!cell) continue;
      const parsed = parseCell(cellText(cell), ctx.scheme);
      const where = cellPosition(ctx.file, cell);
      const who = cellText(nameCell);
      reportConfusables(ctx, parsed.confusables, where, `the cell for ${who}`);
      for (const token of parsed.unknown) {
        report(
          ctx,
          'unknown-code',
          `Unexpected \`${token}\` for ${who} on "${activity.draft.name}", expected one of ${codeNames(ctx)} (${ctx.scheme.name})${unknownCodeHint(token)}`,
          where,
        );
      }
      if (parsed.codes.length > 0 || parsed.note)
        cells.set(i, { codes: parsed.codes, ...(parsed.note ? { note: parsed.note } : {}), at: where });
    }
    const locate = new Locator(ctx.file, ctx.text, ctx.lines, nameCell, at);
    for (const part of names) {
      const where = locate.find(part.name);
      const role = ctx.roles.resolve(part.name, where, 'name');
      ctx.useRole(role.id);
      // `Platform team (on call)`: the parenthetical describes the role, as in a header.
      const own = part.note === undefined ? undefined : adoptParenthetical(ctx, role, part.note, where);
      for (const [i, activity] of activities) {
        const cell = cells.get(i);
        if (!cell) continue;
        const note = [own, cell.note, ...notes].filter((n) => n !== undefined && n !== '');
        activity.add(role.id, cell.codes, note.length > 0 ? note.join('; ') : undefined, cell.at);
      }
    }
  }
  return [...activities.values()];
}

/**
 * Whether the code headers of a table (`| ID | Task | A | B | C | D |`) are really roles named by
 * letters: a letter that is no code of the scheme sits among them (`B`, `D`), or most of their
 * cells hold codes other than the column's own (`R` under `A`), as a matrix's cells do.
 */
export function codeHeadersAreRoles(
  headers: string[],
  rows: TableRow[],
  codeColumns: Map<number, string[]>,
  ctx: ReadContext,
): boolean {
  let filled = 0;
  let foreign = 0;
  for (const row of rows) {
    for (const [i, codes] of codeColumns) {
      const text = cellText(row.children[i]);
      if (text === '' || isNeutralCell(text)) continue;
      filled++;
      const cell = parseCell(text, ctx.scheme);
      const mark = parseMark(text, codes[0] as string, ctx.scheme);
      if (isCodeCell(cell) && mark.marked !== false && cell.codes.some((c) => !codes.includes(c))) foreign++;
    }
  }
  if (filled === 0 || foreign === 0) return false;
  // Other letters beside the code headers (`B`, `D`) over codes too, or other codes in most
  // cells: the letters name roles, they are not codes.
  const strangers = headers
    .map((_, i) => i)
    .filter((i) => {
      const h = (headers[i] as string).trim();
      return i > 0 && !codeColumns.has(i) && /^\p{Lu}$/u.test(h) && !ctx.codes.byCode(h);
    });
  const strangerCodes = rows.filter((row) =>
    strangers.some((i) => isCodeCell(parseCell(cellText(row.children[i]), ctx.scheme))),
  ).length;
  return strangerCodes > 0 || foreign * 3 >= filled * 2;
}

/** A row whose filled cells hold no codes at all (links, sentences): metadata of the activities. */
function isMetaRow(row: TableRow, columns: number[], ctx: ReadContext): boolean {
  let filled = 0;
  for (const i of columns) {
    const text = cellText(row.children[i]);
    if (text === '' || isNeutralCell(text)) continue;
    filled++;
    const cell = parseCell(text, ctx.scheme);
    if (cell.codes.length > 0 || isCodeLike(cell)) return false;
  }
  return filled > 0;
}
