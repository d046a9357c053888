import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { slugify } from '../model/slug.js';
import { detectInstall, type InstallSource, packRolemark } from './install.js';
import { packageRoot, version } from './package.js';
import { entryKind, makeDirs, unsafeReason, writeNoFollow } from './safe-write.js';

/** The scaffold's files: `templates/init/` in the rolemark package, which users may read and copy. */
export const INIT_TEMPLATES = join(packageRoot, 'templates', 'init');

export interface InitOptions {
  /** Overwrite files that exist. Without it, they are left alone and reported as skipped. */
  force?: boolean;
  /** Where the project installs rolemark from; by default, where the running rolemark came from. */
  install?: InstallSource;
}

export interface InitResult {
  /** The project folder. */
  dir: string;
  /** Files written, relative to `dir`, with `/` separators. */
  written: string[];
  /** Files that existed and were left as they were. */
  skipped: string[];
  /** Files that existed and had lines added (`.gitignore`). */
  updated: string[];
  /** Files not written because a symbolic link (or a folder) is in the way, with the reason. */
  refused: { path: string; reason: string }[];
  /** The dependency on rolemark that `package.json` gets: `^0.1.0`, `file:vendor/….tgz`, a git URL. */
  dependency: string;
  /** Where that dependency came from. */
  install: InstallSource;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/** The lines of the template's `.gitignore` that `current` lacks. */
function missingLines(current: string, template: string): string[] {
  const have = new Set(current.split(/\r?\n/u).map((l) => l.trim()));
  return template.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !have.has(l.trim()));
}

/** The tarball to place in `vendor/`, packed from a clone or copied from the one installed. */
async function vendorTarball(install: InstallSource): Promise<{ name: string; data: Buffer } | undefined> {
  if (install.kind === 'tarball') return { name: basename(install.file), data: await readFile(install.file) };
  if (install.kind !== 'clone') return undefined;
  const temp = await mkdtemp(join(tmpdir(), 'rolemark-pack-'));
  try {
    const file = await packRolemark(install.root, temp);
    return { name: basename(file), data: await readFile(file) };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Scaffolds a rolemark project in `dir`: an example in `content/`, `rolemark.config.yaml`, a
 * `.gitignore` for `out/`, a GitHub Actions workflow and a `package.json` that installs rolemark
 * from where the running rolemark came from (the registry, a git URL, or a tarball in `vendor/`
 * that `npm install` and `npm ci` resolve on any machine). Template files named `_x` become `.x`
 * (npm drops dot files such as `.gitignore` from packages). Existing files are never overwritten
 * without `force`; an existing `.gitignore` only gets the lines it lacks. Nothing is written
 * through a symbolic link below `dir`.
 */
export async function init(dir = '.', options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(dir);
  const install = options.install ?? detectInstall();
  const tarball = await vendorTarball(install);
  const dependency =
    install.kind === 'registry' || install.kind === 'git' ? install.spec : `file:vendor/${tarball?.name}`;
  const result: InitResult = { dir, written: [], skipped: [], updated: [], refused: [], dependency, install };
  const name = slugify(basename(root), 'roles');
  // The folder the user named is trusted (it may itself be a link); only what is below is checked.
  await mkdir(root, { recursive: true });

  const files: { rel: string; data: string | Buffer }[] = [];
  for (const template of await listFiles(INIT_TEMPLATES)) {
    const rel = relative(INIT_TEMPLATES, template)
      .split(sep)
      .map((part) => part.replace(/^_/u, '.'))
      .join('/');
    const text = (await readFile(template, 'utf8'))
      .replaceAll('{{dependency}}', JSON.stringify(dependency).slice(1, -1))
      .replaceAll('{{version}}', version)
      .replaceAll('{{name}}', name);
    files.push({ rel, data: text });
  }
  if (tarball) files.push({ rel: `vendor/${tarball.name}`, data: tarball.data });

  for (const { rel, data } of files) {
    const target = join(root, ...rel.split('/'));
    const reason = await unsafeReason(root, rel);
    if (reason !== undefined) {
      result.refused.push({ path: rel, reason });
      continue;
    }
    try {
      if ((await entryKind(target)) === 'file') {
        if (rel === '.gitignore' && !options.force) {
          const current = await readFile(target, 'utf8');
          const missing = missingLines(current, String(data));
          if (missing.length === 0) {
            result.skipped.push(rel);
            continue;
          }
          const lead = current.endsWith('\n') || current === '' ? '' : '\n';
          await writeNoFollow(target, `${lead}${missing.join('\n')}\n`, 'append');
          result.updated.push(rel);
          continue;
        }
        if (!options.force) {
          result.skipped.push(rel);
          continue;
        }
        await writeNoFollow(target, data, 'overwrite');
      } else {
        await makeDirs(root, rel.split('/').slice(0, -1).join('/'));
        await writeNoFollow(target, data, 'create');
      }
      result.written.push(rel);
    } catch (error) {
      // A link or a folder that appeared after the check: refused, never followed.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'EEXIST' || code === 'EISDIR' || code === 'ENXIO') {
        result.refused.push({ path: rel, reason: `${rel} changed while rolemark wrote it (${code})` });
      } else {
        throw error;
      }
    }
  }
  return result;
}
