import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import type { CommandContext } from '../io.js';
import { projectConfig, withConfig, withInputs } from './inputs.js';

interface FmtArgs {
  inputs?: string[];
  config?: string;
  check: boolean;
  stdinFilename?: string;
}

/**
 * `rolemark fmt`: the charts in their canonical form (src/workflow/fmt.ts), written back in place;
 * `--check` only says which files would change (exit 1), as prettier --check does in CI; `-`
 * formats standard input to standard output. Files are rewritten whole, never through a link.
 */
export const fmtCommand = (ctx: CommandContext) => ({
  command: 'fmt [inputs..]',
  describe:
    'Rewrite the charts in canonical form: aligned tables, codes in scheme order, lookalikes replaced',
  builder: (a: Argv) =>
    withConfig(withInputs(a))
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Change nothing; list the files that are not in canonical form and exit 1 if any',
      })
      .option('stdin-filename', { type: 'string', describe: 'The file name of standard input (`-`)' })
      .example('$0 fmt', 'Format every chart in content/')
      .example('$0 fmt --check', 'In CI: fail when a chart is not formatted'),
  handler: async (args: FmtArgs) => {
    const config = await projectConfig(ctx, args.config);
    const { readContent } = await import('../content.js');
    const content = await readContent(ctx, args, config, 'fmt');
    const { formatSources } = await import('../../workflow/fmt.js');
    if (content.kind === 'stdin') {
      const [formatted] = formatSources([content.source], config.load);
      ctx.io.stdout(formatted?.text ?? content.source.text);
      return;
    }
    const changed = await formatFiles(content.files, config.load, !args.check);
    for (const file of changed) ctx.io.stdout(`${file}\n`);
    if (args.check && changed.length > 0) {
      ctx.io.stderr(
        `rolemark: ${changed.length} file${changed.length === 1 ? ' is' : 's are'} not in canonical form; run \`rolemark fmt\`\n`,
      );
      ctx.setExitCode(1);
    }
  },
});

/** Formats `files` (written back when `write`), returning those whose text changed. */
export async function formatFiles(
  files: readonly string[],
  load: import('../../config/scheme.js').LoadOptions,
  write: boolean,
): Promise<string[]> {
  const [{ readSources }, { formatSources }, { writeNoFollow, entryKind }] = await Promise.all([
    import('../../read/files.js'),
    import('../../workflow/fmt.js'),
    import('../../workflow/safe-write.js'),
  ]);
  const { readFile } = await import('node:fs/promises');
  const sources = await readSources(files);
  const formatted = formatSources(sources, load);
  const changed: string[] = [];
  for (const [i, source] of sources.entries()) {
    const next = formatted[i]?.text;
    if (next === undefined || next === source.text) continue;
    // Only files that are UTF-8 as read (with or without a byte-order mark) are rewritten: the
    // rest of a file must stay byte for byte, and a UTF-16 or Windows-1252 file would not.
    const raw = await readFile(source.file);
    const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    if (!raw.subarray(bom ? 3 : 0).equals(Buffer.from(source.text, 'utf8'))) {
      throw new RolemarkError(
        `\`${source.file}\` is not UTF-8; save it as UTF-8 before rolemark fmt rewrites it`,
      );
    }
    changed.push(source.file);
    if (!write) continue;
    if ((await entryKind(source.file)) !== 'file') {
      throw new RolemarkError(
        `\`${source.file}\` is not a regular file; rolemark fmt rewrites regular files only`,
      );
    }
    await writeNoFollow(source.file, bom ? `\uFEFF${next}` : next, 'overwrite');
  }
  return changed;
}
