import { compose } from '../src/index.js';
import { latinRoles } from './docx-matrix-read.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf } from './helpers.js';

/**
 * A poster of `roles` roles whose names all turn (no right-to-left name, so its headers stay whole
 * rotated names, as a poster's do where they can): 40 roles and 60 activities take a portrait A1.
 */
export function latinPoster(roles: number, activities: number) {
  const model = modelOf(latinRoles(teamFixture(roles, activities).markdown), 'team.md');
  return compose(model, { document: model.documents[0]?.id ?? '' }, { template: 'matrix-poster' });
}
