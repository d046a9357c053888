import { diagnosticJson } from '../../rules/diagnostic.js';
import type { Reporter } from './types.js';

/**
 * An array of diagnostics, each `{ ruleId, severity, message, file, line, column, endLine?,
 * endColumn? }` with 1-based positions: the same shape as the `diagnostics` of the JSON export.
 */
export const json: Reporter = (diagnostics) => {
  const list = diagnostics.map(diagnosticJson);
  return { stdout: `${JSON.stringify(list, null, 2)}\n`, stderr: '' };
};
