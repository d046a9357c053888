import type { Rule } from './types.js';

export const accountableMissing: Rule = {
  id: 'accountable-missing',
  description: 'Every activity has a role that holds the accountable code (A in RACI).',
  rationale:
    'Without an accountable role nobody owns the outcome or can sign it off. Give exactly one role the accountable code.',
  defaultSeverity: 'error',
  options: {},
  check(model, report) {
    const byDoc = new Map(model.documents.map((d) => [d.id, d.scheme]));
    for (const activity of model.activities) {
      const scheme = byDoc.get(activity.document) ?? model.scheme;
      const code = scheme.accountable;
      if (!code) continue;
      if (!activity.assignments.some((a) => a.codes.includes(code))) {
        report({
          message: `Missing accountable role (${code}) on "${activity.name}", expected exactly 1`,
          at: activity.source,
        });
      }
    }
  },
};
