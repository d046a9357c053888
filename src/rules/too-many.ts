import type { Scheme } from '../model/types.js';
import type { Rule } from './types.js';
import { activityPlace, consultedCode, holders, informedCode, num, roleNameOf, schemeOf } from './util.js';

interface TooMany {
  id: string;
  /** `responsible`, as in "Unexpected 4 responsible roles". */
  word: string;
  code: (scheme: Scheme) => string | null;
  max: number;
  defaultSeverity: Rule['defaultSeverity'];
  which: string;
  rationale: string;
  fix: string;
}

/**
 * The three "too many" rules differ only in the code they count and their threshold: one factory
 * keeps their messages and options identical in shape.
 */
function tooMany(spec: TooMany): Rule {
  return {
    id: spec.id,
    description: `No activity has more than \`max\` ${spec.word} roles (${spec.which}).`,
    rationale: spec.rationale,
    fix: spec.fix,
    defaultSeverity: spec.defaultSeverity,
    options: {
      max: {
        type: 'integer',
        default: spec.max,
        minimum: 0,
        description: `The most ${spec.word} roles an activity may have.`,
      },
    },
    check(model, report, options) {
      const max = num(options.max, spec.max);
      const name = roleNameOf(model);
      for (const activity of model.activities) {
        const code = spec.code(schemeOf(model, activity));
        if (!code) continue;
        const found = holders(activity, code);
        if (found.length > max) {
          report({
            message: `Unexpected ${found.length} ${spec.word} roles (${found.map((h) => name(h.role)).join(', ')}) on "${activity.name}", expected at most ${max}`,
            at: activityPlace(model, activity),
          });
        }
      }
    },
  };
}

export const tooManyResponsible = tooMany({
  id: 'too-many-responsible',
  word: 'responsible',
  which: 'the doer code: R in RACI',
  code: (s) => s.doer,
  max: 3,
  defaultSeverity: 'info',
  rationale:
    'When many roles do the same work, each assumes another will: the work is duplicated or dropped, and coordinating it becomes an activity of its own.',
  fix: 'Keep the roles that do the core of the work as responsible; make the others consulted (they give input) or split the activity into the parts each role does.',
});

export const tooManyConsulted = tooMany({
  id: 'too-many-consulted',
  word: 'consulted',
  which: 'C in RACI and DACI, I (Input) in RAPID',
  code: consultedCode,
  max: 4,
  defaultSeverity: 'warning',
  rationale:
    'Every consulted role is a conversation before the work can finish. Many of them slow the activity down and blur who decides.',
  fix: 'Ask whose input changes the result. Keep those as consulted and make the rest informed.',
});

export const tooManyInformed = tooMany({
  id: 'too-many-informed',
  word: 'informed',
  which: 'I in RACI',
  code: informedCode,
  max: 6,
  defaultSeverity: 'info',
  rationale:
    'Informing many roles one by one is work of its own, and a long list is often "everyone", which is better said once in a shared channel.',
  fix: 'Replace the list with the channel or meeting that informs them, or keep only the roles that act on the news.',
});
