import type { Argv } from 'yargs';
import type { Config } from '../../config/load.js';
import { RolemarkError } from '../../errors.js';
import { type CommandContext, formatDiagnostic } from '../io.js';

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
export const withConfig = <T>(a: Argv<T>) =>
  a.option('config', {
    alias: 'c',
    type: 'string',
    describe: 'Configuration file; rolemark.config.yaml or .json is found by default',
  });

/**
 * Loads the project's configuration for a command. Its problems are printed as `check` prints
 * diagnostics; errors in it stop the command (exit 2), as they stop `check`.
 */
export async function projectConfig(ctx: CommandContext, file: string | undefined): Promise<Config> {
  const { loadConfig } = await import('../../config/load.js');
  const config = await loadConfig(file ? { file } : {});
  for (const d of config.diagnostics) ctx.io.stderr(`${formatDiagnostic(d)}\n`);
  if (config.diagnostics.some((d) => d.severity === 'error')) {
    throw new RolemarkError(
      `the configuration ${config.file} has errors; fix them first (\`rolemark check\` lists them)`,
    );
  }
  return config;
}

/** The inputs a command reads: the command line's, else the configuration's, else content/. */
export const inputsOf = (args: { inputs?: string[] }, config: Config): string[] =>
  args.inputs?.length ? args.inputs : (config.content ?? ['content']);
