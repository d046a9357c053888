import { writeFile } from 'node:fs/promises';
import yargs, { type Argv } from 'yargs';
import { RolemarkError } from '../errors.js';
import { didYouMean } from '../model/did-you-mean.js';
import { version } from '../workflow/package.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { exportCommand } from './commands/export.js';
import { fmtCommand } from './commands/fmt.js';
import { importCommand } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { rulesCommand } from './commands/rules.js';
import { templatesCommand } from './commands/templates.js';
import { type CommandContext, type Io, processIo, reportFailure, useColor } from './io.js';

export type { Io } from './io.js';
export { formatDiagnostic } from './io.js';

const COMMANDS = ['init', 'build', 'check', 'fmt', 'diff', 'export', 'import', 'rules', 'templates'];

/** Commands whose report `-o/--output-file` sends to a file (build and import write files anyway). */
const REPORTING = new Set(['check', 'diff', 'explain', 'export', 'rules', 'templates']);

/** `Unknown argument: reportr` → `… Did you mean --reporter?`, from the command's own options. */
function withSuggestions(message: string, options: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/u.exec(message)?.[1];
  if (!unknown) return message;
  const hints = unknown
    .split(', ')
    .map((arg) => {
      const flag = arg.replace(/^-+/u, '');
      const near = didYouMean(flag, options);
      return near ? `--${flag}: did you mean --${near}?` : `--${flag}`;
    })
    .join('; ');
  return `Unknown option${unknown.includes(', ') ? 's' : ''} ${hints}`;
}

/**
 * Runs the rolemark CLI with `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 1 errors in the content, 2 bad usage or unreadable input. Only the CLI prints, and
 * nothing here calls `process.exit`. Each command lives in `commands/` and loads the library
 * lazily, so `rolemark check` never loads the PDF or DOCX writers.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  // `-o/--output-file`: the report goes to this file instead of standard output.
  let outputFile: string | undefined;
  let captured = '';
  const ctx: CommandContext = {
    io: {
      ...io,
      stdout: (text) => {
        if (outputFile === undefined) io.stdout(text);
        else captured += text;
      },
    },
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const command = argv.find((a) => !a.startsWith('-'));
  // yargs drops a lone `-` from positionals; the commands that read inputs look for it here.
  ctx.stdinRequested = command !== undefined && argv.slice(argv.indexOf(command) + 1).includes('-');
  const help = command && COMMANDS.includes(command) ? `rolemark ${command} --help` : 'rolemark --help';
  const cli: Argv = yargs([...argv])
    .scriptName('rolemark')
    .usage(
      '$0 <command> [options]\n\nRACI charts and role charters from Markdown: check them like code, render them to PDF and DOCX.',
    )
    .option('color', {
      type: 'boolean',
      global: true,
      describe: 'Colour the report (--no-color: never); by default on a terminal, unless NO_COLOR is set',
    })
    .middleware((args) => {
      ctx.color = useColor(args.color as boolean | undefined, io.isTTY);
      const cmd = String(args._[0] ?? '');
      if (REPORTING.has(cmd) && typeof args.outputFile === 'string') outputFile = args.outputFile;
    })
    // yargs' command typings do not follow builder-derived argument types through a factory.
    .command(initCommand(ctx) as never)
    .command(buildCommand(ctx) as never)
    .command(withOutputFile(checkCommand(ctx)) as never)
    .command(fmtCommand(ctx) as never)
    .command(withOutputFile(diffCommand(ctx)) as never)
    .command(withOutputFile(explainCommand(ctx)) as never)
    .command(withOutputFile(exportCommand(ctx)) as never)
    .command(importCommand(ctx) as never)
    .command(withOutputFile(rulesCommand(ctx)) as never)
    .command(withOutputFile(templatesCommand(ctx)) as never)
    .example('$0 init my-team', 'Start a project with an example chart')
    .example('$0 build --watch', 'Render content/ into out/ on every save')
    .example('$0 check', 'Lint the charts, as CI does')
    .example('$0 diff HEAD~1 --format md', 'Responsibility changes since HEAD~1, as Markdown')
    .epilogue("Run `rolemark <command> --help` for a command's options and examples.")
    .demandCommand(
      1,
      'Name a command: init, build, check, fmt, diff, explain, export, import, rules or templates',
    )
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    // yargs looks for package.json beside the script, which the bundle is not: give it the version.
    .version(version)
    .alias('v', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      // The options of the command being parsed: yargs keeps them on the one instance.
      const instance = cli as unknown as { getOptions: () => { key?: object } };
      const options = Object.keys(instance.getOptions().key ?? {}).filter((k) => k.length > 1);
      const text = withSuggestions(message ?? 'Bad usage', options).replace(/[.?!]?$/u, (end) => end || '.');
      throw new RolemarkError(`${text} Run \`${help}\` for usage.`);
    });

  skipHelpCache(cli);
  try {
    let printed = '';
    await cli.parseAsync([...argv], {}, (_err, _argv, output) => {
      printed = output;
    });
    if (printed) io.stdout(`${printed}\n`);
    if (outputFile !== undefined) await writeOutput(outputFile, captured);
  } catch (error) {
    return reportFailure(io, error);
  }
  return exitCode;
}

/** Adds `-o/--output-file` to a command that prints a report. */
function withOutputFile<T extends { command: string; builder?: unknown }>(command: T): T {
  const builder = (command.builder ?? ((a: import('yargs').Argv) => a)) as (
    a: import('yargs').Argv,
  ) => import('yargs').Argv;
  return {
    ...command,
    builder: (a: import('yargs').Argv) =>
      builder(a).option('output-file', {
        alias: 'o',
        type: 'string',
        describe: 'Write the report to this file instead of standard output',
      }),
  } as T;
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RolemarkError(`Cannot write --output-file \`${file}\`: ${String(code ?? error)}`);
  }
}

/**
 * yargs lays out a command's whole help before running its handler, in case the handler fails and
 * the default failure handler prints it. Ours (`.fail` above) never prints it, and the layout cost
 * 50–90 ms of every command, `check` included (docs/performance.md). `--help` is unaffected: it is
 * laid out when asked for.
 */
function skipHelpCache(cli: unknown): void {
  const internal = (cli as { getInternalMethods?: () => { getUsageInstance?: () => unknown } })
    .getInternalMethods?.()
    .getUsageInstance?.() as { cacheHelpMessage?: () => void } | undefined;
  if (typeof internal?.cacheHelpMessage === 'function') internal.cacheHelpMessage = () => {};
}
