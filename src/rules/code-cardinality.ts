import type { Rule } from './types.js';
import { activityPlace, cardinalityText, holders, plural, roleNameOf, schemeOf } from './util.js';

export const codeCardinality: Rule = {
  id: 'code-cardinality',
  description:
    'Each activity has as many roles holding a code as the scheme allows: exactly one Driver (D) in DACI, for example.',
  rationale:
    'Schemes other than RACI put limits on more than the accountable code: a DACI decision has exactly one Driver, and a custom scheme may say "at most one Signatory". The accountable code itself is checked by `accountable-missing` and `accountable-multiple`; a doer code with a lower bound (the D of DACI) is checked here rather than by `responsible-missing`.',
  fix: 'Give the code to as many roles as the scheme’s legend says. To change the limit of a custom scheme, change its `cardinality`.',
  defaultSeverity: 'error',
  options: {},
  check(model, report) {
    const name = roleNameOf(model);
    for (const activity of model.activities) {
      const scheme = schemeOf(model, activity);
      for (const code of scheme.codes) {
        const card = code.cardinality;
        if (!card || code.code === scheme.accountable) continue;
        const found = holders(activity, code.code);
        const expected = cardinalityText(card);
        if (card.min !== undefined && found.length < card.min && found.length === 0) {
          report({
            message: `Missing ${code.label} role (${code.code}) on "${activity.name}", expected ${expected}`,
            at: activityPlace(model, activity),
          });
        } else if (
          (card.min !== undefined && found.length < card.min) ||
          (card.max !== undefined && found.length > card.max)
        ) {
          report({
            message: `Unexpected ${plural(found.length, `${code.label} role`)} (${found.map((h) => name(h.role)).join(', ')}) on "${activity.name}", expected ${expected}`,
            at: activityPlace(model, activity),
          });
        }
      }
    }
  },
};
