/**
 * Where a build may write: the output folder (never the root, the home folder, the current folder
 * or a folder that holds the inputs) and each output's path inside it. outputs.ts writes there.
 */

import { realpathSync } from 'node:fs';
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
export const foldedPath = (path: string) => path.normalize('NFC').toLowerCase();
