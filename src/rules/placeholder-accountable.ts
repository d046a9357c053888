import type { Rule } from './types.js';
import { assignmentPlace, holders, roleNameOf, schemeOf } from './util.js';

const PLACEHOLDERS = [
  'TBD',
  'TBC',
  'TBA',
  'All',
  'Everyone',
  'Everybody',
  'Team',
  'Anyone',
  'Anybody',
  'Someone',
  'Somebody',
  'Unassigned',
  'N/A',
];

/** Names compared without case, surrounding punctuation or repeated spaces: `All.` is `all`. */
const key = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');

export const placeholderAccountable: Rule = {
  id: 'placeholder-accountable',
  description:
    'The accountable code is not given to a placeholder such as `TBD`, `All`, `Everyone`, `Team`, `Anyone` or `N/A`.',
  rationale:
    'Accountability given to "everyone" or "TBD" is accountability given to nobody: the matrix looks complete, but the question of who owns the outcome is still open.',
  fix: 'Name the one role that owns the outcome. If nobody has been chosen yet, leave the cell empty so that `accountable-missing` keeps the question visible.',
  defaultSeverity: 'warning',
  options: {
    names: {
      type: 'string[]',
      default: PLACEHOLDERS,
      description: 'Role names that are placeholders, compared without regard to case or punctuation.',
    },
  },
  check(model, report, options) {
    const names = Array.isArray(options.names) ? (options.names as unknown[]) : PLACEHOLDERS;
    const placeholders = new Set(names.map((n) => key(String(n))));
    const name = roleNameOf(model);
    for (const activity of model.activities) {
      const code = schemeOf(model, activity).accountable;
      if (!code) continue;
      for (const cell of holders(activity, code)) {
        const roleName = name(cell.role);
        if (!placeholders.has(key(roleName))) continue;
        report({
          message: `Unexpected placeholder "${roleName}" as accountable role (${code}) on "${activity.name}", expected a named role`,
          at: assignmentPlace(model, activity, cell),
        });
      }
    }
  },
};
