import { isAbsolute, relative } from 'node:path';
import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import { type CommandContext, canonicalFormat } from '../io.js';
import { commandOptions, withConfig } from '../options.js';

const FORMATS = ['text', 'md', 'json'] as const;

interface DiffArgs {
  old: string;
  new?: string;
  config?: string;
  format: (typeof FORMATS)[number];
  path?: string[];
  exitCode: boolean;
}

export const diffCommand = (ctx: CommandContext) => ({
  command: 'diff <old> [new]',
  describe: 'Show how responsibilities changed between two versions: files, folders or git revisions',
  builder: (a: Argv) =>
    withConfig(a)
      .positional('old', {
        type: 'string',
        describe: 'The old version: a Markdown file, a folder, a git revision, or revision:path',
      })
      .positional('new', {
        type: 'string',
        describe:
          'The new version, like <old>; the working tree when <old> is a revision and this is left out',
      })
      .option('format', {
        alias: 'f',
        choices: [...FORMATS, 'markdown', 'txt'],
        coerce: (v: string) => canonicalFormat(v),
        default: 'text' as const,
        describe: 'text for a terminal, md for a pull request comment, json for tools',
      })
      .option('path', {
        alias: 'p',
        type: 'string',
        array: true,
        describe:
          'What to read from a revision given without a path; `content` in the configuration, or content/',
      })
      .option('exit-code', {
        type: 'boolean',
        default: false,
        describe: 'Exit 1 when something changed, 0 when nothing did (like git diff --exit-code)',
      })
      .example('$0 diff HEAD~1', 'What changed in content/ since the commit before HEAD, edits included')
      .example('$0 diff main HEAD --format md > diff.md', 'A pull request comment for the branch')
      .example('$0 diff v1/team.md v2/team.md', 'Two files')
      .example('$0 diff v1.0 HEAD --exit-code', 'Exit 1 if content/ changed since the tag v1.0')
      .example('$0 diff HEAD~1:docs/raci.md docs/raci.md', 'A path in a revision, with revision:path'),
  handler: async (args: DiffArgs) => {
    // Two versions are compared: standard input could be at most one of them, and `-` is also
    // no revision. Refused (exit 2) rather than read as a path named `-`.
    if (ctx.stdinRequested) {
      throw new RolemarkError(
        '`rolemark diff` does not read standard input (`-`); save it to a file and name that file. See `rolemark diff --help`',
      );
    }
    const { diffVersions, formatDiff, hasChanges } = await import('../../index.js');
    // `--path` is what the other commands call their inputs: else the configuration's `content`.
    const options = await commandOptions(ctx, {
      ...(args.path ? { inputs: args.path } : {}),
      config: args.config,
    });
    // git reads paths relative to the current folder (`../../content` from a subfolder), never
    // absolute ones, which is how the configuration's paths outside the current folder are shown.
    const paths = options.inputs.map((p) => (isAbsolute(p) ? relative(process.cwd(), p) || '.' : p));
    const { diff, labels, notes } = await diffVersions(args.old, args.new, { paths, load: options.load });
    for (const note of notes) ctx.io.stderr(`rolemark: note: ${note}\n`);
    const color = args.format === 'text' && ctx.color === true;
    ctx.io.stdout(formatDiff(diff, args.format, { labels, color }));
    if (args.exitCode && hasChanges(diff)) ctx.setExitCode(1);
  },
});
