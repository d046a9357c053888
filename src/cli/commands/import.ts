import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import { type CommandContext, summary } from '../io.js';

interface ImportArgs {
  file: string;
  out?: string;
  title?: string;
  scheme?: string;
  sheet?: string;
  delimiter?: string;
  force: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export const importCommand = (ctx: CommandContext) => ({
  command: 'import <file>',
  describe: 'Turn a spreadsheet RACI chart (.csv, .tsv, .xlsx) into rolemark Markdown',
  builder: (a: Argv) =>
    a
      .positional('file', { type: 'string', describe: 'The spreadsheet: CSV, TSV or an Excel workbook' })
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
      .option('sheet', { type: 'string', describe: 'The sheet of a workbook to read; the first by default' })
      .option('delimiter', {
        type: 'string',
        describe: 'The CSV delimiter; detected (, ; or tab) by default',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files' })
      .example('$0 import raci.csv > content/team.md', 'One chart to one document')
      .example('$0 import org.xlsx --sheet RACI --out content/', 'One file per value of the Document column'),
  handler: async (args: ImportArgs) => {
    const { importFile, loadText, check } = await import('../../index.js');
    const result = await importFile(args.file, {
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.scheme !== undefined ? { scheme: args.scheme } : {}),
      ...(args.sheet !== undefined ? { sheet: args.sheet } : {}),
      ...(args.delimiter !== undefined ? { delimiter: args.delimiter.replace('\\t', '\t') } : {}),
    });
    for (const w of result.warnings) ctx.io.stderr(`rolemark: warning: ${w}\n`);

    const single = args.out === undefined || /\.(md|markdown)$/iu.test(args.out);
    if (single && result.documents.length > 1) {
      throw new RolemarkError(
        `\`${args.file}\` holds ${result.documents.length} documents (${result.documents.map((d) => d.title).join(', ')}); name a folder for them with --out`,
      );
    }
    const targets = result.documents.map((d) => ({
      doc: d,
      path: args.out === undefined ? null : single ? args.out : join(args.out, d.fileName),
    }));
    if (!args.force) {
      for (const t of targets) {
        if (t.path !== null && (await exists(t.path))) {
          throw new RolemarkError(`\`${t.path}\` exists; pass --force to overwrite it`);
        }
      }
    }
    for (const t of targets) {
      if (t.path === null) {
        ctx.io.stdout(t.doc.markdown);
        continue;
      }
      await mkdir(dirname(t.path), { recursive: true });
      await writeFile(t.path, t.doc.markdown);
    }
    // Check what was made, so problems in the chart show now rather than at the next build.
    const model = loadText(targets.map((t) => ({ file: t.path ?? t.doc.fileName, text: t.doc.markdown })));
    const diagnostics = check(model);
    const where = targets.every((t) => t.path === null)
      ? ''
      : ` into ${targets.map((t) => t.path).join(', ')}`;
    ctx.io.stderr(
      `Imported ${plural(model.activities.length, 'activity', 'activities')} and ${plural(model.roles.length, 'role', 'roles')} (${result.scheme})${where}: ${summary(diagnostics)}\n`,
    );
  },
});
