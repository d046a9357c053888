/**
 * Writing the output folder so that it is never half-written, and never anything but rolemark's.
 *
 * A build writes every file into a staging folder beside `out` (`.out.rolemark-staging-<pid>-…`),
 * then swaps it in with two renames: `out` → `.out.rolemark-previous-<pid>-…`, staging → `out`.
 * Readers see the previous complete output or the new one. An exception or an abort (Ctrl+C,
 * SIGTERM) removes the staging folder and leaves `out` as it was. A process killed outright
 * (SIGKILL, a CI timeout) leaves its staging folder behind, or, between the two renames, leaves
 * the previous output under its `previous` name: the next build puts that back as `out` and
 * removes what dead builds left, before it does anything else ({@link recoverOutput}).
 */

import { realpathSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { RolemarkError } from './errors.js';

/**
 * The path as the file system knows it: symbolic links resolved, for the part that exists, so
 * that `--out link-to-home` is seen for what it is.
 */
function real(path: string): string {
  const absolute = resolve(path);
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(existing), ...rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      rest.unshift(basename(existing));
      existing = parent;
    }
  }
}

const inside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Refuses output folders whose replacement would destroy something that is not generated:
 * the file system root, the home folder, the current folder or a folder that holds it, or a
 * folder that holds (or is inside) the inputs. Symbolic links are followed.
 */
export function assertSafeOutDir(out: string, inputs: readonly string[]): void {
  const target = real(out);
  const refuse = (why: string) => {
    throw new RolemarkError(
      `Refusing to build into \`${out}\`: ${why}. Choose an output folder of its own, such as \`out/\`.`,
    );
  };
  if (target === parse(target).root) refuse('it is the root of the file system');
  if (target === real(homedir())) refuse('it is your home folder');
  const cwd = real(process.cwd());
  if (target === cwd) refuse('it is the current folder');
  if (inside(cwd, target)) refuse('it holds the current folder');
  for (const input of inputs) {
    const source = real(input);
    if (inside(source, target)) refuse(`it holds the input \`${input}\``);
    if (inside(target, source)) refuse(`it is inside the input \`${input}\``);
  }
}

