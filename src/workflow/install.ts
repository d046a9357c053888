import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { RolemarkError } from '../errors.js';
import { packageRoot, version } from './package.js';

/**
 * How the running rolemark was installed, so that `rolemark init` can write a dependency that
 * installs the same rolemark in the new project, on any machine, whether or not rolemark is on
 * the npm registry:
 * - `registry`: installed from a registry (`npx rolemark`, `npm install rolemark`): `^version`.
 * - `git`: installed from a git URL: that URL, pinned to the commit npm resolved.
 * - `tarball`: installed from a packed `.tgz` (`file:vendor/rolemark-0.1.0.tgz`): that file is
 *   copied into the project's `vendor/`.
 * - `clone`: running from a clone of the repository (or an install npm left no record of): the
 *   running package is packed with `npm pack` into the project's `vendor/`.
 */
export type InstallSource =
  | { kind: 'registry'; spec: string }
  | { kind: 'git'; spec: string }
  | { kind: 'tarball'; file: string }
  | { kind: 'clone'; root: string };

interface LockEntry {
  resolved?: string;
}

/** The entry npm recorded for `node_modules/rolemark` in a lockfile, if any. */
function lockEntry(lockfile: string, key: string): LockEntry | undefined {
  try {
    const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages?: Record<string, LockEntry> };
    return lock.packages?.[key];
  } catch {
    return undefined;
  }
}

/**
 * Reads how the rolemark package at `root` was installed. npm records every install in the
 * hidden lockfile `node_modules/.package-lock.json` (also for `npx` and global installs) and in
 * the project's `package-lock.json`; the `resolved` field says where the package came from.
 */
export function detectInstall(root: string = packageRoot): InstallSource {
  const modules = dirname(root);
  if (basename(modules) !== 'node_modules' || basename(root) !== 'rolemark') return { kind: 'clone', root };
  const project = dirname(modules);
  const entry =
    lockEntry(join(modules, '.package-lock.json'), 'node_modules/rolemark') ??
    lockEntry(join(project, 'package-lock.json'), 'node_modules/rolemark');
  const resolved = entry?.resolved;
  if (resolved === undefined) return { kind: 'clone', root };
  if (/^https?:\/\//u.test(resolved)) return { kind: 'registry', spec: `^${version}` };
  if (/^git\+|^git:|^github:/u.test(resolved)) return { kind: 'git', spec: resolved };
  if (resolved.startsWith('file:') && /\.(tgz|tar\.gz)$/u.test(resolved)) {
    const path = resolved.slice('file:'.length);
    return { kind: 'tarball', file: isAbsolute(path) ? path : resolve(project, path) };
  }
  return { kind: 'clone', root };
}

/**
 * `--install-from`: `registry` for `^version`, a path to a `.tgz` to copy into the project, or
 * any other npm dependency spec (a git URL, `github:owner/repo#tag`), written as it is.
 */
export function parseInstallFrom(value: string): InstallSource {
  if (value === 'registry') return { kind: 'registry', spec: `^${version}` };
  if (value === 'pack') return { kind: 'clone', root: packageRoot };
  if (/\.(tgz|tar\.gz)$/u.test(value) && !/^[a-z+]+:/u.test(value)) {
    return { kind: 'tarball', file: resolve(value) };
  }
  if (value.trim() === '')
    throw new RolemarkError('--install-from needs a value: registry, pack, a .tgz or an npm spec');
  return { kind: 'git', spec: value };
}

const run = promisify(execFile);

/**
 * Packs the rolemark package at `root` into `destination` with `npm pack`, as it is on disk (no
 * scripts: the code that is running is the code that is packed). Returns the tarball's path.
 */
export async function packRolemark(root: string, destination: string): Promise<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    const { stdout } = await run(
      npm,
      ['pack', '--ignore-scripts', '--json', '--pack-destination', destination, root],
      { maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error('npm pack printed no file name');
    return join(destination, basename(packed.filename));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new RolemarkError(
      `Cannot pack rolemark from ${root} with \`npm pack\` (${message}). Install npm, or pass --install-from registry, a .tgz file or a git URL`,
    );
  }
}
