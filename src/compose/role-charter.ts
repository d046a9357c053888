import type { Model, Role } from '../model/types.js';
import { builtInTemplate, composeTemplate } from '../templates/index.js';
import type { DocumentIR } from './ir.js';
import type { ComposeOptions } from './team-charter.js';

/** One role's charter, from the built-in `role-charter` template. */
export function composeRoleCharter(model: Model, role: Role, options: ComposeOptions = {}): DocumentIR {
  return composeTemplate(model, builtInTemplate('role-charter'), { role }, options);
}
