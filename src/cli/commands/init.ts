import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';

export const initCommand = (ctx: CommandContext) => ({
  command: 'init [dir]',
  describe: 'Start a project: an example chart, a config file, a .gitignore and a CI workflow',
  builder: (a: Argv) =>
    a
      .positional('dir', { type: 'string', default: '.', describe: 'The project folder; created if needed' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that exist' })
      .example('$0 init my-team', 'A new project in my-team/')
      .example('$0 init', 'Add rolemark to the current folder, leaving existing files alone'),
  handler: async (args: { dir: string; force: boolean }) => {
    const { init } = await import('../../index.js');
    const result = await init(args.dir, { force: args.force });
    const list = (title: string, files: string[]) => {
      if (files.length > 0) ctx.io.stdout(`${title}\n${files.map((f) => `  ${f}\n`).join('')}`);
    };
    const where = args.dir === '.' ? 'this folder' : `${args.dir}/`;
    list(`Created in ${where}:`, result.written);
    list('Updated:', result.updated);
    list('Left as they were (use --force to overwrite):', result.skipped);
    if (result.written.length === 0 && result.updated.length === 0) return;
    const cd = args.dir === '.' ? '' : `  cd ${args.dir}\n`;
    const install = result.skipped.includes('package.json')
      ? '  npm install --save-dev rolemark  # your package.json was kept\n'
      : '  npm install            # installs rolemark; commit package-lock.json too\n';
    ctx.io.stdout(
      `\nNext:\n${cd}${install}  npx rolemark build     # checks content/ and writes the charters to out/\n  npx rolemark build -w  # rebuilds on every save while you edit\n`,
    );
  },
});
