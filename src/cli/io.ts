import { RolemarkError } from '../errors.js';
import type { Diagnostic } from '../index.js';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours, progress bars). */
  isTTY?: boolean;
  /** Ends long-running commands (`build --watch`); the CLI also stops on Ctrl+C. */
  signal?: AbortSignal;
  /** Standard input, for `-` as an input: at most `max` + 1 bytes, so that more can be told. */
  stdin?: (max: number) => Promise<Buffer>;
}

/** Reads standard input to its end, or until it holds more than `max` bytes. */
async function readStdin(max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    if (size > max) break;
  }
  return Buffer.concat(chunks);
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  stdin: readStdin,
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
  /** Colour in reports: `--color` / `--no-color`, else NO_COLOR / FORCE_COLOR, else a terminal. */
  color?: boolean;
  /** `-` among the command's arguments: read standard input (yargs drops it from positionals). */
  stdinRequested?: boolean;
}

/** Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on; the flags decide over both. */
export function useColor(flag: boolean | undefined, isTTY: boolean | undefined, env = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY === true;
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

/**
 * One `--format` vocabulary across commands (what a command prints or writes), with other tools'
 * spellings as aliases: `markdown` for `md`, `txt` for `text`.
 */
export const FORMAT_ALIASES: Readonly<Record<string, string>> = { markdown: 'md', txt: 'text' };

/** A `--format` value in the canonical spelling. */
export const canonicalFormat = (value: string): string =>
  FORMAT_ALIASES[value.toLowerCase()] ?? value.toLowerCase();

/**
 * Prints why a command failed and returns its exit code: a RolemarkError's own message and code,
 * anything else as an internal error (exit 2). The one place both the CLI and check's fast path
 * report failures.
 */
export function reportFailure(io: Io, error: unknown): number {
  if (error instanceof RolemarkError) {
    io.stderr(`rolemark: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`rolemark: internal error: ${message}\nPlease report this with the input that caused it.\n`);
  return 2;
}
