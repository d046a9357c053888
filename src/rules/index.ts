import { accountableMissing } from './accountable-missing.js';
import { accountableMultiple } from './accountable-multiple.js';
import { readerRules } from './reader-rules.js';
import { responsibleMissing } from './responsible-missing.js';
import type { Rule } from './types.js';

/** Every rule rolemark knows, in the order `rolemark rules` lists them. */
export const rules: readonly Rule[] = [
  accountableMissing,
  accountableMultiple,
  responsibleMissing,
  ...readerRules,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}

export type { Report, Rule, RuleOption, SeveritySetting } from './types.js';
