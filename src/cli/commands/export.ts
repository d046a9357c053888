import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';
import { withInputs } from './inputs.js';

export const exportCommand = (ctx: CommandContext) => ({
  command: 'export [inputs..]',
  describe: 'Print the model as JSON, or the matrix as Markdown tables',
  builder: (a: Argv) =>
    withInputs(a)
      .option('format', {
        alias: 'f',
        choices: ['json', 'md'] as const,
        default: 'json' as const,
        describe: 'Output format',
      })
      .example('$0 export --format json > model.json', 'The typed model, with positions and diagnostics'),
  handler: async (args: { inputs: string[]; format: 'json' | 'md' }) => {
    const { load, check, renderJson, renderMarkdown } = await import('../../index.js');
    const model = await load(args.inputs);
    if (args.format === 'md') ctx.io.stdout(renderMarkdown(model));
    else ctx.io.stdout(renderJson({ ...model, diagnostics: check(model) }));
  },
});
