/**
 * The one way rolemark reads a file it was pointed at (content, configuration, reference DOCX,
 * themes, templates, fonts, logos, the previous output): regular files only, never more than a
 * byte cap. `stat().size` is 0 for devices, FIFOs and most of /proc, so a cap that trusts it reads
 * `/dev/zero` until memory runs out (9 GB in a minute), and opening a FIFO blocks until someone
 * writes to it. So files are opened with `O_NONBLOCK` (a FIFO opens at once, and is then refused),
 * checked with `fstat` on the opened descriptor (no race with a swap of the path), and read up to
 * the cap, whatever `size` says. Paths under /proc, /sys and /dev are refused before they are
 * opened: `/proc/self/environ` is a "regular file" that holds the environment's secrets.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { RolemarkError } from '../errors.js';
import { formatSize } from './limits.js';

export interface ReadFileOptions {
  /** Bytes read at most: a larger file is refused (or, with `tooLarge`, reported to it). */
  maxBytes: number;
  /** What the file is, for messages: `the reference DOCX`, `the configuration`. */
  what?: string;
  /** The path as messages show it; the path itself by default. */
  shown?: string;
  /** Refuse a symbolic link instead of following it (the previous output's files). */
  noFollow?: boolean;
}

/** A file read whole: its bytes. */
export type ReadResult = { bytes: Buffer; tooLarge?: undefined } | { bytes?: undefined; tooLarge: number };

const SYSTEM = ['/proc', '/sys', '/dev'];

/** What a file that is not a regular file is, for messages. */
function kind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const label = (path: string, options: ReadFileOptions) =>
  `${options.what ? `${options.what} ` : ''}\`${options.shown ?? path}\``;

function refuse(path: string, options: ReadFileOptions, why: string): never {
  throw new RolemarkError(`Cannot read ${label(path, options)}: ${why}`);
}

/** Refuses paths of the kernel's pseudo-file systems, as written and with links resolved. */
function assertNotSystem(path: string, options: ReadFileOptions): void {
  const paths = [resolve(path)];
  try {
    paths.push(realpathSync.native(path));
  } catch {
    // Missing or unreadable: open() says so below.
  }
  for (const p of paths) {
    if (SYSTEM.some((root) => p === root || p.startsWith(`${root}${sep}`) || p.startsWith(`${root}/`)))
      refuse(
        path,
        options,
        `it is under ${p.split('/').slice(0, 2).join('/')}; rolemark reads no system files`,
      );
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ELOOP: 'it is a symbolic link',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** An error of the file system, as one line a user can act on. */
function openError(path: string, options: ReadFileOptions, error: unknown): never {
  if (error instanceof RolemarkError) throw error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') refuse(path, options, 'no such file');
  refuse(path, options, `${REASONS[code] ?? 'it could not be read'}${code ? ` (${code})` : ''}`);
}

const flags = (options: ReadFileOptions) =>
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);

const CHUNK = 1024 * 1024;

/** One step of reading a file, as the reading below asks for it and a driver performs it. */
type Step = { op: 'open' } | { op: 'stat' } | { op: 'read'; buffer: Buffer } | { op: 'close' };

/**
 * How a file is read, once, for both drivers below: the template and theme loaders are
 * synchronous, the rest is not, and the two used to be copies of each other. Each `yield` is one
 * call of the file system, its answer (or its error, thrown in here) the `yield`'s value.
 */
function* reading(path: string, options: ReadFileOptions): Generator<Step, ReadResult, unknown> {
  assertNotSystem(path, options);
  try {
    yield { op: 'open' };
  } catch (error) {
    openError(path, options, error);
  }
  try {
    const info = (yield { op: 'stat' }) as Stats;
    if (!info.isFile()) refuse(path, options, `it is ${kind(info)}, not a regular file`);
    if (info.size > options.maxBytes) return { tooLarge: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const bytesRead = (yield { op: 'read', buffer: chunk }) as number;
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) return { tooLarge: total };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    openError(path, options, error);
  } finally {
    yield { op: 'close' };
  }
}

/** Runs `reading`, performing each step with `perform` and handing back its answer or error. */
function drive(steps: Generator<Step, ReadResult, unknown>, perform: (step: Step) => unknown): ReadResult {
  let next = steps.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = perform(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(answer);
  }
  return next.value;
}

/**
 * Reads a regular file, at most `maxBytes`: `{ tooLarge }` (its size, or `maxBytes + 1` when it
 * grew while read) for a larger one, so the caller can say it as a diagnostic. Throws a
 * {@link RolemarkError} for anything that is not a readable regular file.
 */
export async function readRegular(path: string, options: ReadFileOptions): Promise<ReadResult> {
  const steps = reading(path, options);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    let answer: unknown;
    try {
      if (step.op === 'open') handle = await open(path, flags(options));
      else if (step.op === 'stat') answer = await handle?.stat();
      else if (step.op === 'read')
        answer = (await handle?.read(step.buffer, 0, step.buffer.length, null))?.bytesRead;
      else await handle?.close();
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(answer);
  }
  return next.value;
}

/** {@link readRegular} without a callback: the loaders of templates and themes are synchronous. */
export function readRegularSync(path: string, options: ReadFileOptions): ReadResult {
  let fd = -1;
  return drive(reading(path, options), (step) => {
    if (step.op === 'open') fd = openSync(path, flags(options));
    else if (step.op === 'stat') return fstatSync(fd);
    else if (step.op === 'read') return readSync(fd, step.buffer, 0, step.buffer.length, null);
    else closeSync(fd);
    return undefined;
  });
}

/** The message of a file above its cap. */
export function tooLargeMessage(path: string, options: ReadFileOptions, size: number): string {
  const max = formatSize(options.maxBytes);
  return size > options.maxBytes + 1
    ? `Cannot read ${label(path, options)}: it is ${formatSize(size)}, above the limit of ${max}`
    : `Cannot read ${label(path, options)}: it holds more than ${max}, the limit`;
}

/** Reads a regular file whole, or throws: the file above its cap is refused with one line. */
export async function readFileCapped(path: string, options: ReadFileOptions): Promise<Buffer> {
  const r = await readRegular(path, options);
  if (r.tooLarge !== undefined) throw new RolemarkError(tooLargeMessage(path, options, r.tooLarge));
  return r.bytes;
}

/** {@link readFileCapped}, synchronous. */
export function readFileCappedSync(path: string, options: ReadFileOptions): Buffer {
  const r = readRegularSync(path, options);
  if (r.tooLarge !== undefined) throw new RolemarkError(tooLargeMessage(path, options, r.tooLarge));
  return r.bytes;
}
