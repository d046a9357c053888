import type { Diagnostic } from '../../index.js';
import { counts, plural, type Reporter } from './types.js';

/** `file:line:col  severity  message  rule-id`: one diagnostic a line, for grep and older scripts. */
export function formatPlain(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId}`;
}

/** The format of rolemark's first versions: lines on stdout, the counts on stderr. */
export const plain: Reporter = (diagnostics) => {
  const c = counts(diagnostics);
  return {
    stdout: diagnostics.map((d) => `${formatPlain(d)}\n`).join(''),
    stderr: `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}\n`,
  };
};
