import type { Model, TeamDocument } from '../model/types.js';
import type { MatrixBlock, MatrixRow, WorkloadBlock } from './ir.js';
import type { Labels } from './labels.js';

/** One document's matrix as an IR block: columns in source order, group bands, numbered notes. */
export function composeMatrix(
  model: Model,
  doc: TeamDocument,
  labels: Labels,
  anchors?: Map<string, string>,
): MatrixBlock {
  const roles = new Map(model.roles.map((r) => [r.id, r]));
  const columns = doc.roles.flatMap((id) => {
    const role = roles.get(id);
    if (!role) return [];
    const ref = anchors?.get(id);
    return [{ roleId: id, name: role.name, short: role.aliases[0] ?? null, ...(ref ? { ref } : {}) }];
  });
  const rows: MatrixRow[] = [];
  const notes: MatrixBlock['notes'] = [];
  let group: string | null = null;
  for (const activity of model.activities) {
    if (activity.document !== doc.id) continue;
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
        notes.push({ mark, text: a.note, role: col.name, activity: activity.name });
        return { codes: a.codes, note: mark };
      }),
    });
  }
  return { type: 'matrix', columns, rows, codes: doc.scheme.codes, notes, activityLabel: labels.activity };
}

/** How many of the document's activities each role holds each code on. */
export function composeWorkload(
  model: Model,
  doc: TeamDocument,
  anchors?: Map<string, string>,
): WorkloadBlock {
  const names = new Map(model.roles.map((r) => [r.id, r.name]));
  const rows = doc.roles.map((roleId) => {
    const counts: Record<string, number> = Object.fromEntries(doc.scheme.codes.map((c) => [c.code, 0]));
    for (const activity of model.activities) {
      if (activity.document !== doc.id) continue;
      for (const code of activity.assignments.find((a) => a.role === roleId)?.codes ?? []) {
        counts[code] = (counts[code] ?? 0) + 1;
      }
    }
    const ref = anchors?.get(roleId);
    return { roleId, name: names.get(roleId) ?? roleId, ...(ref ? { ref } : {}), counts };
  });
  return { type: 'workload', codes: doc.scheme.codes, rows };
}
