import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { RuleSetting } from '../model/types.js';
import { SEVERITIES } from './schema.js';
import type { SchemaIssue } from './validate.js';

const hasErrorUnder = (issues: readonly SchemaIssue[], path: readonly string[]): boolean =>
  issues.some((i) => i.severity === 'error' && path.every((p, n) => i.path[n] === p));

/**
 * Reads a `rules:` mapping that was validated against the schema into rule settings. A rule whose
 * setting has an error is left out (it keeps its defaults) rather than half applied.
 *
 * ```yaml
 * rules:
 *   same-role-r-and-a: error                       # a severity
 *   too-many-consulted: { severity: info, max: 6 } # a severity and options
 *   role-overloaded: { maxAccountablePercent: 40 } # options only
 * ```
 */
export function ruleSettingsFromNode(
  node: YAMLMap<unknown, unknown>,
  path: readonly string[],
  issues: readonly SchemaIssue[],
): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const pair of node.items) {
    const id = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (hasErrorUnder(issues, [...path, id])) continue;
    const value = pair.value as Node | null;
    if (value && isScalar(value) && (SEVERITIES as readonly unknown[]).includes(value.value)) {
      settings[id] = { severity: value.value as RuleSetting['severity'] & string };
    } else if (value && isMap(value)) {
      const setting: RuleSetting = {};
      const options: Record<string, unknown> = {};
      for (const option of value.items) {
        const name = String(isScalar(option.key) ? option.key.value : option.key);
        const v = (option.value as Node | null)?.toJSON();
        if (name === 'severity') setting.severity = v as RuleSetting['severity'];
        else options[name] = v;
      }
      if (Object.keys(options).length > 0) setting.options = options;
      settings[id] = setting;
    }
  }
  return settings;
}

export { hasErrorUnder };
