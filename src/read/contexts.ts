import type { Table, TableCell, TableRow } from 'mdast';
import { type NamePart, splitNames } from './cellnames.js';
import { isCodeCell, isNeutralCell, isSharedWord, parseCell, splitNotes } from './cells.js';
import type { ActivityBuilder, ReadContext } from './context.js';
import { report } from './context.js';
import { cellPosition, Locator } from './markdown.js';
import { cellLines, cellText, groupRowName, newActivity, type TablePlace } from './rows.js';
import { ACTIVITY_HEADERS, fold, isRoleHeader, MARKS, META_HEADERS, NO_MARKS } from './vocabulary.js';

/**
 * A shared-responsibility model: one column per service model or setting, the party responsible
 * named in each cell, `Shared` where both are.
 *
 * | Layer       | On-prem  | IaaS     | SaaS     |
 * | Application | Customer | Customer | Shared   |
 * | Physical    | Customer | Provider | Provider |
 *
 * Each column is a group, each row an activity in it, and the party a cell names is Responsible
 * (R) for it. `Shared` makes every party of the table Responsible, with the note `shared`, and an
 * `ambiguous-reading` warning says so. A table is read so only when it is unmistakable: its cells
 * name two to four parties and nothing else, none is a code, and its headers are service models
 * (`IaaS`, `PaaS`, `SaaS`, `On-prem`) or a cell says `Shared`.
 */

const SERVICE_MODELS = new Set(
  [
    'on-prem',
    'on-premise',
    'on-premises',
    'on prem',
    'on premises',
    'onprem',
    'self-hosted',
    'iaas',
    'paas',
    'saas',
    'faas',
    'caas',
    'daas',
    'serverless',
    'private cloud',
    'public cloud',
    'hybrid',
  ].map(fold),
);

const MAX_PARTIES = 4;

interface Cell {
  names: NamePart[];
  shared: boolean;
  note?: string;
}

/** What one cell says: the parties it names, whether it says `Shared`; undefined when it is something else. */
function partyCell(cell: TableCell, ctx: ReadContext): Cell | undefined | null {
  const text = cellText(cell);
  if (isNeutralCell(text)) return null;
  const { body, notes } = splitNotes(text);
  const note = notes.length > 0 ? notes.join('; ') : undefined;
  if (isSharedWord(body.trim())) return { names: [], shared: true, ...(note ? { note } : {}) };
  const parsed = parseCell(text, ctx.scheme);
  if (isCodeCell(parsed) || parsed.codes.length > 0) return undefined;
  const names = splitNames(cellLines(cell), (n) => ctx.roles.knows(n));
  if (names.length === 0) return undefined;
  for (const { name } of names) {
    const key = fold(name);
    if (MARKS.has(key) || NO_MARKS.has(key) || name.length > 40 || name.split(/\s+/u).length > 4)
      return undefined;
  }
  return { names, shared: false };
}

/** Reads the table as a shared-responsibility model, or returns undefined when it is not one. */
export function readContextColumns(
  table: Table,
  headers: string[],
  ctx: ReadContext,
  _place: TablePlace,
): ActivityBuilder[] | undefined {
  if (headers.length < 3) return undefined;
  const contexts = headers.slice(1);
  if (
    contexts.some(
      (h) =>
        h === '' ||
        ctx.roles.knows(h) ||
        isRoleHeader(h) ||
        META_HEADERS.has(fold(h)) ||
        ACTIVITY_HEADERS.has(fold(h)),
    )
  )
    return undefined;
  const rows = table.children.slice(1);
  const cells: (Cell | null)[][] = [];
  const parties = new Map<string, string>();
  let shared = false;
  let filled = 0;
  for (const row of rows) {
    if (groupRowName(row) !== null) return undefined;
    // Cells past the last header are reported by the usual reader (ragged-row).
    if (row.children.slice(headers.length).some((c) => cellText(c) !== '')) return undefined;
    const line: (Cell | null)[] = [];
    for (let i = 1; i < headers.length; i++) {
      const cell = row.children[i];
      const read = cell ? partyCell(cell, ctx) : null;
      if (read === undefined) return undefined;
      line.push(read);
      if (read === null) continue;
      filled++;
      shared ||= read.shared;
      for (const { name } of read.names) if (!parties.has(fold(name))) parties.set(fold(name), name);
      if (parties.size > MAX_PARTIES) return undefined;
    }
    cells.push(line);
  }
  const models = contexts.filter((h) => SERVICE_MODELS.has(fold(h))).length;
  if (filled < 4 || parties.size < 2 || !(shared || models >= 2)) return undefined;
  return readGrid(table, headers, cells, [...parties.values()], ctx);
}

function readGrid(
  table: Table,
  headers: string[],
  cells: (Cell | null)[][],
  parties: string[],
  ctx: ReadContext,
): ActivityBuilder[] {
  const rows = table.children.slice(1) as TableRow[];
  const out: ActivityBuilder[] = [];
  // The first `Shared` in reading order (row by row) is where the guess is reported.
  const firstShared = cells.findIndex((line) => line.some((cell) => cell?.shared));
  const sharedCol =
    firstShared < 0 ? -1 : (cells[firstShared] as (Cell | null)[]).findIndex((c) => c?.shared) + 1;
  const sharedCell = rows[firstShared]?.children[sharedCol];
  if (sharedCell) {
    report(
      ctx,
      'ambiguous-reading',
      `Read \`${cellText(sharedCell)}\` as Responsible (R) for each party of the table (${parties.join(', ')}), with the note "shared": write the codes of each party in a chart of roles as columns if their parts differ`,
      cellPosition(ctx.file, sharedCell),
    );
  }
  for (let c = 1; c < headers.length; c++) {
    const group = headers[c] as string;
    rows.forEach((row, r) => {
      const cell = row.children[c];
      const read = cells[r]?.[c - 1];
      // A blank row is no activity; a row with a name and no party is one, with no assignment.
      if (!cell || (cellText(row.children[0] as TableCell) === '' && cells[r]?.every((x) => x === null)))
        return;
      const at = cellPosition(ctx.file, cell);
      const activity = newActivity(ctx, cellText(row.children[0] as TableCell), group, at);
      out.push(activity);
      if (!read) return;
      if (read.shared) {
        for (const party of parties) {
          const role = ctx.roles.resolve(party, at, 'name');
          ctx.useRole(role.id);
          activity.add(role.id, responsible(ctx), read.note ? `shared; ${read.note}` : 'shared', at);
        }
        return;
      }
      const locate = new Locator(ctx.file, ctx.text, ctx.lines, cell, at);
      for (const part of read.names) {
        const where = locate.find(part.name);
        const role = ctx.roles.resolve(part.name, where, 'name');
        ctx.useRole(role.id);
        activity.add(role.id, responsible(ctx), part.note, where);
      }
    });
  }
  return out;
}

/** The scheme's code for "does the work": R, or the first code of a custom scheme. */
function responsible(ctx: ReadContext): string[] {
  const r = ctx.scheme.codes.find((k) => k.code === 'R') ?? ctx.scheme.codes[0];
  return r ? [r.code] : [];
}
