import type { Model, TeamDocument } from '../model/types.js';
import { builtInTemplate, composeTemplate, type TemplateComposeOptions } from '../templates/index.js';
import type { DocumentIR } from './ir.js';

export type ComposeOptions = TemplateComposeOptions;
export { roleAnchor } from '../templates/index.js';

/**
 * The team charter of one document, from the built-in `team-charter` template (a project's own
 * `templates/team-charter.md` is used by builds, not here).
 */
export function composeTeamCharter(
  model: Model,
  doc: TeamDocument,
  options: ComposeOptions = {},
): DocumentIR {
  return composeTemplate(model, builtInTemplate('team-charter'), { document: doc }, options);
}
