import type { Table, TableCell, TableRow } from 'mdast';
import type { Activity, Assignment, Diagnostic, Scheme } from '../model/types.js';
import { parseCell } from './cells.js';
import { cellPosition, nodeText, positionOf } from './markdown.js';

/** Resolves a column header to a role id, creating the role when it names none. */
export type ResolveRole = (header: string, cell: TableCell) => string;

export interface TableContext {
  file: string;
  document: string;
  group: string | null;
  scheme: Scheme;
  resolveRole: ResolveRole;
  roleName: (id: string) => string;
  diagnostics: Diagnostic[];
}

/** An activity before its id is assigned. */
export type ActivityDraft = Omit<Activity, 'id'>;

const cellText = (cell: TableCell | undefined): string => (cell ? nodeText(cell).trim() : '');

/** A row whose first cell is bold and whose other cells are empty: `| **Delivery** | | |`. */
function groupRowName(row: TableRow): string | null {
  const [first, ...rest] = row.children;
  if (!first || rest.some((c) => cellText(c) !== '')) return null;
  const only = first.children.filter((n) => !(n.type === 'text' && n.value.trim() === ''));
  if (only.length !== 1 || only[0]?.type !== 'strong') return null;
  return cellText(first) || null;
}

/**
 * Reads a matrix table whose first column names activities and whose other columns are roles.
 * Every cell becomes an assignment or a diagnostic; nothing is dropped silently.
 */
export function readMatrixTable(
  table: Table,
  ctx: TableContext,
): { roles: string[]; activities: ActivityDraft[] } {
  const [header, ...rows] = table.children;
  if (!header) return { roles: [], activities: [] };
  const columns = header.children.slice(1).map((cell) => ctx.resolveRole(cellText(cell), cell));
  const activities: ActivityDraft[] = [];
  let group = ctx.group;
  for (const row of rows) {
    const name = cellText(row.children[0]);
    const rowGroup = groupRowName(row);
    if (rowGroup !== null) {
      group = rowGroup;
      continue;
    }
    if (row.children.every((c) => cellText(c) === '')) continue;
    const source = positionOf(ctx.file, row);
    if (name === '') {
      ctx.diagnostics.push({
        ruleId: 'activity-unnamed',
        severity: 'warning',
        message: 'Unexpected row without an activity name in the first cell',
        ...source,
      });
    }
    const activityName = name === '' ? `(unnamed activity, line ${source.line})` : name;
    const assignments: Assignment[] = [];
    row.children.slice(1).forEach((cell, i) => {
      const role = columns[i];
      const text = cellText(cell);
      if (role === undefined) {
        if (text === '') return;
        ctx.diagnostics.push({
          ruleId: 'ragged-row',
          severity: 'warning',
          message: `Unexpected cell \`${text}\` in column ${i + 2} of "${activityName}", the header has only ${columns.length + 1} columns`,
          ...cellPosition(ctx.file, cell),
        });
        return;
      }
      const parsed = parseCell(text, ctx.scheme);
      for (const token of parsed.unknown) {
        ctx.diagnostics.push({
          ruleId: 'unknown-code',
          severity: 'error',
          message: `Unexpected \`${token}\` for ${ctx.roleName(role)} on "${activityName}", expected one of ${ctx.scheme.codes.map((c) => c.code).join(', ')} (${ctx.scheme.name})`,
          ...cellPosition(ctx.file, cell),
        });
      }
      if (parsed.codes.length === 0 && !parsed.note) return;
      const assignment: Assignment = { role, codes: parsed.codes, source: cellPosition(ctx.file, cell) };
      if (parsed.note) assignment.note = parsed.note;
      assignments.push(assignment);
    });
    activities.push({ name: activityName, group, document: ctx.document, assignments, source });
  }
  return { roles: columns, activities };
}
