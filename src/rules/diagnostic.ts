import type { Diagnostic, Severity, SourcePosition } from '../model/types.js';
import { findRule } from './index.js';

/** Where a diagnostic points: a file, a 1-based line and column, and where it ends when known. */
export type Place = SourcePosition;

/**
 * The one way to make a diagnostic outside the reader: its severity is the registered rule's
 * default (the engine, `withSetting`, applies the configured one later). An id that is not in the
 * registry (src/rules/index.ts) throws under the tests, so that every id reported has docs, a
 * schema entry and a setting; test/rules/registered.test.ts also finds them in the source.
 */
export function diagnostic(ruleId: string, message: string, place: Place): Diagnostic {
  return {
    ruleId,
    severity: defaultSeverity(ruleId),
    message,
    file: place.file,
    line: place.line,
    column: place.column,
    ...(place.endLine !== undefined && place.endColumn !== undefined
      ? { endLine: place.endLine, endColumn: place.endColumn }
      : {}),
  };
}

/** A rule's default severity; a rule that is `off` by default reports as `info` when asked to. */
export function defaultSeverity(ruleId: string): Severity {
  const rule = findRule(ruleId);
  if (!rule) {
    if (process.env.VITEST)
      throw new Error(`Unregistered rule id \`${ruleId}\`: add it to src/rules/index.ts`);
    return 'error';
  }
  return rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity;
}

/**
 * A diagnostic as plain JSON, in one key order, with its end when known: the shape of
 * `rolemark check --format json` and of the `diagnostics` of the JSON export alike.
 */
export function diagnosticJson(d: Diagnostic): Diagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.endLine !== undefined && d.endColumn !== undefined
      ? { endLine: d.endLine, endColumn: d.endColumn }
      : {}),
  };
}
