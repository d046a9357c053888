import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes inside a project folder that never go through a symbolic link: `init` and `import`
 * write into folders a contributor controls, where a link planted as `.gitignore`, `content/` or
 * `package.json` would otherwise redirect the write anywhere the user can write (issue 18). The
 * folder the user names is trusted; every path below it is checked, and the final open uses
 * O_EXCL (new files) or O_NOFOLLOW (existing ones) so that a link created in between fails too.
 */

/** O_NOFOLLOW where the platform has it (not on Windows, which has no such links for users). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** A FIFO put in a file's place must not block the open. */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export type EntryKind = 'missing' | 'file' | 'directory' | 'symlink' | 'other';

export async function entryKind(path: string): Promise<EntryKind> {
  try {
    const s = await lstat(path);
    if (s.isSymbolicLink()) return 'symlink';
    if (s.isFile()) return 'file';
    if (s.isDirectory()) return 'directory';
    return 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Why `rel` (with `/` separators) below `root` must not be written, or undefined when it may:
 * a component that is a symbolic link, a folder in the file's place, a file in a folder's place.
 */
export async function unsafeReason(root: string, rel: string): Promise<string | undefined> {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const sub = parts.slice(0, i + 1).join('/');
    const kind = await entryKind(join(root, sub));
    const last = i === parts.length - 1;
    if (kind === 'missing') return undefined;
    if (kind === 'symlink') return `${sub} is a symbolic link`;
    if (!last && kind !== 'directory') return `${sub} is not a folder`;
    if (last && kind !== 'file') return `${sub} is not a regular file`;
  }
  return undefined;
}

/** Creates the folders of `relDir` below `root`, refusing any that turns out to be a link. */
export async function makeDirs(root: string, relDir: string): Promise<void> {
  if (relDir === '' || relDir === '.') return;
  const parts = relDir.split('/');
  for (let i = 0; i < parts.length; i++) {
    const dir = join(root, ...parts.slice(0, i + 1));
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    if ((await entryKind(dir)) !== 'directory') {
      throw Object.assign(new Error(`${parts.slice(0, i + 1).join('/')} is not a folder`), { code: 'ELOOP' });
    }
  }
}

/**
 * Writes `data` to `path`: `create` fails when anything (a file, a dangling link) is there;
 * `overwrite` truncates a regular file and fails on a link; `append` adds to a regular file.
 */
export async function writeNoFollow(
  path: string,
  data: string | Uint8Array,
  mode: 'create' | 'overwrite' | 'append',
): Promise<void> {
  const flags =
    mode === 'create'
      ? constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL
      : mode === 'overwrite'
        ? constants.O_WRONLY | constants.O_TRUNC | NOFOLLOW | NONBLOCK
        : constants.O_WRONLY | constants.O_APPEND | NOFOLLOW | NONBLOCK;
  const handle = await open(path, flags, 0o666);
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${path} is not a regular file`);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}
