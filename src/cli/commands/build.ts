import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import { type CommandContext, formatDiagnostic, splitList, summary } from '../io.js';
import { withInputs } from './inputs.js';

const FORMAT_CHOICES = ['pdf', 'docx', 'md', 'json'] as const;

export const buildCommand = (ctx: CommandContext) => ({
  command: 'build [inputs..]',
  describe: 'Check the content and render charters (PDF, DOCX), the matrix (Markdown) and the model (JSON)',
  builder: (a: Argv) =>
    withInputs(a)
      .option('out', {
        alias: 'o',
        type: 'string',
        default: 'out',
        describe: 'Output folder, replaced as a whole',
      })
      .option('format', {
        alias: 'f',
        type: 'string',
        array: true,
        default: [...FORMAT_CHOICES],
        describe: `Formats to write, comma-separated: ${FORMAT_CHOICES.join(', ')}`,
      })
      .option('reference-docx', {
        type: 'string',
        describe: 'A .docx or .dotx whose styles the DOCX files take (like pandoc --reference-doc)',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print errors only' })
      .example('$0 build', 'Build content/ into out/')
      .example('$0 build team.md --out dist --format pdf', 'Only PDFs of one file')
      .example('$0 build --reference-docx company.dotx', 'DOCX files in the company template'),
  handler: async (args: {
    inputs: string[];
    out: string;
    format: string[];
    quiet: boolean;
    referenceDocx?: string;
  }) => {
    const formats = splitList(args.format);
    const unknown = formats.filter((f) => !(FORMAT_CHOICES as readonly string[]).includes(f));
    if (unknown.length > 0) {
      throw new RolemarkError(`Unknown format ${unknown.join(', ')}; expected ${FORMAT_CHOICES.join(', ')}`);
    }
    const { build } = await import('../../index.js');
    const result = await build(args.inputs, {
      out: args.out,
      formats: formats as (typeof FORMAT_CHOICES)[number][],
      ...(args.referenceDocx !== undefined ? { referenceDocx: args.referenceDocx } : {}),
    });
    for (const d of result.diagnostics) {
      if (!args.quiet || d.severity === 'error') ctx.io.stderr(`${formatDiagnostic(d)}\n`);
    }
    if (!result.ok) {
      ctx.io.stderr(
        `Build failed: ${summary(result.diagnostics)}. Nothing was written; ${args.out}/ is as it was.\n`,
      );
      ctx.setExitCode(1);
      return;
    }
    if (!args.quiet) {
      ctx.io.stdout(
        `Built ${result.files.length} files into ${args.out}/ (${summary(result.diagnostics)})\n`,
      );
    }
  },
});
