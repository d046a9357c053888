import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';
import { commandOptions, withConfig, withInputs } from '../options.js';

interface FmtArgs {
  inputs?: string[];
  config?: string;
  check: boolean;
  stdinFilename?: string;
}

/**
 * `rolemark fmt`: the charts in their canonical form (src/workflow/fmt.ts), written back in place;
 * `--check` only says which files would change (exit 1), as prettier --check does in CI; `-`
 * formats standard input to standard output. Files are rewritten whole, never through a link.
 */
export const fmtCommand = (ctx: CommandContext) => ({
  command: 'fmt [inputs..]',
  describe:
    'Rewrite the charts in canonical form: aligned tables, codes in scheme order, lookalikes replaced',
  builder: (a: Argv) =>
    withConfig(withInputs(a))
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Change nothing; list the files that are not in canonical form and exit 1 if any',
      })
      .option('stdin-filename', { type: 'string', describe: 'The file name of standard input (`-`)' })
      .example('$0 fmt', 'Format every chart in content/')
      .example('$0 fmt --check', 'In CI: fail when a chart is not formatted'),
  handler: async (args: FmtArgs) => {
    const options = await commandOptions(ctx, args);
    const { readContent } = await import('../content.js');
    const content = await readContent(ctx, args, options, 'fmt');
    const { formatFiles, formatSources } = await import('../../lint.js');
    if (content.kind === 'stdin') {
      const [formatted] = formatSources([content.source], options.load);
      ctx.io.stdout(formatted?.text ?? content.source.text);
      return;
    }
    const changed = await formatFiles(content.files, options.load, !args.check);
    for (const file of changed) ctx.io.stdout(`${file}\n`);
    if (args.check && changed.length > 0) {
      ctx.io.stderr(
        `rolemark: ${changed.length} file${changed.length === 1 ? ' is' : 's are'} not in canonical form; run \`rolemark fmt\`\n`,
      );
      ctx.setExitCode(1);
    }
  },
});
