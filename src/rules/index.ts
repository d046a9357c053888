import { readerRules } from '../read/findings.js';
import { accountableMissing } from './accountable-missing.js';
import { accountableMultiple } from './accountable-multiple.js';
import { codeCardinality } from './code-cardinality.js';
import { configInvalid, unusedDisable } from './config-invalid.js';
import { onlyConsultedInformed } from './only-consulted-informed.js';
import { placeholderAccountable } from './placeholder-accountable.js';
import { responsibleMissing } from './responsible-missing.js';
import { roleEverywhere } from './role-everywhere.js';
import { roleNoOwnership } from './role-no-ownership.js';
import { roleOverloaded } from './role-overloaded.js';
import { roleUnused } from './role-unused.js';
import { sameRoleRAndA } from './same-role-r-and-a.js';
import { templateRules } from './template-rules.js';
import { tooManyConsulted, tooManyInformed, tooManyResponsible } from './too-many.js';
import type { Rule } from './types.js';

/**
 * Every rule rolemark knows, in the order `rolemark rules` and docs/rules.md list them: checks of
 * each activity, then of each role, then hygiene the reader reports, then the configuration, then templates and themes.
 */
export const rules: readonly Rule[] = [
  accountableMissing,
  accountableMultiple,
  responsibleMissing,
  onlyConsultedInformed,
  codeCardinality,
  tooManyResponsible,
  tooManyConsulted,
  tooManyInformed,
  placeholderAccountable,
  sameRoleRAndA,
  roleOverloaded,
  roleEverywhere,
  roleNoOwnership,
  roleUnused,
  ...readerRules,
  configInvalid,
  unusedDisable,
  ...templateRules,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}

export type { Report, Rule, RuleOption, RuleScope, SeveritySetting } from './types.js';
