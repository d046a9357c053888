import type { Rule } from './types.js';
import { rolePlace } from './util.js';

export const roleUnused: Rule = {
  id: 'role-unused',
  description: 'Every role holds a code on at least one activity.',
  rationale:
    'A role defined in the Roles section but absent from every matrix has a charter that promises nothing: its role charter comes out empty. It is often a role renamed in the table but not in the definitions. Models without any activity (a catalogue of role definitions) are left alone.',
  fix: 'Give the role its activities in a matrix, use its name or an alias as the column header, or remove the definition.',
  defaultSeverity: 'warning',
  scope: 'model',
  options: {},
  check(model, report) {
    if (model.activities.length === 0) return;
    const used = new Set(
      model.activities.flatMap((a) => a.assignments.filter((x) => x.codes.length > 0).map((x) => x.role)),
    );
    for (const role of model.roles) {
      if (used.has(role.id)) continue;
      report({
        message: `Unexpected role "${role.name}" without assignments, expected a code on at least 1 activity`,
        at: rolePlace(model, role),
      });
    }
  },
};