/** Files an output folder may hold besides rolemark's, and still be replaced: placeholders. */
const PLACEHOLDERS = new Set(['.gitkeep', '.keep', '.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * Refuses to replace an existing `out` that rolemark did not write: a folder that is not empty and
 * has no `marker` file (the build's cache manifest, which every build writes), or a file. A
 * mistyped `--out docs` must not delete someone's documents.
 */
export async function assertReplaceable(out: string, marker: string): Promise<void> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(out);
  } catch {
    return;
  }
  if (info.isSymbolicLink()) return; // The link is renamed away; nothing behind it is touched.
  if (!info.isDirectory()) {
    throw new RolemarkError(`Refusing to build into \`${out}\`: it is a file, not a folder.`);
  }
  const entries = await readdir(out);
  if (entries.includes(marker) || entries.every((e) => PLACEHOLDERS.has(e))) return;
  throw new RolemarkError(
    `Refusing to build into \`${out}\`: it holds files rolemark did not write (it has no ${marker}), and a build replaces the output folder whole. Choose a new or empty folder, or delete this one first.`,
  );
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/iu;

/**
 * Checks a path an output is written to, relative to the output folder: relative, forward
 * slashes, no `.` or `..` segment, no characters or names a file system forbids. Output paths
 * are made from slugs, so this only fails on a bug; it is the last guard against writing outside.
 */
export function assertOutputPath(path: string): void {
  const bad = (why: string) => {
    throw new RolemarkError(`Unexpected output path \`${path}\`: ${why}`);
  };
  if (path === '' || isAbsolute(path) || /^[a-z]:/iu.test(path)) bad('it is not relative');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  if (/[\\:*?"<>|\u0000-\u001f]/u.test(path)) bad('it has a character file systems forbid');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') bad('it has an empty, `.` or `..` part');
    if (WINDOWS_RESERVED.test(segment)) bad(`\`${segment}\` is a reserved name on Windows`);
    if (/[. ]$/u.test(segment)) bad('a part ends with a dot or a space');
    if (Buffer.byteLength(segment) > 255) bad('a part is longer than 255 bytes');
  }
}

/** How two output paths compare on a file system that ignores case and Unicode normalisation. */
const foldedPath = (path: string) => path.normalize('NFC').toLowerCase();

const LEFTOVER = /^\.(.+)\.rolemark-(staging|previous)-(\d+)-([0-9a-z]+)$/u;

/** Whether a process is running: a leftover of a running build is not a leftover yet. */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Repairs what a killed build left beside `out`: when `out` is missing and a dead build's
 * `previous` folder is there (it was killed between its two renames), that folder becomes `out`
 * again; every other staging or previous folder of a dead build is removed. Folders of builds
 * still running are left alone. Returns the names removed or restored, for tests and `--verbose`.
 */
export async function recoverOutput(out: string): Promise<string[]> {
  const target = resolve(out);
  const parent = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const dead = names
    .map((name) => ({ name, m: LEFTOVER.exec(name) }))
    .filter(({ m }) => m?.[1] === base && !alive(Number(m[3])))
    .map(({ name, m }) => ({
      name,
      kind: m?.[2] as 'staging' | 'previous',
      time: parseInt(m?.[4] ?? '0', 36),
    }));
  const done: string[] = [];
  const previous = dead.filter((d) => d.kind === 'previous').sort((a, b) => b.time - a.time)[0];
  if (previous && !(await exists(target))) {
    await rename(join(parent, previous.name), target);
    done.push(`restored ${previous.name}`);
  }
  for (const d of dead) {
    if (d === previous && done.length > 0) continue;
    await rm(join(parent, d.name), { recursive: true, force: true });
    done.push(`removed ${d.name}`);
  }
  return done;
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

export interface WriteOptions {
  /**
   * A file every output folder written here holds (the build's cache manifest). An existing `out`
   * without it, and not empty, is refused rather than replaced. Without it, any `out` is replaced.
   */
  marker?: string;
  /** Stops the build between two files; the staging folder is removed and `out` left as it was. */
  signal?: AbortSignal;
}

/**
 * Writes a whole set of files into a staging folder beside `out`, then swaps it in with renames,
 * so that readers see either the previous complete output or the new one, never a half-written mix.
 * On any failure or abort the staging folder is removed and `out` is left as it was. Leftovers of
 * killed builds are repaired first ({@link recoverOutput}).
 */
export async function writeAtomically(
  out: string,
  files: AsyncIterable<{ path: string; data: Buffer | string }>,
  options: WriteOptions = {},
): Promise<string[]> {
  const target = resolve(out);
  const parent = dirname(target);
  await recoverOutput(out);
  if (options.marker) await assertReplaceable(target, options.marker);
  options.signal?.throwIfAborted();
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(parent, `.${parse(target).base}.rolemark-staging-${tag}`);
  const previous = join(parent, `.${parse(target).base}.rolemark-previous-${tag}`);
  const written: string[] = [];
  const seen = new Map<string, string>();
  await mkdir(staging, { recursive: true });
  try {
    for await (const file of files) {
      options.signal?.throwIfAborted();
      assertOutputPath(file.path);
      const folded = foldedPath(file.path);
      const other = seen.get(folded);
      if (other !== undefined) {
        throw new RolemarkError(
          `Unexpected output paths \`${other}\` and \`${file.path}\`, the same file where case or accents are ignored`,
        );
      }
      seen.set(folded, file.path);
      const path = join(staging, file.path);
      await mkdir(dirname(path), { recursive: true });
      // `wx`: never overwrite, so no two outputs can land in one file, whatever the file system.
      await writeFile(path, file.data, { flag: 'wx' });
      written.push(file.path);
    }
    options.signal?.throwIfAborted();
    // From here on the swap runs to its end: an abort now would leave `out` missing.
    const hadPrevious = await exists(target);
    if (hadPrevious) await rename(target, previous);
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return written;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
