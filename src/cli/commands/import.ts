import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import type { Diagnostic } from '../../index.js';
import { entryKind, writeNoFollow } from '../../workflow/safe-write.js';
import { type CommandContext, summary } from '../io.js';

interface ImportArgs {
  file?: string;
  stdinFilename?: string;
  out?: string;
  title?: string;
  scheme?: string;
  sheet?: string;
  delimiter?: string;
  table?: number;
  force: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `--delimiter '\t'` as a shell passes it (backslash, t), or `tab`. */
const delimiterOf = (value: string) => (value === '\\t' || value === 'tab' ? '\t' : value);

export const importCommand = (ctx: CommandContext) => ({
  command: 'import [file]',
  describe:
    'Turn a RACI chart in a spreadsheet (.csv, .tsv, .xlsx) or a Word table (.docx) into rolemark Markdown',
  builder: (a: Argv) =>
    a
      .positional('file', {
        type: 'string',
        describe: 'The spreadsheet (CSV, TSV, an Excel workbook) or Word document; - for standard input',
      })
      .option('stdin-filename', {
        type: 'string',
        describe: 'The name of standard input (`-`) in messages and for the title; `.tsv` means tabs',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'A .md file, or a folder for one file per document; standard output by default',
      })
      .option('title', { type: 'string', describe: 'The title, when the sheet has no Document column' })
      .option('scheme', {
        type: 'string',
        describe: 'RACI, RASCI, DACI…; detected from the codes by default',
      })
      .option('sheet', {
        type: 'string',
        describe: 'The sheet of a workbook to read; by default the first that holds a chart',
      })
      .option('table', {
        type: 'number',
        describe: 'The table of a Word document to read, from 1; by default the first that holds a chart',
      })
      .option('delimiter', {
        type: 'string',
        describe: "The CSV delimiter; detected (, ; or tab) by default. '\\t' or tab for a tab",
      })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files' })
      .example('$0 import raci.csv > content/team.md', 'One chart to one document')
      .example('$0 import org.xlsx --sheet RACI --out content/', 'One file per value of the Document column')
      .example('$0 import charter.docx --table 2 -o content/team.md', 'The second table of a Word document')
      .example(
        'curl -s https://hr.example/raci.csv | $0 import - --stdin-filename raci.csv',
        'Standard input: the bytes tell CSV, TSV, XLSX or DOCX apart',
      ),
  handler: async (args: ImportArgs) => {
    const { importFile, importBytes, loadText, check, sheetPlace } = await import('../../index.js');
    // yargs passes a lone `-` as an empty string.
    const named = args.file === '' || args.file === '-' ? undefined : args.file;
    const stdin = ctx.stdinRequested === true && named === undefined;
    if (!stdin && named === undefined) {
      throw new RolemarkError(
        'Name the spreadsheet or Word document to import, or - for standard input. Run `rolemark import --help` for usage.',
      );
    }
    if (!stdin && args.stdinFilename !== undefined) {
      throw new RolemarkError('--stdin-filename names standard input: give `-` as the file too');
    }
    const file = stdin ? (args.stdinFilename ?? '<stdin>') : (named as string);
    const options = {
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.scheme !== undefined ? { scheme: args.scheme } : {}),
      ...(args.sheet !== undefined ? { sheet: args.sheet } : {}),
      ...(args.table !== undefined ? { table: args.table } : {}),
      ...(args.delimiter !== undefined ? { delimiter: delimiterOf(args.delimiter) } : {}),
    };
    const result = stdin
      ? await importBytes(await readStdin(ctx), file, options)
      : await importFile(file, options);
    for (const w of result.warnings) ctx.io.stderr(`rolemark: warning: ${w}\n`);

    const single = args.out === undefined || /\.(md|markdown)$/iu.test(args.out);
    if (single && result.documents.length > 1) {
      throw new RolemarkError(
        `\`${file}\` holds ${result.documents.length} documents (${result.documents.map((d) => d.title).join(', ')}); name a folder for them with --out`,
      );
    }
    const targets = result.documents.map((d) => ({
      doc: d,
      path: args.out === undefined ? null : single ? args.out : join(args.out, d.fileName),
    }));
    // Every target is checked before anything is written. A link in a target's place (even a
    // dangling one) is refused, with or without --force: it would send the write elsewhere.
    for (const t of targets) {
      if (t.path === null) continue;
      const kind = await entryKind(t.path);
      if (kind === 'symlink') {
        throw new RolemarkError(`\`${t.path}\` is a symbolic link; rolemark does not write through links`);
      }
      if (kind !== 'missing' && kind !== 'file')
        throw new RolemarkError(`\`${t.path}\` is not a regular file`);
      if (kind === 'file' && !args.force)
        throw new RolemarkError(`\`${t.path}\` exists; pass --force to overwrite it`);
    }
    for (const t of targets) {
      if (t.path === null) {
        ctx.io.stdout(t.doc.markdown);
        continue;
      }
      // The folder the user names is theirs to choose; only the file itself is never a link.
      await mkdir(dirname(t.path), { recursive: true });
      const exists = (await entryKind(t.path)) === 'file';
      await writeNoFollow(t.path, t.doc.markdown, exists ? 'overwrite' : 'create');
    }
    // Check what was made, so problems in the chart show now, at their place in the spreadsheet.
    const sources = targets.map((t) => ({ file: t.path ?? t.doc.fileName, text: t.doc.markdown }));
    const model = loadText(sources);
    const diagnostics = check(model).filter((d) => d.severity !== 'info');
    for (const d of diagnostics)
      ctx.io.stderr(`${placeOf(d, targets, file, sheetPlace)}  ${d.severity}  ${d.message}  ${d.ruleId}\n`);
    const where = targets.every((t) => t.path === null)
      ? ''
      : ` into ${targets.map((t) => t.path).join(', ')}`;
    ctx.io.stderr(
      `Imported ${plural(model.activities.length, 'activity', 'activities')} and ${plural(model.roles.length, 'role', 'roles')} (${result.scheme})${where}: ${summary(check(model))}\n`,
    );
    if (diagnostics.some((d) => d.severity === 'error')) ctx.setExitCode(1);
  },
});

/** Standard input, up to one byte more than an import may hold, so that more can be told. */
async function readStdin(ctx: CommandContext): Promise<Buffer> {
  if (!ctx.io.stdin) throw new RolemarkError('No standard input to read');
  const { MAX_IMPORT_BYTES } = await import('../../index.js');
  return ctx.io.stdin(MAX_IMPORT_BYTES);
}

/** `chart.csv:5:3` (the spreadsheet's row and column) when the place came from a cell. */
function placeOf(
  d: Diagnostic,
  targets: { doc: import('../../index.js').ImportedDocument; path: string | null }[],
  file: string,
  sheetPlace: typeof import('../../index.js').sheetPlace,
): string {
  const target = targets.find((t) => (t.path ?? t.doc.fileName) === d.file);
  const at = target ? sheetPlace(target.doc, d.line, d.column) : undefined;
  const source = target?.doc.source;
  // A role or a document as a whole: no cell to point at.
  if (!at) return source?.file ?? file;
  const sheet =
    source?.sheet === undefined ? '' : ` (sheet "${source.sheet}", cell ${columnName(at.column)}${at.row})`;
  return `${source?.file ?? file}:${at.row}:${at.column}${sheet}`;
}

/** 1 → A, 28 → AB: a column as a spreadsheet names it. */
function columnName(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}
