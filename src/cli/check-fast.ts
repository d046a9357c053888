import { parseArgs } from 'node:util';
import { checkCommand } from './commands/check.js';
import { type CommandContext, type Io, processIo, reportFailure, useColor } from './io.js';
import { REPORTER_ALIASES, REPORTER_NAMES } from './reporters/index.js';

/**
 * `rolemark check` without yargs, for a pre-commit hook's start-up: loading yargs and laying out
 * its parser took ~0.1 s of a 0.4 s `check` (docs/performance.md). Only a plain, valid command line
 * takes this path, with the same handler as `rolemark check`; anything else — `--help`, `-` for
 * standard input, `--fix`, `-o`, an unknown or repeated option, a format that is not one, a number
 * that is not one — returns undefined, and the caller runs the full CLI, whose messages and help
 * are the ones users know.
 */
export async function fastCheck(argv: readonly string[], io: Io = processIo): Promise<number | undefined> {
  const plain = plainCheckArgs(argv);
  if (plain === undefined) return undefined;
  const { color, ...args } = plain;
  let exitCode = 0;
  const ctx: CommandContext = {
    io,
    setExitCode: (code: number) => {
      exitCode = Math.max(exitCode, code);
    },
    color: useColor(color, io.isTTY),
    stdinRequested: false,
  };
  try {
    await checkCommand(ctx).handler(args);
  } catch (error) {
    return reportFailure(io, error);
  }
  return exitCode;
}

/** The arguments `rolemark check` gets from yargs, as its handler reads them. */
interface CheckArgs {
  inputs: string[];
  format: string;
  maxWarnings: string;
  config?: string;
  quiet: boolean;
  fix: boolean;
  explain?: boolean;
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
  // `--`, standard input and inputs that look like options are read by yargs' rules, not here.
  if (tokens.some((t) => t.kind === 'option-terminator') || positionals.some((p) => p.startsWith('-')))
    return undefined;
  const names = tokens
    .filter((t) => t.kind === 'option')
    .map((t) => {
      const name = t.name.replace(/^no-/, '');
      return name === 'reporter' ? 'format' : name;
    });
  if (new Set(names).size !== names.length) return undefined;
  const format = values.format ?? values.reporter ?? 'pretty';
  if (!(REPORTER_NAMES as readonly string[]).includes(REPORTER_ALIASES[format] ?? format)) return undefined;
  const maxWarnings = values['max-warnings'] ?? '-1';
  // yargs reads numbers more loosely (hex, exponents, spaces); those go to it.
  if (!/^-?\d+$/.test(maxWarnings)) return undefined;
  const config = values.config;
  if (config === '') return undefined;
  const color = values['no-color'] ? false : values.color;
  return {
    inputs: positionals,
    format,
    maxWarnings,
    quiet: values.quiet === true,
    fix: false,
    ...(values.explain ? { explain: true } : {}),
    ...(config !== undefined ? { config } : {}),
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
      format: { type: 'string', short: 'f' },
      reporter: { type: 'string', short: 'r' },
      'max-warnings': { type: 'string' },
      config: { type: 'string', short: 'c' },
      quiet: { type: 'boolean', short: 'q' },
      explain: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
  });
