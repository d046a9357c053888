import type { Rule } from './types.js';
import { activityPlace, holders, schemeOf } from './util.js';

export const responsibleMissing: Rule = {
  id: 'responsible-missing',
  description: 'Every activity has at least one role that does the work (R in RACI; the scheme says which).',
  rationale:
    'An activity that nobody is responsible for is an activity nobody does: the accountable role owns the outcome, but someone has to produce it.',
  fix: 'Name at least one responsible role. The accountable role may also be responsible (`A/R`) when it does the work itself.',
  defaultSeverity: 'warning',
  options: {},
  check(model, report) {
    for (const activity of model.activities) {
      const scheme = schemeOf(model, activity);
      const code = scheme.doer;
      if (!code) continue;
      // When the scheme gives the doer code a lower bound (exactly one D in DACI), a missing one is
      // code-cardinality's to report, once, with the scheme's own limit.
      const min = scheme.codes.find((c) => c.code === code)?.cardinality?.min;
      if (min !== undefined && min >= 1) continue;
      if (holders(activity, code).length === 0) {
        report({
          message: `Missing responsible role (${code}) on "${activity.name}", expected at least 1`,
          at: activityPlace(model, activity),
        });
      }
    }
  },
};
