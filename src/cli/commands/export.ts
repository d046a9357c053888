import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import { type CommandContext, canonicalFormat } from '../io.js';
import { commandOptions, withConfig, withInputs, withRule } from '../options.js';

export const exportCommand = (ctx: CommandContext) => ({
  command: 'export [inputs..]',
  describe: 'Print the model as JSON, the matrix as Markdown tables, or the matrix as CSV for spreadsheets',
  builder: (a: Argv) =>
    withRule(withConfig(withInputs(a)))
      .option('format', {
        alias: 'f',
        choices: ['json', 'md', 'csv', 'markdown'] as const,
        coerce: (v: string) => canonicalFormat(v),
        default: 'json' as const,
        describe: 'What to print: json (the model), md (GFM tables; alias markdown), csv (for spreadsheets)',
      })
      .option('stdin-filename', {
        type: 'string',
        describe: 'The file name of standard input (`-`) in messages',
      })
      .option('bom', {
        type: 'boolean',
        default: false,
        describe: 'Start the CSV with a byte-order mark, so that Excel reads it as UTF-8',
      })
      .option('delimiter', {
        type: 'string',
        default: ',',
        describe: "The CSV delimiter: ',' or ';' (Excel where the decimal mark is a comma) or '\\t'",
      })
      .example('$0 export --format json > model.json', 'The typed model, with positions and diagnostics')
      .example('$0 export --format csv --bom > raci.csv', 'Every matrix as one table, for Excel')
      .example(
        "$0 export --format csv --bom --delimiter ';' > raci.csv",
        'The same, for Excel in Germany or France',
      ),
  handler: async (args: {
    inputs?: string[];
    config?: string;
    rule?: string[];
    stdinFilename?: string;
    format: 'json' | 'md' | 'csv';
    bom: boolean;
    delimiter: string;
  }) => {
    const delimiter = args.delimiter === '\\t' || args.delimiter === 'tab' ? '\t' : args.delimiter;
    if (![',', ';', '\t', '|'].includes(delimiter)) {
      throw new RolemarkError(
        `Unexpected --delimiter ${JSON.stringify(args.delimiter)}, expected ',', ';', '\\t' (tab) or '|'. See \`rolemark export --help\``,
      );
    }
    const { load, loadText, check, renderJson, renderMarkdown, renderCsv } = await import('../../index.js');
    const options = await commandOptions(ctx, args);
    const { readContent } = await import('../content.js');
    const content = await readContent(ctx, args, options, 'export');
    const model =
      content.kind === 'stdin'
        ? loadText([content.source], options.load)
        : await load(content.files, options.load);
    if (args.format === 'md') ctx.io.stdout(renderMarkdown(model));
    else if (args.format === 'csv') ctx.io.stdout(renderCsv(model, { bom: args.bom, delimiter }));
    else ctx.io.stdout(renderJson({ ...model, diagnostics: check(model, options.rules) }));
  },
});
