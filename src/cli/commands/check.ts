import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import type { CommandContext } from '../io.js';
import { CONFIG_OPTION, commandOptions, RULE_OPTION } from '../options.js';
import { REPORTER_ALIASES, REPORTER_NAMES, type ReporterName, reporters } from '../reporters/index.js';

/** The arguments of `check`, as yargs gives them to the handler. */
export interface CheckArgs {
  inputs?: string[];
  format: string;
  maxWarnings: string;
  config?: string;
  rule?: string[];
  quiet: boolean;
  fix: boolean;
  explain?: boolean;
  stdinFilename?: string;
}

/** `--max-warnings 3` → 3; anything but a whole number ≥ -1 is refused with what was typed. */
function parseMaxWarnings(value: string): number {
  const n = /^-?\d+$/u.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < -1) {
    throw new RolemarkError(
      `Unexpected --max-warnings ${JSON.stringify(value)}, expected a whole number ≥ -1 (-1: no limit). See \`rolemark check --help\``,
    );
  }
  return n;
}

/** An option of `check`, as yargs takes it; `fast: false` leaves it to yargs (check-fast.ts). */
export interface CheckOption {
  type: 'string' | 'boolean';
  array?: boolean;
  alias?: string | string[];
  default?: string | boolean;
  describe: string;
  fast?: false;
}

/**
 * The options of `check`, once: yargs' builder below and the fast path without yargs
 * (src/cli/check-fast.ts) both read them.
 */
export const CHECK_OPTIONS: Readonly<Record<string, CheckOption>> = {
  format: {
    alias: ['f', 'reporter', 'r'],
    type: 'string',
    default: 'pretty',
    describe: `${REPORTER_NAMES.join(', ')}: pretty (grouped by file), plain (file:line:col lines), json, github (annotations), sarif (code scanning), junit (CI test reports)`,
  },
  'max-warnings': {
    type: 'string',
    default: '-1',
    describe: 'Fail (exit 1) when there are more warnings than this; -1 for no limit',
  },
  quiet: { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' },
  fix: {
    type: 'boolean',
    default: false,
    describe: 'Rewrite the charts in canonical form first, as rolemark fmt does, then check',
    fast: false,
  },
  explain: {
    type: 'boolean',
    describe:
      'First print how each block was read, as `rolemark explain` does (on stderr with machine-read formats)',
  },
  'stdin-filename': {
    type: 'string',
    describe: 'The file name of standard input (`-`) in messages, and for its rules',
    fast: false,
  },
  config: CONFIG_OPTION,
  // Left to yargs: parseArgs would need `multiple` for it, and a hook's command line rarely has it.
  rule: { ...RULE_OPTION, fast: false },
};

function withOptions(a: Argv, options: Readonly<Record<string, CheckOption>>): Argv {
  let out = a;
  for (const [name, { fast: _fast, ...option }] of Object.entries(options)) out = out.option(name, option);
  return out;
}

/**
 * `rolemark check`: loads the configuration, reads the content, runs the rules (which apply the
 * inline `rolemark-disable` comments) and reports. Exit codes: 0 clean (or warnings within
 * `--max-warnings`), 1 errors or too many warnings, 2 bad usage, an unreadable input, or a
 * configuration with errors. It imports the reader and the rules only: never the PDF or DOCX
 * writers (test/rules/no-writers.test.ts proves it).
 */
export const checkCommand = (ctx: CommandContext) => ({
  command: 'check [inputs..]',
  describe: 'Check the content like a linter: print diagnostics, exit 1 on errors',
  builder: (a: Argv) =>
    withOptions(a, CHECK_OPTIONS)
      .positional('inputs', {
        type: 'string',
        array: true,
        describe:
          "Markdown files, folders or globs ('docs/**/*.md'), or - for standard input; `content` in the configuration, or content/",
      })
      .example('$0 check', 'Check content/ and print a report grouped by file')
      .example(
        "$0 check 'docs/**/*.md' --format github --max-warnings 0",
        'In CI: annotations, and warnings fail',
      )
      .example('$0 check --format sarif -o rolemark.sarif', 'A report for GitHub code scanning')
      .example(
        'cat team.md | $0 check - --stdin-filename content/team.md',
        'Standard input, as an editor sends it',
      ),
  handler: async (args: CheckArgs) => {
    const maxWarnings = parseMaxWarnings(args.maxWarnings);
    const name = (REPORTER_ALIASES[args.format] ?? args.format) as ReporterName;
    if (!REPORTER_NAMES.includes(name)) {
      throw new RolemarkError(
        `Unexpected --format ${JSON.stringify(args.format)}, expected one of ${REPORTER_NAMES.join(', ')}. See \`rolemark check --help\``,
      );
    }
    // The configuration's problems are part of the report, as the content's are.
    const options = await commandOptions(ctx, args, 'diagnostics');
    const { config } = options;
    const { readContent } = await import('../content.js');
    const content = await readContent(ctx, args, options, args.fix ? 'check --fix' : 'check', !args.fix);
    // The public API's reading and checking half (src/lint.ts), not the whole index: that also
    // brings in the composer and the writers' registry.
    const { load, loadText, check, formatFiles } = await import('../../lint.js');
    if (args.fix && content.kind === 'files') await formatFiles(content.files, options.load, true);
    const model =
      content.kind === 'stdin'
        ? loadText([content.source], options.load)
        : await load(content.files, options.load);
    // The engine applies the inline `rolemark-disable` comments, for build and export as for check.
    let diagnostics = [...config.diagnostics, ...check(model, options.rules)];
    if (args.explain) {
      // Machine-read reports (json, github, sarif, junit) keep stdout to themselves.
      const text = `${(await import('../explain-model.js')).explainModel(model)}\n`;
      if (name === 'pretty' || name === 'plain') ctx.io.stdout(text);
      else ctx.io.stderr(text);
    }
    if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');

    const output = reporters[name](diagnostics, { color: ctx.color === true, files: model.documents.length });
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
