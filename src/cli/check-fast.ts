import { parseArgs } from 'node:util';
import { CHECK_OPTIONS, type CheckArgs, checkCommand } from './commands/check.js';
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

/** Long aliases by the option they stand for (`reporter` → `format`), from CHECK_OPTIONS. */
const ALIAS_OF: Record<string, string> = {};

/** The arguments `rolemark check` gets from yargs, as its handler reads them, and `--color`. */
type FastArgs = CheckArgs & { inputs: string[]; color?: boolean };

/** The arguments of `check …` (argv after `check`), or undefined when yargs should read them. */
export function plainCheckArgs(argv: readonly string[]): FastArgs | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch {
    return undefined;
  }
  const { values: raw, positionals, tokens } = parsed;
  const values = raw as Record<string, string | boolean | undefined>;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  // `--`, standard input and inputs that look like options are read by yargs' rules, not here.
  if (tokens.some((t) => t.kind === 'option-terminator') || positionals.some((p) => p.startsWith('-')))
    return undefined;
  const names = tokens
    .filter((t) => t.kind === 'option')
    .map((t) => {
      const name = t.name.replace(/^no-/, '');
      return ALIAS_OF[name] ?? name;
    });
  if (new Set(names).size !== names.length) return undefined;
  const format = text('format') ?? text('reporter') ?? 'pretty';
  if (!(REPORTER_NAMES as readonly string[]).includes(REPORTER_ALIASES[format] ?? format)) return undefined;
  const maxWarnings = text('max-warnings') ?? '-1';
  // yargs reads numbers more loosely (hex, exponents, spaces); those go to it.
  if (!/^-?\d+$/.test(maxWarnings)) return undefined;
  const config = text('config');
  if (config === '') return undefined;
  const color = values['no-color'] ? false : (values.color as boolean | undefined);
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

/**
 * parseArgs' options, from check's own (CHECK_OPTIONS), less those the fast path leaves to yargs
 * (`fast: false`), plus the CLI's global `--color` / `--no-color`. A long alias (`--reporter`) is
 * an option of its own, given the next one-letter alias (`-r`); the names are mapped back below.
 */
const FAST_OPTIONS = (() => {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  };
  for (const [name, option] of Object.entries(CHECK_OPTIONS)) {
    if (option.fast === false) continue;
    const aliases = option.alias === undefined ? [] : [option.alias].flat();
    const shorts = aliases.filter((x) => x.length === 1);
    const longs = aliases.filter((x) => x.length > 1);
    [name, ...longs].forEach((long, i) => {
      const short = shorts[i];
      options[long] = { type: option.type, ...(short ? { short } : {}) };
      if (long !== name) ALIAS_OF[long] = name;
    });
  }
  return options;
})();

const parse = (argv: readonly string[]) =>
  parseArgs({ args: [...argv], strict: true, allowPositionals: true, tokens: true, options: FAST_OPTIONS });
