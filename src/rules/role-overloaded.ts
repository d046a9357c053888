import type { Rule } from './types.js';
import { codeName, holders, judgedDocuments, num, rolePlaceIn, SMALL_MATRIX_OPTIONS } from './util.js';

export const roleOverloaded: Rule = {
  id: 'role-overloaded',
  description:
    'No role is accountable for more than `maxAccountablePercent` or responsible for more than `maxResponsiblePercent` of a document’s activities.',
  rationale:
    'A role that owns or does most of the work is a bottleneck and a single point of failure: everything waits for it. Small matrices are left alone: with two or three roles one of them necessarily holds most of the codes, and the share says nothing about overload (see `minRoles` and `minActivities`).',
  fix: 'Delegate: make another role accountable for the activities it is closest to, or split large activities between roles.',
  defaultSeverity: 'warning',
  options: {
    maxAccountablePercent: {
      type: 'number',
      default: 50,
      minimum: 0,
      maximum: 100,
      description: 'The largest share of activities, in percent, that one role may be accountable for.',
    },
    maxResponsiblePercent: {
      type: 'number',
      default: 70,
      minimum: 0,
      maximum: 100,
      description: 'The largest share of activities, in percent, that one role may be responsible for.',
    },
    ...SMALL_MATRIX_OPTIONS,
  },
  check(model, report, options) {
    const limits = {
      accountable: num(options.maxAccountablePercent, 50),
      responsible: num(options.maxResponsiblePercent, 70),
    };
    // Counted in one pass over the activities, and roles looked up by id: with 2,079 roles, a
    // count per role over every activity took seconds (issue 18).
    const rolesById = new Map(model.roles.map((r) => [r.id, r]));
    for (const [doc, activities] of judgedDocuments(model, options)) {
      const n = activities.length;
      const counts = new Map<string, number>();
      for (const kind of ['accountable', 'responsible'] as const) {
        const code = kind === 'accountable' ? doc.scheme.accountable : doc.scheme.doer;
        if (!code) continue;
        for (const a of activities)
          for (const roleId of new Set(holders(a, code).map((h) => h.role)))
            counts.set(`${kind}:${roleId}`, (counts.get(`${kind}:${roleId}`) ?? 0) + 1);
      }
      for (const roleId of doc.roles) {
        const role = rolesById.get(roleId);
        if (!role) continue;
        for (const kind of ['accountable', 'responsible'] as const) {
          const code = kind === 'accountable' ? doc.scheme.accountable : doc.scheme.doer;
          if (!code) continue;
          const count = counts.get(`${kind}:${roleId}`) ?? 0;
          const percent = (count / n) * 100;
          if (percent > limits[kind]) {
            report({
              message: `Unexpected ${role.name} as ${codeName(doc.scheme, code)} on ${count} of ${n} activities (${Math.round(percent)}%) in "${doc.title}", expected at most ${limits[kind]}%`,
              at: rolePlaceIn(model, role, doc),
            });
          }
        }
      }
    }
  },
};
