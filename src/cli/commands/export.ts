import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';
import { inputsOf, projectConfig, withConfig, withInputs } from './inputs.js';

export const exportCommand = (ctx: CommandContext) => ({
  command: 'export [inputs..]',
  describe: 'Print the model as JSON, the matrix as Markdown tables, or the matrix as CSV for spreadsheets',
  builder: (a: Argv) =>
    withConfig(withInputs(a))
      .option('format', {
        alias: 'f',
        choices: ['json', 'md', 'csv'] as const,
        default: 'json' as const,
        describe: 'Output format',
      })
      .option('bom', {
        type: 'boolean',
        default: false,
        describe: 'Start the CSV with a byte-order mark, so that Excel reads it as UTF-8',
      })
      .example('$0 export --format json > model.json', 'The typed model, with positions and diagnostics')
      .example('$0 export --format csv --bom > raci.csv', 'Every matrix as one table, for Excel'),
  handler: async (args: {
    inputs?: string[];
    config?: string;
    format: 'json' | 'md' | 'csv';
    bom: boolean;
  }) => {
    const { load, check, renderJson, renderMarkdown, renderCsv } = await import('../../index.js');
    const config = await projectConfig(ctx, args.config);
    const model = await load(inputsOf(args, config), config.load);
    if (args.format === 'md') ctx.io.stdout(renderMarkdown(model));
    else if (args.format === 'csv') ctx.io.stdout(renderCsv(model, { bom: args.bom }));
    else ctx.io.stdout(renderJson({ ...model, diagnostics: check(model, config.rules) }));
  },
});
