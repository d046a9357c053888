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

import {
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { access, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { RolemarkError } from './errors.js';
import { assertOutputPath, assertSafeOutDir, foldedPath } from './output-paths.js';
import { CACHE_FILE, checkOutput, PLACEHOLDERS } from './workflow/cache.js';

export { CACHE_FILE };

import { expired, NAMESPACE, ownerGone, STAGING_LEASE_MS, touch, withLock } from './workflow/lock.js';

/**
 * The checks a build makes of its output folder before anything is planned or rendered, so that
 * a folder of someone else's files is refused at once, not after minutes of rendering: not the
 * inputs, a system folder or the home folder (`assertSafeOutDir`), and rolemark's own or empty
 * (`assertReplaceable`). Returns the files its manifest lists that were deleted by hand. Light on
 * purpose: the CLI's main thread calls it, and leaves the reader and writers to the build's thread.
 */
export async function preflightOutput(out: string, inputs: readonly string[]): Promise<string[]> {
  assertSafeOutDir(out, inputs);
  return assertReplaceable(resolve(out), CACHE_FILE);
}

/**
 * Refuses to replace an existing `out` that rolemark did not write: a file, or a folder that is not
 * empty (placeholders such as `.gitkeep` aside) unless its `marker` (the build's cache manifest)
 * proves it rolemark's: the manifest lists every file the folder holds, each with the hash of its
 * bytes. A planted `{}` marker, a hand-edited output or a README beside the outputs makes the
 * folder refused: a mistyped `--out docs` must not delete anyone's files. Returns the files the
 * manifest lists that are gone (deleted by hand): the folder is still rolemark's, and the build
 * writes them again, but the CLI says so.
 */
export async function assertReplaceable(out: string, marker: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(out);
  } catch {
    return [];
  }
  if (info.isSymbolicLink()) return []; // The link is renamed away; nothing behind it is touched.
  if (!info.isDirectory()) {
    throw new RolemarkError(`Refusing to build into \`${out}\`: it is a file, not a folder.`);
  }
  const entries = await readdir(out);
  if (entries.every((e) => PLACEHOLDERS.has(e))) return [];
  const { refused, missing } = entries.includes(marker)
    ? await checkOutput(out)
    : { refused: `it holds files rolemark did not write (it has no ${marker})`, missing: [] };
  if (refused === null) return missing;
  throw new RolemarkError(
    `Refusing to build into \`${out}\`: ${refused}, and a build replaces the output folder whole. Choose a new or empty folder, or move what you want to keep and delete this one first.`,
  );
}

/**
 * Refuses, before anything is swapped, an `out` whose files could not be deleted once the new
 * output is in place (a folder in it without write permission): the swap would succeed and the
 * old output stay behind under another name. `out` is left as it was.
 */
async function assertRemovable(target: string, out: string): Promise<void> {
  const info = await lstat(target).catch(() => null);
  if (!info?.isDirectory()) return;
  const folders = [target];
  for (let dir = folders.pop(); dir !== undefined; dir = folders.pop()) {
    try {
      await access(dir, constants.W_OK | constants.X_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EACCES';
      throw new RolemarkError(
        `Cannot replace \`${out}\`: its folder \`${displayed(dir)}\` is read-only (${code}), so the previous output could not be removed. Make it writable (\`chmod -R u+w ${out}\`) or delete it, and build again; ${out} is as it was.`,
      );
    }
    for (const entry of await readdir(dir, { withFileTypes: true }))
      if (entry.isDirectory()) folders.push(join(dir, entry.name));
  }
}

/** A path as messages show it: relative to the current folder when inside it. */
const displayed = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ENOTDIR: 'a part of the path is not a folder',
  EBUSY: 'the file is in use',
  ENOTEMPTY: 'the folder is not empty',
  EXDEV: 'it is on another device',
  ENOENT: 'a file or folder went missing',
};

/**
 * A file system error met while writing `out`, as what happened and where (`ENOSPC` at
 * `.out.rolemark-staging-…/x.pdf`), instead of an internal error.
 */
function describeFailure(error: unknown, out: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof RolemarkError || !e?.code || !(e.code in FS_REASONS)) return error;
  const where = e.path ? ` at \`${displayed(e.path)}\`` : '';
  return new RolemarkError(
    `Cannot write the output \`${out}\`: ${FS_REASONS[e.code]} (${e.code})${where}; nothing was written, ${out} is as it was.`,
  );
}

