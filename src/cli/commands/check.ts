import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import type { CommandContext } from '../io.js';
import { REPORTER_NAMES, type ReporterName, reporters } from '../reporters/index.js';

interface CheckArgs {
  inputs?: string[];
  reporter: ReporterName;
  'max-warnings': number;
  config?: string;
  color?: boolean;
  explain?: boolean;
}

/** Colour on a terminal, unless NO_COLOR is set; `--color` / `--no-color` decide over both. */
function useColor(flag: boolean | undefined, isTTY: boolean | undefined, env = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return isTTY === true;
}

/**
 * `rolemark check`: loads the configuration, reads the content, runs the rules and reports.
 * Exit codes: 0 clean (or warnings within `--max-warnings`), 1 errors or too many warnings,
 * 2 bad usage, an unreadable input, or a configuration with errors. It imports the reader and the
 * rules only: never the PDF or DOCX writers (test/rules/no-writers.test.ts proves it).
 */
export const checkCommand = (ctx: CommandContext) => ({
  command: 'check [inputs..]',
  describe: 'Check the content like a linter: print diagnostics, exit 1 on errors',
  builder: (a: Argv) =>
    a
      .positional('inputs', {
        type: 'string',
        array: true,
        describe: 'Markdown files or folders; `content` in the configuration, or content/',
      })
      .option('reporter', {
        alias: 'r',
        choices: REPORTER_NAMES,
        default: 'pretty' as ReporterName,
        describe: 'pretty (grouped by file), plain (file:line:col lines), json, github (annotations)',
      })
      .option('max-warnings', {
        type: 'number',
        default: -1,
        describe: 'Fail (exit 1) when there are more warnings than this; -1 for no limit',
      })
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: 'Configuration file; rolemark.config.yaml or .json is found by default',
      })
      .option('color', { type: 'boolean', describe: 'Colour the pretty report; on for terminals' })
      .option('explain', {
        type: 'boolean',
        describe:
          'First print how each block was read, as `rolemark explain` does (on stderr with --reporter json or github)',
      })
      .example('$0 check', 'Check content/ and print a report grouped by file')
      .example('$0 check --reporter github --max-warnings 0', 'In CI: annotations, and warnings fail'),
  handler: async (args: CheckArgs) => {
    const maxWarnings = args['max-warnings'];
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      throw new RolemarkError(
        `Unexpected --max-warnings ${String(maxWarnings)}, expected a whole number ≥ -1`,
      );
    }
    const { loadConfig } = await import('../../config/load.js');
    const config = await loadConfig(args.config ? { file: args.config } : {});
    const inputs = args.inputs?.length ? args.inputs : (config.content ?? ['content']);
    // The reader and the engine only, not the library's index: it also brings in the composer.
    const [{ findInputs, readSources }, { loadSources }, { runRules }] = await Promise.all([
      import('../../read/files.js'),
      import('../../read/load.js'),
      import('../../rules/engine.js'),
    ]);
    const model = loadSources(await readSources(await findInputs(inputs)), config.load);
    const diagnostics = [...config.diagnostics, ...runRules(model, config.rules)];
    if (args.explain) {
      // Machine-read reports (json, github) keep stdout to themselves: the explanation goes to stderr.
      const text = `${(await import('./explain.js')).explainModel(model)}\n`;
      if (args.reporter === 'pretty' || args.reporter === 'plain') ctx.io.stdout(text);
      else ctx.io.stderr(text);
    }

    const output = reporters[args.reporter](diagnostics, {
      color: useColor(args.color, ctx.io.isTTY),
      files: model.documents.length,
    });
    ctx.io.stdout(output.stdout);
    if (output.stderr) ctx.io.stderr(output.stderr);

    const errors = diagnostics.filter((d) => d.severity === 'error');
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    if (errors.some((d) => d.ruleId === 'config-invalid' && d.file === config.file)) {
      ctx.io.stderr(`rolemark: the configuration ${config.file} has errors; fix them first.\n`);
      ctx.setExitCode(2);
    } else if (errors.length > 0) {
      ctx.setExitCode(1);
    } else if (maxWarnings >= 0 && warnings > maxWarnings) {
      ctx.io.stderr(
        `rolemark: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}.\n`,
      );
      ctx.setExitCode(1);
    }
  },
});
