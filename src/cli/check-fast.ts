import { parseArgs } from 'node:util';
import { RolemarkError } from '../errors.js';
import { checkCommand } from './commands/check.js';
import { type Io, processIo } from './io.js';
import { REPORTER_NAMES, type ReporterName } from './reporters/index.js';

/**
 * `rolemark check` without yargs, for a pre-commit hook's start-up: loading yargs and laying out
 * its parser took ~0.1 s of a 0.4 s `check` (docs/performance.md). Only a plain, valid command line
 * takes this path, with the same handler as `rolemark check`; anything else — `--help`, an unknown
 * or repeated option, a reporter that is not one, a number that is not one — returns undefined, and
 * the caller runs the full CLI, whose messages and help are the ones users know.
 */
export async function fastCheck(argv: readonly string[], io: Io = processIo): Promise<number | undefined> {
  const args = plainCheckArgs(argv);
  if (args === undefined) return undefined;
  let exitCode = 0;
  const ctx = { io, setExitCode: (code: number) => (exitCode = Math.max(exitCode, code)) };
  try {
    await checkCommand(ctx).handler(args);
  } catch (error) {
    // As src/cli/main.ts reports them.
    if (error instanceof RolemarkError) {
      io.stderr(`rolemark: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`rolemark: internal error: ${message}\nPlease report this with the input that caused it.\n`);
    return 2;
  }
  return exitCode;
}

interface CheckArgs {
  inputs: string[];
  reporter: ReporterName;
  'max-warnings': number;
  config?: string;
  color?: boolean;
}

/** The arguments of `check …` (argv after `check`), or undefined when yargs should read them. */
export function plainCheckArgs(argv: readonly string[]): CheckArgs | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch {
    return undefined;
  }
  const { values, positionals, tokens } = parsed;
  // `--` and inputs that look like options are read by yargs' rules, not guessed at here.
  if (tokens.some((t) => t.kind === 'option-terminator') || positionals.some((p) => p.startsWith('-')))
    return undefined;
  const names = tokens.filter((t) => t.kind === 'option').map((t) => t.name.replace(/^no-/, ''));
  if (new Set(names).size !== names.length) return undefined;
  const reporter = values.reporter ?? 'pretty';
  if (!(REPORTER_NAMES as readonly string[]).includes(reporter)) return undefined;
  const maxWarnings = values['max-warnings'] ?? '-1';
  // yargs reads numbers more loosely (hex, exponents, spaces); those go to it.
  if (!/^-?\d+$/.test(maxWarnings)) return undefined;
  if (values.config === '') return undefined;
  const color = values['no-color'] ? false : values.color;
  return {
    inputs: positionals,
    reporter: reporter as ReporterName,
    'max-warnings': Number(maxWarnings),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(color !== undefined ? { color } : {}),
  };
}

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    tokens: true,
    options: {
      reporter: { type: 'string', short: 'r' },
      'max-warnings': { type: 'string' },
      config: { type: 'string', short: 'c' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
  });