const LEFTOVER = /^\.(.+)\.rolemark-(staging|previous)-(\d+)-([0-9a-z]+)(?:-([0-9a-f]{8}))?$/u;

/** The lock file of builds into `out`, beside it. */
const lockOf = (target: string) => join(dirname(target), `.${basename(target)}.rolemark-lock`);

/**
 * Repairs what a killed build left beside `out`: when `out` is missing and a dead build's
 * `previous` folder is there (it was killed between its two renames), that folder becomes `out`
 * again; every other staging or previous folder of a dead build is removed. A build is dead when
 * it ran in this PID namespace and its process is gone, or when its folder's lease ran out (see
 * workflow/lock.ts): folders of builds in other containers or on other hosts are left alone while
 * they are in use. Returns the names removed or restored, for tests and `--verbose`.
 */
export async function recoverOutput(out: string): Promise<string[]> {
  const target = resolve(out);
  if (!(await exists(dirname(target)))) return [];
  try {
    return await withLock(lockOf(target), () => recoverLocked(target));
  } catch (error) {
    throw describeFailure(error, out);
  }
}

async function recoverLocked(target: string): Promise<string[]> {
  const parent = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const now = Date.now();
  const dead: { name: string; kind: 'staging' | 'previous'; time: number }[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (m?.[1] !== base) continue;
    const owner = { pid: Number(m[3]), ns: m[5] ?? null };
    if (!ownerGone(owner) && !(await expired(join(parent, name), STAGING_LEASE_MS, now))) continue;
    dead.push({ name, kind: m[2] as 'staging' | 'previous', time: parseInt(m[4] ?? '0', 36) });
  }
  const done: string[] = [];
  const previous = dead.filter((d) => d.kind === 'previous').sort((a, b) => b.time - a.time)[0];
  if (previous && !(await exists(target))) {
    await rename(join(parent, previous.name), target);
    done.push(`restored ${previous.name}`);
  }
  for (const d of dead) {
    if (d === previous && done.length > 0) continue;
    // A leftover that cannot be removed (read-only) is left, not a reason to fail every build.
    const removed = await rm(join(parent, d.name), { recursive: true, force: true }).then(
      () => true,
      () => false,
    );
    if (removed) done.push(`removed ${d.name}`);
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
   * without it, and not empty, is refused rather than replaced; with it, it must prove the folder
   * rolemark's (workflow/cache.ts). Without this option, any `out` is replaced.
   */
  marker?: string;
  /** Stops the build between two files; the staging folder is removed and `out` left as it was. */
  signal?: AbortSignal;
}

/**
 * Checks, before the swap, that the staging folder holds exactly the files written, each whole:
 * another process (a build in another container that took it for a leftover) may have removed
 * it, and a build must never swap in a partial output and exit 0.
 */
async function verifyStaging(staging: string, sizes: ReadonlyMap<string, number>): Promise<void> {
  const found = new Map<string, number>();
  const fail = (why: string): never => {
    throw new RolemarkError(
      `The staging folder \`${displayed(staging)}\` changed while the build wrote it (${why}): another process removed or changed it. Nothing was swapped in; build again.`,
    );
  };
  const folders = [''];
  for (let dir = folders.pop(); dir !== undefined; dir = folders.pop()) {
    const entries = await readdir(join(staging, dir), { withFileTypes: true }).catch(() =>
      fail(`\`${dir || '.'}\` is gone`),
    );
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) folders.push(rel);
      else if (entry.isFile()) found.set(rel, (await lstat(join(staging, rel))).size);
      else fail(`\`${rel}\` is not a regular file`);
    }
  }
  for (const [path, size] of sizes) {
    const actual = found.get(path);
    if (actual === undefined) fail(`\`${path}\` is missing`);
    if (actual !== size) fail(`\`${path}\` has ${actual} bytes, not ${size}`);
    found.delete(path);
  }
  const extra = [...found.keys()][0];
  if (extra !== undefined) fail(`it holds \`${extra}\`, which the build did not write`);
}

/** How often writing touches the staging folder, besides the lease's own timer. */
const TOUCH_EVERY_MS = 1000;

