import type { Model, TeamDocument } from '../model/types.js';
import type { MatrixBlock, MatrixRow } from './ir.js';
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
