import type { MatrixBlock, MatrixRow, WorkloadBlock } from '../ir/types.js';
import type { Labels } from '../lang/labels.js';
import type { Activity, Model, SchemeCode, TeamDocument } from '../model/types.js';
import { placed } from './placed.js';

export interface MatrixOptions {
  /** Anchors of the roles' sections in the same document: column headers link to them. */
  anchors?: Map<string, string> | undefined;
  /** The codes as the document shows them (translated labels, theme colours); the scheme's by default. */
  codes?: SchemeCode[] | undefined;
  /** Which activities to show (a group, a role's rows); all by default. */
  include?: ((activity: Activity) => boolean) | undefined;
}

/** One document's matrix as an IR block: columns in source order, group bands, numbered notes. */
export function composeMatrix(
  model: Model,
  doc: TeamDocument,
  labels: Labels,
  options: MatrixOptions = {},
): MatrixBlock {
  const roles = new Map(model.roles.map((r) => [r.id, r]));
  const columns = doc.roles.flatMap((id) => {
    const role = roles.get(id);
    if (!role) return [];
    const ref = options.anchors?.get(id);
    return [
      {
        roleId: id,
        name: role.name,
        short: role.aliases[0] ?? null,
        ...(ref ? { ref } : {}),
        ...placed(role.source),
      },
    ];
  });
  const rows: MatrixRow[] = [];
  const notes: MatrixBlock['notes'] = [];
  let group: string | null = null;
  for (const activity of model.activities) {
    if (activity.document !== doc.id) continue;
    if (options.include && !options.include(activity)) continue;
    if (activity.group !== group && activity.group !== null)
      rows.push({ type: 'group', name: activity.group });
    group = activity.group;
    rows.push({
      type: 'activity',
      name: activity.name,
      cells: columns.map((col) => {
        const a = activity.assignments.find((x) => x.role === col.roleId);
        if (!a) return { codes: [] };
        if (a.note === undefined) return { codes: a.codes };
        const mark = notes.length + 1;
        notes.push({
          mark,
          text: a.note,
          role: col.name,
          activity: activity.name,
          ...placed(a.source ?? activity.source),
        });
        return { codes: a.codes, note: mark };
      }),
      ...placed(activity.source),
    });
  }
  return {
    type: 'matrix',
    columns,
    rows,
    codes: options.codes ?? doc.scheme.codes,
    notes,
    activityLabel: labels.activity,
  };
}

/** How many of the document's activities each role holds each code on. */
export function composeWorkload(
  model: Model,
  doc: TeamDocument,
  options: Pick<MatrixOptions, 'anchors' | 'codes'> = {},
): WorkloadBlock {
  const roles = new Map(model.roles.map((r) => [r.id, r]));
  const rows = doc.roles.map((roleId) => {
    const counts: Record<string, number> = Object.fromEntries(doc.scheme.codes.map((c) => [c.code, 0]));
    for (const activity of model.activities) {
      if (activity.document !== doc.id) continue;
      for (const code of activity.assignments.find((a) => a.role === roleId)?.codes ?? []) {
        counts[code] = (counts[code] ?? 0) + 1;
      }
    }
    const ref = options.anchors?.get(roleId);
    const role = roles.get(roleId);
    return { roleId, name: role?.name ?? roleId, ...(ref ? { ref } : {}), counts, ...placed(role?.source) };
  });
  return { type: 'workload', codes: options.codes ?? doc.scheme.codes, rows };
}

/**
 * A role's rows with the other columns condensed, for a handout: the role's own column first,
 * then the `keep` roles that most often do or own the work beside it (A or R on its rows, then
 * any code), in the document's order, then one column "Others" holding every code the remaining
 * roles have on the row. A 30-role chart then prints as a narrow portrait table instead of two
 * landscape column groups. Notes stay with the columns shown and are numbered again.
 */
export function condenseMatrix(
  block: MatrixBlock,
  focus: string,
  othersLabel: string,
  scheme: readonly string[],
  keep = 4,
): MatrixBlock {
  const at = block.columns.findIndex((c) => c.roleId === focus);
  if (at < 0 || block.columns.length <= keep + 2) return block;
  const owners = new Set(scheme.slice(0, 2));
  const weight = block.columns.map((_, i) => {
    let w = 0;
    for (const row of block.rows) {
      if (row.type !== 'activity') continue;
      const codes = row.cells[i]?.codes ?? [];
      if (codes.length > 0) w += codes.some((c) => owners.has(c)) ? 100 : 1;
    }
    return w;
  });
  const partners = block.columns
    .map((_, i) => i)
    .filter((i) => i !== at && (weight[i] ?? 0) > 0)
    .sort((a, b) => (weight[b] ?? 0) - (weight[a] ?? 0) || a - b)
    .slice(0, keep)
    .sort((a, b) => a - b);
  const shown = [at, ...partners];
  const rest = block.columns.map((_, i) => i).filter((i) => !shown.includes(i));
  const order = (codes: Iterable<string>) => {
    const set = new Set(codes);
    return [...scheme.filter((c) => set.has(c)), ...[...set].filter((c) => !scheme.includes(c))];
  };
  const notes: MatrixBlock['notes'] = [];
  const rows = block.rows.map((row): MatrixRow => {
    if (row.type === 'group') return row;
    const cells = shown.map((i) => {
      const cell = row.cells[i] ?? { codes: [] };
      const note = cell.note === undefined ? undefined : block.notes.find((n) => n.mark === cell.note);
      if (!note) return { codes: cell.codes };
      notes.push({ ...note, mark: notes.length + 1 });
      return { codes: cell.codes, note: notes.length };
    });
    const others = order(rest.flatMap((i) => row.cells[i]?.codes ?? []));
    return { ...row, cells: rest.length > 0 ? [...cells, { codes: others }] : cells };
  });
  const columns = shown.flatMap((i) => block.columns[i] ?? []);
  if (rest.length > 0) columns.push({ roleId: '', name: othersLabel, short: null });
  return { ...block, columns, rows, notes };
}
