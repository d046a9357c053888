import type { Argv } from 'yargs';
import type { CommandContext } from '../io.js';

/** A path as a POSIX shell reads it: as it is when safe, else in single quotes. */
export const shellQuote = (s: string) =>
  /^[\w@%+=:,./-]+$/u.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;

export const initCommand = (ctx: CommandContext) => ({
  command: 'init [dir]',
  describe: 'Start a project: an example chart, a config file, a .gitignore and a CI workflow',
  builder: (a: Argv) =>
    a
      .positional('dir', { type: 'string', default: '.', describe: 'The project folder; created if needed' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that exist' })
      .option('install-from', {
        type: 'string',
        describe:
          'Where the project installs rolemark from: registry (^version), pack (a tarball of this rolemark in vendor/), a .tgz file or a git URL. By default, where this rolemark came from',
      })
      .example('$0 init my-team', 'A new project in my-team/')
      .example('$0 init', 'Add rolemark to the current folder, leaving existing files alone')
      .example('$0 init my-team --install-from registry', 'Depend on the published rolemark'),
  handler: async (args: { dir: string; force: boolean; installFrom?: string }) => {
    const { init, parseInstallFrom } = await import('../../index.js');
    const install = args.installFrom === undefined ? undefined : parseInstallFrom(args.installFrom);
    const result = await init(args.dir, { force: args.force, ...(install ? { install } : {}) });
    const list = (title: string, files: string[]) => {
      if (files.length > 0) ctx.io.stdout(`${title}\n${files.map((f) => `  ${f}\n`).join('')}`);
    };
    const where = args.dir === '.' ? 'this folder' : `${args.dir}/`;
    list(`Created in ${where}:`, result.written);
    list('Updated:', result.updated);
    list('Left as they were (use --force to overwrite):', result.skipped);
    for (const { path, reason } of result.refused) {
      ctx.io.stderr(`rolemark: not written: ${path} (${reason}; rolemark never writes through a link)\n`);
    }
    if (result.refused.length > 0) ctx.setExitCode(1);
    if (result.written.length === 0 && result.updated.length === 0) return;

    const cd = args.dir === '.' ? '' : `  cd ${shellQuote(args.dir)}\n`;
    const vendored = result.dependency.startsWith('file:')
      ? result.dependency.slice('file:'.length)
      : undefined;
    const from = vendored ? `from ${vendored}` : `from ${result.dependency}`;
    const commit = vendored ? 'commit vendor/ and package-lock.json' : 'commit package-lock.json';
    const spec = vendored ? `./${vendored}` : `rolemark@${shellQuote(result.dependency)}`;
    const installLine = result.written.includes('package.json')
      ? `  npm install            # installs rolemark ${from}; ${commit}\n`
      : `  npm install --save-dev ${spec}  # your package.json was kept; ${commit}\n`;
    ctx.io.stdout(
      `\nNext:\n${cd}${installLine}  npx rolemark build     # checks content/ and writes the charters to out/\n  npx rolemark build -w  # rebuilds on every save while you edit\n`,
    );
  },
});
