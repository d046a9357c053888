import type { Argv } from 'yargs';
import { RolemarkError } from '../errors.js';
import type { Config, OptionArgs, Options } from '../lint.js';
import { type CommandContext, formatDiagnostic } from './io.js';

/**
 * The flags every content command shares, and the one way a command turns them and the
 * configuration into its options: `commandOptions` below, over the public API's `loadConfig` and
 * `resolveOptions` (src/options.ts). No command merges a flag with the configuration by itself
 * (test/options.test.ts reads src/cli/commands/ to hold that).
 */

/**
 * The `[inputs..]` positional every content command takes. It has no default here: the
 * configuration's `content` applies when the command line names none, then `content/`.
 */
export const withInputs = <T>(a: Argv<T>) =>
  a.positional('inputs', {
    type: 'string',
    array: true,
    describe: 'Markdown files or folders; `content` in the configuration, or content/',
  });

/** The `--config` option of the commands that read the content. */
export const CONFIG_OPTION = {
  alias: 'c',
  type: 'string',
  describe: 'Configuration file; rolemark.config.yaml or .json is found by default',
} as const;

export const withConfig = <T>(a: Argv<T>) => a.option('config', CONFIG_OPTION);

/** `--rule id=severity`, repeatable, over the configuration's `rules:` (commands that run rules). */
export const RULE_OPTION = {
  type: 'string',
  array: true,
  describe:
    'A rule\'s severity over the configuration\'s: id=off|info|warning|error, repeatable or comma-separated ("role-overloaded=off")',
} as const;

export const withRule = <T>(a: Argv<T>) => a.option('rule', RULE_OPTION);

/** The arguments a command passes: its shared flags and, maybe, `--config`. */
export type CommandArgs = OptionArgs & { config?: string };

/**
 * Loads the project's configuration and resolves the command's options from it and the command
 * line. `report: 'stderr'` (every command but check): the configuration's problems are printed as
 * `check` prints diagnostics, and errors in it stop the command (exit 2). `report: 'diagnostics'`
 * (check): they are left in `options.config.diagnostics`, for the report.
 */
export async function commandOptions(
  ctx: CommandContext,
  args: CommandArgs,
  report: 'stderr' | 'diagnostics' = 'stderr',
): Promise<Options> {
  // Not from the reading and checking half of the API (rolemark/lint), which loads the reader and
  // the formatter with them: `build`'s main thread reads only the configuration, and compiling
  // those was most of its start-up before it sent the build its job (docs/performance.md, round six).
  const { loadConfig, resolveOptions } = await import('../options.js');
  const config: Config = await loadConfig(args.config ? { file: args.config } : {});
  if (report === 'stderr') {
    for (const d of config.diagnostics) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
    if (config.diagnostics.some((d) => d.severity === 'error')) {
      throw new RolemarkError(
        `the configuration ${config.file} has errors; fix them first (\`rolemark check\` lists them)`,
      );
    }
  }
  return resolveOptions(args, config);
}
