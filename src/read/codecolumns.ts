import type { Table, TableCell, TableRow } from 'mdast';
import { plausibleRoleName, splitNames } from './cellnames.js';
import { parseMark } from './cells.js';
import type { ActivityBuilder, ReadContext } from './context.js';
import { report, reportConfusables } from './context.js';
import { cellPosition, Locator, positionOf } from './markdown.js';
import {
  cellLines,
  cellText,
  groupRowName,
  isEmptyRow,
  newActivity,
  ownNote,
  raggedCell,
  reportMetaColumn,
  type TablePlace,
} from './rows.js';
import { fold, isRoleHeader } from './vocabulary.js';

// ---------------------------------------------------------------------------------------------
// Codes as columns, role names in the cells: | Activity | Responsible | Accountable | … |

export function readTransposed(
  table: Table,
  headers: string[],
  rows: TableRow[],
  codeColumns: Map<number, string[]>,
  ctx: ReadContext,
  place: TablePlace,
): ActivityBuilder[] | undefined {
  const header = table.children[0] as TableRow;
  const width = headers.length;
  const activityCol = headers.findIndex((_, i) => !codeColumns.has(i));
  const known = (name: string) => ctx.roles.knows(name);
  if (!ctx.inMatrix) {
    // Outside a Responsibilities section, the cells must read as role names, not as prose.
    let names = 0;
    let plausible = 0;
    for (const row of rows) {
      for (const i of codeColumns.keys()) {
        for (const part of splitNames(cellLines(row.children[i]), known)) {
          names++;
          if (plausibleRoleName(part.name, known)) plausible++;
        }
      }
    }
    if (plausible * 2 < names) return undefined;
  }
  const metaKeys = new Map<number, string>();
  headers.forEach((h, i) => {
    if (i === activityCol || codeColumns.has(i)) return;
    metaKeys.set(i, h);
    reportMetaColumn(ctx, h, header.children[i] as TableCell, rows, i, {
      why: `names no code of ${ctx.scheme.name}`,
      kept: 'activity metadata',
      plain: `Column "${h}" names no code of ${ctx.scheme.name}; kept as activity metadata`,
    });
  });

  const out: ActivityBuilder[] = [];
  let group = place.group;
  for (const row of rows) {
    const rowGroup = groupRowName(row);
    if (rowGroup !== null) {
      group = rowGroup;
      continue;
    }
    if (isEmptyRow(row)) continue;
    const activity = newActivity(ctx, cellText(row.children[activityCol]), group, positionOf(ctx.file, row));
    row.children.forEach((cell, i) => {
      const text = cellText(cell);
      if (i >= width) {
        raggedCell(ctx, text, cell, i, width, activity.draft.name);
        return;
      }
      const meta = metaKeys.get(i);
      if (meta !== undefined) activity.meta(meta, text);
      const codes = codeColumns.get(i);
      if (!codes) return;
      const locate = new Locator(ctx.file, ctx.text, ctx.lines, cell, cellPosition(ctx.file, cell));
      for (const part of splitNames(cellLines(cell), known)) {
        const at = locate.find(part.name);
        const role = ctx.roles.resolve(part.name, at, 'name');
        ctx.useRole(role.id);
        activity.add(role.id, codes, ownNote(part.note, role), at);
      }
    });
    out.push(activity);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One row per role, marks under the codes: | Role | R | A | C | I |, the heading names the activity.

export function readRoleRows(
  table: Table,
  headers: string[],
  rows: TableRow[],
  codeColumns: Map<number, string[]>,
  ctx: ReadContext,
  place: TablePlace,
): ActivityBuilder[] | undefined {
  const header = table.children[0] as TableRow;
  const width = headers.length;
  const roleCol = Math.max(
    0,
    headers.findIndex((h, i) => !codeColumns.has(i) && isRoleHeader(h)),
  );
  if (!ctx.inMatrix) {
    // Outside a Responsibilities section the cells must be mostly marks: a table of what each
    // role does (`| Role | Responsible | … |` with `Define requirements` in the cells) is prose.
    let marks = 0;
    let other = 0;
    for (const row of rows) {
      for (const [i, codes] of codeColumns) {
        const text = cellText(row.children[i]);
        if (text === '') continue;
        if (parseMark(text, codes[0] as string, ctx.scheme).marked === null) other++;
        else marks++;
      }
    }
    if (other > marks) return undefined;
  }
  const noteKeys = new Map<number, string>();
  headers.forEach((h, i) => {
    if (i === roleCol || codeColumns.has(i)) return;
    noteKeys.set(i, h);
    reportMetaColumn(ctx, h, header.children[i] as TableCell, rows, i, {
      why: `names no code of ${ctx.scheme.name}`,
      kept: 'notes on the assignments',
      plain: `Column "${h}" names no code of ${ctx.scheme.name}; kept as notes on the assignments`,
    });
  });
  const known = (name: string) => ctx.roles.knows(name);
  // The activity exists once a row names a role: an empty template names no activity.
  const activity = () => place.headingActivity();
  for (const row of rows) {
    if (isEmptyRow(row)) continue;
    const nameCell = row.children[roleCol];
    const names = splitNames(cellLines(nameCell), known);
    const codes: string[] = [];
    const notes: string[] = [];
    row.children.forEach((cell, i) => {
      const text = cellText(cell);
      if (i >= width) {
        raggedCell(ctx, text, cell, i, width, activity().draft.name);
        return;
      }
      const noteKey = noteKeys.get(i);
      if (noteKey !== undefined && text !== '')
        notes.push(NOTE_HEADERS.has(fold(noteKey)) ? text : `${noteKey}: ${text}`);
      const code = codeColumns.get(i)?.[0];
      if (code === undefined || text === '') return;
      const mark = parseMark(text, code, ctx.scheme);
      const at = cellPosition(ctx.file, cell);
      reportConfusables(ctx, mark.confusables, at, 'a cell');
      if (mark.note) notes.push(mark.note);
      if (mark.marked) codes.push(...mark.codes);
      if (mark.marked && !mark.codes.includes(code)) {
        report(
          ctx,
          'ambiguous-reading',
          `Unexpected \`${text}\` under ${code} for ${cellText(nameCell) || 'an unnamed role'} on "${activity().draft.name}"; read as ${mark.codes.join(', ')}, as written`,
          at,
        );
      } else if (mark.marked === null) {
        report(
          ctx,
          'unknown-code',
          `Unexpected \`${text}\` under ${code} for ${cellText(nameCell) || 'an unnamed role'} on "${activity().draft.name}", expected a mark (✓, x, yes) or nothing`,
          at,
        );
      }
    });
    const at = nameCell ? cellPosition(ctx.file, nameCell) : positionOf(ctx.file, row);
    if (names.length === 0) {
      if (codes.length > 0 || notes.length > 0) {
        report(
          ctx,
          'ambiguous-reading',
          `Unexpected row without a role name on "${activity().draft.name}"; its marks are not read`,
          at,
        );
      }
      continue;
    }
    const locate = new Locator(ctx.file, ctx.text, ctx.lines, nameCell, at);
    for (const part of names) {
      const where = locate.find(part.name);
      const role = ctx.roles.resolve(part.name, where, 'name');
      ctx.useRole(role.id);
      const note = [ownNote(part.note, role), ...notes].filter((n) => n !== undefined && n !== '').join('; ');
      if (codes.length > 0 || note !== '') activity().add(role.id, codes, note || undefined, where);
    }
  }
  return [];
}

const NOTE_HEADERS = new Set(
  [
    'notes',
    'note',
    'comments',
    'comment',
    'remarks',
    'remarques',
    'commentaires',
    'anmerkungen',
    'bemerkungen',
    'notas',
    'comentarios',
    'observacoes',
  ].map(fold),
);
