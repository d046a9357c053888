import type { Rule } from './types.js';

export const responsibleMissing: Rule = {
  id: 'responsible-missing',
  description: 'Every activity has at least one role that does the work (R in RACI).',
  rationale:
    'An activity that nobody is responsible for is an activity nobody does. Name at least one responsible role; the accountable role may also be responsible.',
  defaultSeverity: 'warning',
  options: {},
  check(model, report) {
    const byDoc = new Map(model.documents.map((d) => [d.id, d.scheme]));
    for (const activity of model.activities) {
      const code = (byDoc.get(activity.document) ?? model.scheme).doer;
      if (!code) continue;
      if (!activity.assignments.some((a) => a.codes.includes(code))) {
        report({
          message: `Missing responsible role (${code}) on "${activity.name}", expected at least 1`,
          at: activity.source,
        });
      }
    }
  },
};
