import yargs from 'yargs';
import { RolemarkError } from '../errors.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { rulesCommand } from './commands/rules.js';
import { templatesCommand } from './commands/templates.js';
import { type CommandContext, type Io, processIo } from './io.js';

export type { Io } from './io.js';
export { formatDiagnostic } from './io.js';

/**
 * Runs the rolemark CLI with `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 1 errors in the content, 2 bad usage or unreadable input. Only the CLI prints, and
 * nothing here calls `process.exit`. Each command lives in `commands/` and loads the library
 * lazily, so `rolemark check` never loads the PDF or DOCX writers.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const ctx: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const cli = yargs([...argv])
    .scriptName('rolemark')
    .usage(
      '$0 <command> [options]\n\nRACI charts and role charters from Markdown: check them like code, render them to PDF and DOCX.',
    )
    // yargs' command typings do not follow builder-derived argument types through a factory.
    .command(initCommand(ctx) as never)
    .command(buildCommand(ctx) as never)
    .command(checkCommand(ctx) as never)
    .command(diffCommand(ctx) as never)
    .command(explainCommand(ctx) as never)
    .command(exportCommand(ctx) as never)
    .command(importCommand(ctx) as never)
    .command(rulesCommand(ctx) as never)
    .command(templatesCommand(ctx) as never)
    .example('$0 init my-team', 'Start a project with an example chart')
    .example('$0 build --watch', 'Render content/ into out/ on every save')
    .example('$0 check', 'Lint the charts, as CI does')
    .example('$0 diff HEAD~1 --format md', 'Responsibility changes since HEAD~1, as Markdown')
    .epilogue("Run `rolemark <command> --help` for a command's options and examples.")
    .demandCommand(1, 'Name a command: init, build, check, diff, explain, export, import, rules or templates')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .alias('v', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new RolemarkError(`${message}. Run \`rolemark --help\` for usage.`);
    });

  try {
    let printed = '';
    await cli.parseAsync([...argv], {}, (_err, _argv, output) => {
      printed = output;
    });
    if (printed) io.stdout(`${printed}\n`);
  } catch (error) {
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
