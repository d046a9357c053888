import { type Rule, roleNames } from './types.js';

export const accountableMultiple: Rule = {
  id: 'accountable-multiple',
  description: 'No activity has more than one role holding the accountable code.',
  rationale:
    'Shared accountability is no accountability: when two roles can sign off, each waits for the other. Keep one accountable role and make the others responsible or consulted.',
  defaultSeverity: 'error',
  options: {},
  check(model, report) {
    const name = roleNames(model);
    const byDoc = new Map(model.documents.map((d) => [d.id, d.scheme]));
    for (const activity of model.activities) {
      const code = (byDoc.get(activity.document) ?? model.scheme).accountable;
      if (!code) continue;
      const holders = activity.assignments.filter((a) => a.codes.includes(code));
      if (holders.length > 1) {
        report({
          message: `Unexpected ${holders.length} accountable roles (${holders.map((h) => name(h.role)).join(', ')}) on "${activity.name}", expected exactly 1`,
          at: activity.source,
        });
      }
    }
  },
};
