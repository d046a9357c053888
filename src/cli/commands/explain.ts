import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';
import { commandOptions, withConfig, withInputs } from '../options.js';

/**
 * `rolemark explain`: prints how the reader classified each block of each file, so that a user
 * whose chart reads wrong sees why. Like `check`, it imports the reader only.
 */
export const explainCommand = (ctx: CommandContext) => ({
  command: 'explain [inputs..]',
  describe: 'Show how each table, list and legend of the content was read (matrix, legend, prose…)',
  builder: (a: Argv) =>
    withConfig(withInputs(a))
      .option('stdin-filename', {
        type: 'string',
        describe: 'The file name of standard input (`-`) in what is printed',
      })
      .example('$0 explain content/team.md', 'One line per block: what the reader took it for, and why')
      .example('$0 check --explain', 'The same, before the diagnostics')
      .example('pbpaste | $0 explain -', 'A chart copied from elsewhere, from standard input'),
  handler: async (args: { inputs?: string[]; config?: string; stdinFilename?: string }) => {
    const options = await commandOptions(ctx, args);
    // Files, folders, globs less what is ignored, or `-`: the same inputs as check reads.
    const { readContent } = await import('../content.js');
    const content = await readContent(ctx, args, options, 'explain');
    // The reader only, through the API's reading half: no composer, no writers.
    const [{ load, loadText }, { explainModel }] = await Promise.all([
      import('../../lint.js'),
      import('../explain-model.js'),
    ]);
    const model =
      content.kind === 'stdin'
        ? loadText([content.source], options.load)
        : await load(content.files, options.load);
    ctx.io.stdout(explainModel(model));
  },
});
