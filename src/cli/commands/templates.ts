import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';
import { commandOptions, withConfig } from '../options.js';

export const templatesCommand = (ctx: CommandContext) => ({
  command: 'templates',
  describe:
    "List the templates and themes a build can use: the project's templates/ folder, then the built-ins",
  builder: (a: Argv) => withConfig(a),
  handler: async (args: { config?: string }) => {
    // The project's templates/ beside its configuration, as a build looks them up, from any folder.
    const { templateRoot: root } = await commandOptions(ctx, args);
    const { listTemplateFiles: listFiles, loadTemplate, TemplateError } = await import('../../index.js');
    const rows: string[][] = [];
    for (const { name, file, builtIn } of listFiles('template', root)) {
      const where = builtIn ? 'built-in' : 'project';
      try {
        const t = loadTemplate(file, root);
        rows.push([name, `per ${t.meta.per}`, t.meta.formats.join(','), where, t.meta.description]);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        rows.push([
          name,
          '',
          '',
          where,
          `(cannot be used: ${error.diagnostics.length} problem(s); build with it to see them)`,
        ]);
        ctx.setExitCode(1);
      }
    }
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    ctx.io.stdout('Templates (rolemark build --template NAME):\n');
    for (const r of rows)
      ctx.io.stdout(
        `  ${r
          .slice(0, 4)
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')}  ${r[4]}\n`,
      );
    ctx.io.stdout('\nThemes (rolemark build --theme NAME):\n');
    for (const { name, builtIn } of listFiles('theme', root))
      ctx.io.stdout(`  ${name}${builtIn ? '' : '  (project)'}\n`);
  },
});
