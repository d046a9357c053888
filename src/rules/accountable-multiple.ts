import type { Rule } from './types.js';
import {
  accountableCardinality,
  activityPlace,
  cardinalityText,
  holders,
  roleNameOf,
  schemeOf,
} from './util.js';

export const accountableMultiple: Rule = {
  id: 'accountable-multiple',
  description: 'No activity has more than one role holding the accountable code.',
  rationale:
    'Shared accountability is no accountability: when two roles can sign off, each waits for the other, and decisions are made twice or not at all.',
  fix: 'Keep one accountable role and make the others responsible or consulted. If the roles own different parts, split the activity into one row per part.',
  defaultSeverity: 'error',
  options: {},
  check(model, report) {
    const name = roleNameOf(model);
    for (const activity of model.activities) {
      const scheme = schemeOf(model, activity);
      const code = scheme.accountable;
      if (!code) continue;
      const card = accountableCardinality(scheme);
      const found = holders(activity, code);
      if (card.max !== undefined && found.length > card.max) {
        report({
          message: `Unexpected ${found.length} accountable roles (${found.map((h) => name(h.role)).join(', ')}) on "${activity.name}", expected ${cardinalityText(card)}`,
          at: activityPlace(model, activity),
        });
      }
    }
  },
};
