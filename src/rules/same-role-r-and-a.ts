import type { Rule } from './types.js';
import { assignmentPlace, roleNameOf, schemeOf } from './util.js';

export const sameRoleRAndA: Rule = {
  id: 'same-role-r-and-a',
  description: 'No role is both accountable and responsible for the same activity (off by default).',
  rationale:
    'Some teams want a second pair of eyes on everything: whoever does the work should not be the one who signs it off. Many others write `A/R` on purpose, for work that one role owns and does; so this rule is off unless turned on.',
  fix: 'Make another role accountable (the one who reviews and signs off), or keep `A/R` and leave this rule off.',
  defaultSeverity: 'off',
  options: {},
  check(model, report) {
    const name = roleNameOf(model);
    for (const activity of model.activities) {
      const { accountable, doer } = schemeOf(model, activity);
      if (!accountable || !doer || accountable === doer) continue;
      for (const cell of activity.assignments) {
        if (!cell.codes.includes(accountable) || !cell.codes.includes(doer)) continue;
        report({
          message: `Unexpected ${name(cell.role)} as both responsible (${doer}) and accountable (${accountable}) on "${activity.name}", expected different roles`,
          at: assignmentPlace(model, activity, cell),
        });
      }
    }
  },
};
