/**
 * Which build may touch the folders beside an output folder, when builds share it from other
 * processes, other containers (another PID namespace) or other hosts (a network drive).
 *
 * A process id alone says nothing there: `kill(pid, 0)` asks this PID namespace, where the other
 * container's build is "not running", or is an unrelated process. So:
 * - an exclusive lock file (`O_EXCL`), held only while a build changes `out` itself (repairs
 *   leftovers, then swaps its output in), and refreshed while held. A lock untouched for
 *   {@link LOCK_LEASE_MS} is a dead build's and is taken over.
 * - each build's staging folder is a lease: the build touches it while it renders. Another build
 *   removes it only when its owner is certainly gone (same host, same PID namespace, process not
 *   running) or when it is older than {@link STAGING_LEASE_MS}.
 * Names carry the owner's namespace: `.out.rolemark-staging-<pid>-<time>-<namespace>`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { lstat, open, readFile, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { RolemarkError } from '../errors.js';

/** A lock file not refreshed for this long belongs to a build that is gone. */
export const LOCK_LEASE_MS = 30_000;
/**
 * A staging folder not touched for this long belongs to a build that is gone. Long, because a
 * build renders in the main thread between two touches when it has few documents.
 */
export const STAGING_LEASE_MS = 10 * 60_000;

/**
 * This process's PID namespace on this host and this boot: two processes compare their ids only
 * when this is equal. Linux names a PID namespace by an inode (`/proc/self/ns/pid`); elsewhere the
 * host name stands for it.
 */
export const NAMESPACE: string = (() => {
  const parts = [hostname()];
  for (const read of [
    () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    () => readlinkSync('/proc/self/ns/pid'),
  ]) {
    try {
      parts.push(read());
    } catch {
      parts.push('-');
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 8);
})();

/** Who made a lock or a leftover folder. `ns` null for names of older versions (no namespace). */
export interface Owner {
  pid: number;
  ns: string | null;
}

/**
 * Whether the owner is certainly gone: in this host's and this PID namespace's view, and no
 * process of that id runs. Anything else (another namespace, another host, a live process, this
 * process) is not certain: only the lease says when it is gone.
 */
export function ownerGone(owner: Owner): boolean {
  if (owner.ns !== NAMESPACE || owner.pid === process.pid || !Number.isSafeInteger(owner.pid)) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Whether `path` was last touched longer than `lease` ago (false when it is gone). */
export async function expired(path: string, lease: number, now = Date.now()): Promise<boolean> {
  try {
    return now - (await lstat(path)).mtimeMs > lease;
  } catch {
    return false;
  }
}

/** Marks `path` as still in use: its modification time is now. */
export async function touch(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => {});
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Takes the lock file at `path` (created with `O_EXCL`), runs `work`, and lets it go. Waits while
 * another build holds it; takes it over when its owner is gone or its lease ran out; gives up
 * with an error naming the file after `wait` milliseconds of a lock that stays fresh.
 */
export async function withLock<T>(
  path: string,
  work: () => Promise<T>,
  wait = 2 * LOCK_LEASE_MS,
): Promise<T> {
  const begin = Date.now();
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, ns: NAMESPACE, host: hostname() }));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readFile(path, 'utf8')
      .then((t) => JSON.parse(t) as Partial<Owner & { host: string }>)
      .catch(() => null);
    const gone =
      (holder !== null && ownerGone({ pid: Number(holder.pid), ns: holder.ns ?? null })) ||
      (await expired(path, LOCK_LEASE_MS));
    if (gone) {
      await unlink(path).catch(() => {});
      continue;
    }
    if (Date.now() - begin > wait) {
      const who = holder ? ` (process ${holder.pid} on ${holder.host ?? 'another host'})` : '';
      throw new RolemarkError(
        `Another build is writing the same output folder${who}: \`${path}\` stays locked. Wait for it to end; if no build is running, delete that file.`,
      );
    }
    await sleep(delay);
  }
  const refresh = setInterval(() => void touch(path), LOCK_LEASE_MS / 6);
  refresh.unref();
  try {
    return await work();
  } finally {
    clearInterval(refresh);
    await unlink(path).catch(() => {});
  }
}
