import type { Diagnostic } from '../../index.js';

export interface ReportContext {
  /** ANSI colours: on a terminal only, unless `--color` / `--no-color` say otherwise. */
  color: boolean;
  /** How many content files were checked, for the summary. */
  files: number;
}

/** What a reporter prints: the report on stdout, and anything meant for a human only on stderr. */
export interface ReportOutput {
  stdout: string;
  stderr: string;
}

export type Reporter = (diagnostics: readonly Diagnostic[], ctx: ReportContext) => ReportOutput;

export function counts(diagnostics: readonly Diagnostic[]): Record<Diagnostic['severity'], number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
