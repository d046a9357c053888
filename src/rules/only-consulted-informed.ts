import type { Rule } from './types.js';
import { activityPlace, codeLabelIn, codeName, schemeOf } from './util.js';

export const onlyConsultedInformed: Rule = {
  id: 'only-consulted-informed',
  description:
    'No activity has roles that are only consulted or informed: someone is accountable for it or does it.',
  rationale:
    'A row where every role only gives input or hears about the result describes a meeting, not an activity: nobody acts. It is usually a row whose R and A were forgotten, or an activity that belongs to another team.',
  fix: 'Make one of the roles accountable and one responsible, or move the activity to the document of the team that does it.',
  defaultSeverity: 'error',
  options: {},
  check(model, report) {
    for (const activity of model.activities) {
      const scheme = schemeOf(model, activity);
      const acting = [scheme.accountable, scheme.doer].filter((c): c is string => c !== null);
      if (acting.length === 0) continue;
      const held = new Set(activity.assignments.flatMap((a) => a.codes));
      if (held.size === 0 || acting.some((c) => held.has(c))) continue;
      const labels = scheme.codes.filter((c) => held.has(c.code)).map((c) => codeLabelIn(scheme, c.code));
      const only = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
      report({
        message: `Unexpected only ${only} roles on "${activity.name}", expected a role that is ${acting.map((c) => codeName(scheme, c)).join(' or ')}`,
        at: activityPlace(model, activity),
      });
    }
  },
};