/**
 * Writes a whole set of files into a staging folder beside `out`, then swaps it in with renames,
 * so that readers see either the previous complete output or the new one, never a half-written mix.
 * On any failure or abort the staging folder is removed and `out` is left as it was. Leftovers of
 * killed builds are repaired first ({@link recoverOutput}); repairs and the swap hold the lock of
 * `out` (workflow/lock.ts), so builds sharing `out` from other containers or hosts take turns.
 */
export async function writeAtomically(
  out: string,
  files: AsyncIterable<{ path: string; data: Buffer | string }>,
  options: WriteOptions = {},
): Promise<string[]> {
  const target = resolve(out);
  const parent = dirname(target);
  const lock = lockOf(target);
  const marker = options.marker;
  try {
    await mkdir(parent, { recursive: true });
    await withLock(lock, async () => {
      await recoverLocked(target);
      if (marker) await assertReplaceable(target, marker);
    });
  } catch (error) {
    throw describeFailure(error, out);
  }
  options.signal?.throwIfAborted();
  const tag = `${process.pid}-${Date.now().toString(36)}-${NAMESPACE}`;
  const staging = join(parent, `.${parse(target).base}.rolemark-staging-${tag}`);
  const previous = join(parent, `.${parse(target).base}.rolemark-previous-${tag}`);
  const written: string[] = [];
  const sizes = new Map<string, number>();
  const seen = new Map<string, string>();
  let touched = performance.now();
  // The staging folder is this build's lease: touched while the build runs (workflow/lock.ts).
  const lease = setInterval(() => void touch(staging), STAGING_LEASE_MS / 20);
  lease.unref();
  try {
    await mkdir(staging);
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
      // Written synchronously: each asynchronous step (folder, open, write, close, touch) waited
      // for a turn of the event loop, in which a build with a render worker beside it renders
      // (round six, docs/performance.md: on L, 2–3 s of the build's thread waiting). One turn per
      // file is kept, in which a signal's abort and the workers' replies are handled.
      if (dirname(file.path) !== '.') mkdirSync(dirname(path), { recursive: true });
      // `wx`: never overwrite, so no two outputs can land in one file, whatever the file system.
      writeFileSync(path, file.data, { flag: 'wx' });
      written.push(file.path);
      sizes.set(
        file.path,
        typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.byteLength,
      );
      if (performance.now() - touched > TOUCH_EVERY_MS) {
        touched = performance.now();
        await touch(staging);
      } else await new Promise<void>((turn) => setImmediate(turn));
    }
    options.signal?.throwIfAborted();
    await verifyStaging(staging, sizes);
    // From here on the swap runs to its end: an abort now would leave `out` missing.
    await withLock(lock, async () => {
      if (marker) await assertReplaceable(target, marker);
      await assertRemovable(target, out);
      const hadPrevious = await exists(target);
      if (hadPrevious) await rename(target, previous);
      try {
        await rename(staging, target);
      } catch (error) {
        if (hadPrevious) await rename(previous, target);
        throw error;
      }
      // The new output is in place: a previous one that resists removal is left for the next
      // build's repairs, not a failure of this one.
      if (hadPrevious) await rm(previous, { recursive: true, force: true }).catch(() => {});
    });
    return written;
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    throw describeFailure(error, out);
  } finally {
    clearInterval(lease);
  }
}

/**
 * Removes, synchronously, what this process has beside `out`: its staging folders and its lock.
 * For a process that must end now (a second signal, or a build that does not stop in time, whose
 * thread was terminated wherever it was). A swap cut between its two renames is undone: when `out`
 * is missing and this process's `previous` folder is there, that folder becomes `out` again; when
 * the swap finished, the previous output is removed. `out` is otherwise never touched.
 */
export function abandonOutput(out: string): void {
  const target = resolve(out);
  const base = basename(target);
  const parent = dirname(target);
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const ours = names.filter((name) => {
    const m = LEFTOVER.exec(name);
    return m?.[1] === base && Number(m[3]) === process.pid && m[5] === NAMESPACE;
  });
  for (const name of ours) {
    const path = join(parent, name);
    try {
      if (name.includes('.rolemark-previous-') && !lstatSync(target, { throwIfNoEntry: false }))
        renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Left for the next build's repairs, which know this process is gone.
    }
  }
  const lock = lockOf(target);
  try {
    const owner = JSON.parse(readFileSync(lock, 'utf8')) as { pid?: number; ns?: string };
    if (owner.pid === process.pid && owner.ns === NAMESPACE) rmSync(lock, { force: true });
  } catch {
    // No lock, or not ours.
  }
}
