import yargs, { type Argv } from 'yargs';
import { RolemarkError } from './errors.js';
import type { Diagnostic } from './model/types.js';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const FORMAT_CHOICES = ['pdf', 'docx', 'md', 'json'] as const;

/** `file:line:col  severity  message  rule-id`, one diagnostic a line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId}`;
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}`;
}

function splitList(values: readonly (string | number)[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Runs the rolemark CLI with `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 1 errors in the content, 2 bad usage or unreadable input. This is the only module
 * that prints; nothing here calls `process.exit`.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const inputs = (a: Argv) =>
    a.positional('inputs', {
      type: 'string',
      array: true,
      default: ['content'],
      describe: 'Markdown files or folders',
    });

  const cli = yargs([...argv])
    .scriptName('rolemark')
    .usage(
      '$0 <command> [options]\n\nRACI charts and role charters from Markdown: check them like code, render them to PDF and DOCX.',
    )
    .command(
      'build [inputs..]',
      'Check the content and render charters (PDF, DOCX), the matrix (Markdown) and the model (JSON)',
      (a) =>
        inputs(a)
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
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print errors only' })
          .example('$0 build', 'Build content/ into out/')
          .example('$0 build team.md --out dist --format pdf', 'Only PDFs of one file'),
      async (args) => {
        const formats = splitList(args.format);
        const unknown = formats.filter((f) => !(FORMAT_CHOICES as readonly string[]).includes(f));
        if (unknown.length > 0)
          throw new RolemarkError(
            `Unknown format ${unknown.join(', ')}; expected ${FORMAT_CHOICES.join(', ')}`,
          );
        const { build } = await import('./index.js');
        const result = await build(args.inputs as string[], {
          out: args.out,
          formats: formats as (typeof FORMAT_CHOICES)[number][],
        });
        for (const d of result.diagnostics) {
          if (!args.quiet || d.severity === 'error') io.stderr(`${formatDiagnostic(d)}\n`);
        }
        if (!result.ok) {
          io.stderr(
            `Build failed: ${summary(result.diagnostics)}. Nothing was written; ${args.out}/ is as it was.\n`,
          );
          exitCode = 1;
          return;
        }
        if (!args.quiet)
          io.stdout(
            `Built ${result.files.length} files into ${args.out}/ (${summary(result.diagnostics)})\n`,
          );
      },
    )
    .command(
      'check [inputs..]',
      'Check the content and print diagnostics; exit 1 when there are errors',
      (a) => inputs(a).example('$0 check content/', 'Lint every Markdown file under content/'),
      async (args) => {
        const { load, check } = await import('./index.js');
        const diagnostics = check(await load(args.inputs as string[]));
        for (const d of diagnostics) io.stdout(`${formatDiagnostic(d)}\n`);
        io.stderr(`${summary(diagnostics)}\n`);
        if (diagnostics.some((d) => d.severity === 'error')) exitCode = 1;
      },
    )
    .command(
      'export [inputs..]',
      'Print the model as JSON, or the matrix as Markdown tables',
      (a) =>
        inputs(a)
          .option('format', {
            alias: 'f',
            choices: ['json', 'md'] as const,
            default: 'json' as const,
            describe: 'Output format',
          })
          .example('$0 export --format json > model.json', 'The typed model, with positions and diagnostics'),
      async (args) => {
        const { load, check, renderJson, renderMarkdown } = await import('./index.js');
        const model = await load(args.inputs as string[]);
        if (args.format === 'md') io.stdout(renderMarkdown(model));
        else io.stdout(renderJson({ ...model, diagnostics: check(model) }));
      },
    )
    .command(
      'rules',
      'List every rule: id, default severity, description',
      (a) => a,
      async () => {
        const { rules } = await import('./rules/index.js');
        const width = Math.max(...rules.map((r) => r.id.length));
        for (const rule of rules)
          io.stdout(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.description}\n`);
      },
    )
    .demandCommand(1, 'Name a command: build, check, export or rules')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .alias('v', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new RolemarkError(`${message}. Run \`rolemark --help\` for usage.`);
    });

  try {
    let printed = '';
    await cli.parseAsync([...argv], {}, (_err, _argv, output) => {
      printed = output;
    });
    if (printed) io.stdout(`${printed}\n`);
  } catch (error) {
    if (error instanceof RolemarkError) {
      io.stderr(`rolemark: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`rolemark: internal error: ${message}\nPlease report this with the input that caused it.\n`);
    return 70;
  }
  return exitCode;
}
