import type { Rule } from './types.js';
import { accountableCardinality, activityPlace, cardinalityText, holders, schemeOf } from './util.js';

export const accountableMissing: Rule = {
  id: 'accountable-missing',
  description:
    'Every activity has a role that holds the accountable code (A in RACI; the scheme says which).',
  rationale:
    'Without an accountable role nobody owns the outcome or can sign it off: the work drifts, and problems are discovered by nobody in particular.',
  fix: 'Give exactly one role the accountable code on the activity. When several roles seem to own it, the activity is probably two activities: split the row.',
  defaultSeverity: 'error',
  options: {},
  check(model, report) {
    for (const activity of model.activities) {
      const scheme = schemeOf(model, activity);
      const code = scheme.accountable;
      if (!code) continue;
      const card = accountableCardinality(scheme);
      if (card.min > 0 && holders(activity, code).length === 0) {
        report({
          message: `Missing accountable role (${code}) on "${activity.name}", expected ${cardinalityText(card)}`,
          at: activityPlace(model, activity),
        });
      }
    }
  },
};
