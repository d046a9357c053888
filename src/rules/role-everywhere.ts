import type { Rule } from './types.js';
import { judgedDocuments, rolePlaceIn, SMALL_MATRIX_OPTIONS } from './util.js';

export const roleEverywhere: Rule = {
  id: 'role-everywhere',
  description: 'No role holds a code on every activity of a document: each has some empty cells.',
  rationale:
    'A role involved in everything is either the real owner of the whole process or is kept in the loop out of habit. Either way its time goes to activities that may not need it. As with `role-overloaded`, small matrices are left alone.',
  fix: 'Look at the role’s consulted and informed cells: clear the ones where its input or the news does not change what it does.',
  defaultSeverity: 'info',
  options: { ...SMALL_MATRIX_OPTIONS },
  check(model, report, options) {
    for (const [doc, activities] of judgedDocuments(model, options)) {
      for (const roleId of doc.roles) {
        const role = model.roles.find((r) => r.id === roleId);
        if (!role) continue;
        const everywhere = activities.every((a) =>
          a.assignments.some((x) => x.role === roleId && x.codes.length > 0),
        );
        if (everywhere) {
          report({
            message: `Unexpected ${role.name} on all ${activities.length} activities of "${doc.title}", expected some activities without it`,
            at: rolePlaceIn(model, role, doc),
          });
        }
      }
    }
  },
};
