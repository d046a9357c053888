import type { Diagnostic } from '../model/types.js';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours, progress bars). */
  isTTY?: boolean;
  /** Ends long-running commands (`build --watch`); the CLI also stops on Ctrl+C. */
  signal?: AbortSignal;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
};

/**
 * Ends the process quietly when the reader of standard output or error goes away
 * (`rolemark rules | head -1`, `rolemark export | true`), as other command-line tools do, instead
 * of an unhandled EPIPE error with a stack trace. Nobody is left to read anything more.
 */
export function exitOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

/** What a command handler gets: where to print, and a way to set the exit code. */
export interface CommandContext {
  io: Io;
  setExitCode: (code: number) => void;
}

/** `file:line:col  severity  message  rule-id`, one diagnostic a line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId}`;
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}`;
}

/** `--format pdf,docx --format md` → `['pdf', 'docx', 'md']`. */
export function splitList(values: readonly (string | number)[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
