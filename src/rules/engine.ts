import type { Diagnostic, Model } from '../model/types.js';
import { rules } from './index.js';
import type { SeveritySetting } from './types.js';

/** Per-rule settings: a severity, or a severity with options. */
export type RuleSettings = Record<string, SeveritySetting | [SeveritySetting, Record<string, unknown>]>;

const settingOf = (
  settings: RuleSettings,
  id: string,
): { severity: SeveritySetting | undefined; options: Record<string, unknown> } => {
  const s = settings[id];
  return Array.isArray(s) ? { severity: s[0], options: s[1] } : { severity: s, options: {} };
};

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sorts diagnostics by file, line and column, so reports read top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      ORDER[a.severity] - ORDER[b.severity],
  );
}

/**
 * Runs every rule over the model and merges the reader's diagnostics. The engine owns severity and
 * options: a rule set to `off` reports nothing, and a rule that throws becomes a diagnostic.
 */
export function runRules(model: Model, settings: RuleSettings = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of model.diagnostics) {
    const { severity } = settingOf(settings, d.ruleId);
    if (severity === 'off') continue;
    out.push(severity ? { ...d, severity } : d);
  }
  const fallback = model.documents[0]?.file ?? '';
  for (const rule of rules) {
    if (!rule.check) continue;
    const setting = settingOf(settings, rule.id);
    const severity = setting.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const options: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(rule.options))
      options[key] = setting.options[key] ?? spec.default;
    try {
      rule.check(
        model,
        ({ message, at }) => {
          out.push({
            ruleId: rule.id,
            severity,
            message,
            file: at?.file ?? fallback,
            line: at?.line ?? 1,
            column: at?.column ?? 1,
          });
        },
        options,
      );
    } catch (error) {
      out.push({
        ruleId: rule.id,
        severity: 'error',
        message: `Rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        file: fallback,
        line: 1,
        column: 1,
      });
    }
  }
  return sortDiagnostics(out);
}
