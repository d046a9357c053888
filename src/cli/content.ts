import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RolemarkError } from '../errors.js';
import type { Options, SourceFile } from '../index.js';
import type { CommandContext } from './io.js';

/**
 * The content a command reads, as markdownlint-cli2 and eslint users expect to name it: files,
 * folders (searched recursively), globs (`'docs/**\/*.md'`, expanded by tinyglobby, quoted so
 * that the shell leaves them alone), or `-` for standard input (with `--stdin-filename` for the
 * name in messages). Files under a folder or matched by a glob are left out when `.rolemarkignore`
 * (beside the configuration, .gitignore syntax, read by the `ignore` package, as eslint's is) or
 * `ignores:` in the configuration names them; a file named on the command line is always read.
 */
export type Content = { kind: 'files'; files: string[] } | { kind: 'stdin'; source: SourceFile };

/** The largest standard input read, as the reader's hard cap on one file. */
const MAX_STDIN_BYTES = 20 * 1024 * 1024;

const GLOB = /[*?[\]{}]/u;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export interface ContentArgs {
  stdinFilename?: string;
}

/** The file names of `.rolemarkignore`: beside the configuration, else in the current folder. */
export const IGNORE_FILE = '.rolemarkignore';

/** Whether a file is content: false for what `.rolemarkignore` or `ignores:` names. */
export async function ignoreFilter(
  options: Pick<Options, 'root' | 'ignores'>,
): Promise<(file: string) => boolean> {
  const { root } = options;
  const patterns = [...options.ignores];
  const text = await readFile(join(root, IGNORE_FILE), 'utf8').catch(() => '');
  patterns.push(...text.split(/\r?\n/u));
  if (patterns.every((p) => p.trim() === '' || p.startsWith('#'))) return () => true;
  const { default: ignore } = await import('ignore');
  const matcher = ignore().add(patterns);
  return (file) => {
    const rel = relative(root, resolve(file));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return true;
    return !matcher.ignores(rel.split(sep).join('/'));
  };
}

/**
 * Resolves a command's inputs (`options.inputs`, from `resolveOptions`) to files, or to standard
 * input. `stdin` false: the command cannot read standard input, and `-` is refused (exit 2) rather
 * than silently checking `content/`.
 */
export async function readContent(
  ctx: CommandContext,
  args: ContentArgs,
  options: Options,
  command: string,
  stdin = true,
): Promise<Content> {
  const { config } = options;
  const named = options.inputsDefaulted ? [] : [...options.inputs];
  if (ctx.stdinRequested && !named.includes('-')) named.push('-');
  if (named.includes('-')) {
    if (!stdin) {
      // `check --fix -`: check reads standard input, but --fix rewrites files.
      const [name, ...flags] = command.split(' ');
      const what =
        flags.length > 0 ? `\`rolemark ${command}\` rewrites files: it` : `\`rolemark ${command}\``;
      const instead = flags.length > 0 ? `; \`rolemark fmt -\` formats standard input` : '';
      throw new RolemarkError(
        `${what} does not read standard input (\`-\`); name Markdown files or folders${instead}. See \`rolemark ${name} --help\``,
      );
    }
    if (named.length > 1)
      throw new RolemarkError('`-` (standard input) is read alone; name no other input with it');
    if (!ctx.io.stdin) throw new RolemarkError('No standard input to read');
    const bytes = await ctx.io.stdin(MAX_STDIN_BYTES);
    if (bytes.length > MAX_STDIN_BYTES) {
      throw new RolemarkError(
        `Standard input is larger than ${MAX_STDIN_BYTES} bytes; rolemark reads at most that`,
      );
    }
    const file = args.stdinFilename ?? '<stdin>';
    const { decodeText } = await import('../lint.js');
    return { kind: 'stdin', source: { file, text: decodeText(bytes, file).text } };
  }
  if (args.stdinFilename !== undefined) {
    throw new RolemarkError('--stdin-filename names standard input: give `-` as the input too');
  }
  const { inputs } = options;
  if (options.inputsFrom === 'default' && !(await exists('content'))) {
    throw new RolemarkError(
      'No content/ folder here, and no rolemark.config.yaml naming the content. Run `rolemark init` to start a project, or name the Markdown files or folders to read',
    );
  }
  const only = inputs[0];
  if (
    options.inputsFrom === 'beside the configuration' &&
    inputs.length === 1 &&
    only &&
    !(await exists(only))
  ) {
    throw new RolemarkError(
      `No \`${only}\` folder beside ${config.file}, which names no \`content\`: create it, set \`content\` in ${config.file}, or name the Markdown files or folders to read`,
    );
  }
  // Not from `rolemark/lint`, which loads the reader with it (see commandOptions, options.ts).
  const { findInputs } = await import('../read/files.js');
  const keep = await ignoreFilter(options);
  const files: string[] = [];
  for (const input of inputs) {
    if (GLOB.test(input) && !(await exists(input))) {
      const { glob } = await import('tinyglobby');
      const matched = (
        await glob(input, {
          onlyFiles: true,
          dot: false,
          followSymbolicLinks: false,
          expandDirectories: false,
          absolute: isAbsolute(input),
        })
      ).sort();
      if (matched.length === 0) throw new RolemarkError(`No files match \`${input}\``);
      files.push(...matched.filter(keep));
      continue;
    }
    const found = await findInputs([input]);
    // A file named on the command line is read even when ignored, as eslint and git do.
    files.push(...(found.length === 1 && found[0] === input ? found : found.filter(keep)));
  }
  const unique = [...new Set(files)];
  if (unique.length === 0)
    throw new RolemarkError(`Every file in ${inputs.join(', ')} is ignored (${IGNORE_FILE} or ignores:)`);
  return { kind: 'files', files: unique };
}

/**
 * What `build --watch` watches for its inputs: a folder stays a folder, a file a file, and a
 * quoted glob (`'teams/**\/*.md'`) becomes the folder it starts from, with a filter that keeps only
 * the files the glob matches (picomatch, the matcher tinyglobby itself uses, so both agree).
 */
export async function watchedInputs(
  inputs: readonly string[],
): Promise<{ folders: string[]; matches: (file: string) => boolean }> {
  const globs = [];
  const folders: string[] = [];
  for (const input of inputs) {
    if (GLOB.test(input) && !(await exists(input))) globs.push(input);
    else folders.push(input);
  }
  if (globs.length === 0) return { folders, matches: () => true };
  const { default: picomatch } = await import('picomatch');
  const matchers = globs.map((glob) => {
    const { base } = picomatch.scan(glob);
    const test = picomatch(glob, { dot: false });
    const root = resolve(base || '.');
    return {
      base: base || '.',
      // A file under the glob's folder counts only if the glob matches it.
      owns: (file: string) => !relative(root, resolve(file)).startsWith('..'),
      test: (file: string) =>
        test(isAbsolute(glob) ? resolve(file) : relative(process.cwd(), resolve(file)).split(sep).join('/')),
    };
  });
  for (const m of matchers) if (!folders.includes(m.base)) folders.push(m.base);
  const plain = new Set(folders.filter((f) => !matchers.some((m) => m.base === f)).map((f) => resolve(f)));
  return {
    folders,
    matches: (file) => {
      const abs = resolve(file);
      // Under a folder named as such: read. Else a glob whose folder holds it must match it.
      if ([...plain].some((f) => abs === f || !relative(f, abs).startsWith('..'))) return true;
      const owners = matchers.filter((m) => m.owns(file));
      return owners.length === 0 || owners.some((m) => m.test(file));
    },
  };
}
