import type { Assignment } from '../model/types.js';
import type { Rule } from './types.js';
import { codeLabelIn, codeName, plural, rolePlace, schemeOf } from './util.js';

export const roleNoOwnership: Rule = {
  id: 'role-no-ownership',
  description:
    'Every role that takes part in activities is accountable for or does at least one of them (A or R in RACI).',
  rationale:
    'A role that is only ever consulted or informed owns nothing in this process. Either it is a stakeholder rather than a role of the team, or its real responsibilities are missing from the matrix.',
  fix: 'Add the activities the role does or owns, or, if it is a stakeholder, keep it out of the Roles section and mention it in the prose.',
  defaultSeverity: 'warning',
  scope: 'model',
  options: {},
  check(model, report) {
    // Each role's cells, in one pass over the activities (a pass per role took seconds with
    // 2,079 roles: issue 18), in the activities' order.
    const cellsOf = new Map<string, { activity: (typeof model.activities)[number]; cell: Assignment }[]>();
    for (const activity of model.activities) {
      const seen = new Set<string>();
      for (const cell of activity.assignments) {
        if (cell.codes.length === 0 || seen.has(cell.role)) continue;
        seen.add(cell.role);
        const list = cellsOf.get(cell.role) ?? [];
        list.push({ activity, cell });
        cellsOf.set(cell.role, list);
      }
    }
    for (const role of model.roles) {
      let involved = 0;
      let owns = false;
      // Labels of the codes it holds, in the order of the first scheme that names each.
      const held = new Map<string, number>();
      for (const { activity, cell } of cellsOf.get(role.id) ?? []) {
        involved++;
        const scheme = schemeOf(model, activity);
        if (cell.codes.some((c) => c === scheme.accountable || c === scheme.doer)) owns = true;
        for (const c of cell.codes) {
          const label = codeLabelIn(scheme, c);
          if (!held.has(label))
            held.set(
              label,
              scheme.codes.findIndex((x) => x.code === c),
            );
        }
      }
      if (involved === 0 || owns) continue;
      const acting = [model.scheme.accountable, model.scheme.doer].filter((c): c is string => c !== null);
      report({
        message: `Unexpected ${role.name} as only ${[...held]
          .sort((a, b) => a[1] - b[1])
          .map(([label]) => label)
          .join(
            ' or ',
          )} on ${plural(involved, 'activity', 'activities')}, expected ${acting.map((c) => codeName(model.scheme, c)).join(' or ')} on at least 1`,
        at: rolePlace(model, role),
      });
    }
  },
};
