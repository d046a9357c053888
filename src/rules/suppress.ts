import type { Diagnostic, FileSuppressions, Suppression } from '../model/types.js';
import { diagnostic } from './diagnostic.js';

/*
 * Applying the inline `rolemark-disable` comments that the reader recorded (read/inline.ts) to
 * the diagnostics: the rule engine does it for everything it returns, the reader's included.
 */

/**
 * The diagnostics the comments leave, plus a warning for each comment (and rule named in it)
 * that silenced nothing or names no rule in `knownRules`. Called by the rule engine only.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  suppressions: readonly FileSuppressions[] | undefined,
  knownRules: readonly string[],
  /** Rules reported after the engine (by a writer): a comment naming one is never judged unused. */
  laterRules: readonly string[] = [],
): Diagnostic[] {
  if (!suppressions || suppressions.length === 0) return [...diagnostics];
  const byFile = new Map(suppressions.map((f) => [f.file, f.ranges]));
  const used = new Set<Suppression>();
  const kept = diagnostics.filter((d) => {
    const matching = (byFile.get(d.file) ?? []).filter(
      (r) => (r.rule === null || r.rule === d.ruleId) && d.line >= r.from && d.line <= r.to,
    );
    for (const r of matching) used.add(r);
    return matching.length === 0;
  });
  const known = new Set(knownRules);
  for (const { file, ranges: list } of suppressions) {
    for (const r of list) {
      if (used.has(r) || (r.rule !== null && laterRules.includes(r.rule))) continue;
      const { line, column, kind } = r;
      const what = r.rule === null ? `\`rolemark-${kind}\`` : `\`rolemark-${kind} ${r.rule}\``;
      const message =
        r.rule !== null && !known.has(r.rule)
          ? `Unexpected rule \`${r.rule}\` in ${what}, expected a rule id (\`rolemark rules\` lists them)`
          : `Unused ${what}: no such problem to silence here; remove the comment`;
      kept.push(diagnostic('unused-disable', message, { file, line, column }));
    }
  }
  return kept;
}

/** Whether a comment silences `d`: for what is reported after the engine ran (a writer's warning). */
export function isSuppressed(d: Diagnostic, suppressions: readonly FileSuppressions[] | undefined): boolean {
  const ranges = suppressions?.find((f) => f.file === d.file)?.ranges ?? [];
  return ranges.some((r) => (r.rule === null || r.rule === d.ruleId) && d.line >= r.from && d.line <= r.to);
}
