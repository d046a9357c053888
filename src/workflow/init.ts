import { appendFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { slugify } from '../model/slug.js';
import { packageRoot, version } from './package.js';

/** The scaffold's files: `templates/init/` in the rolemark package, which users may read and copy. */
export const INIT_TEMPLATES = join(packageRoot, 'templates', 'init');

export interface InitOptions {
  /** Overwrite files that exist. Without it, they are left alone and reported as skipped. */
  force?: boolean;
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

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Scaffolds a rolemark project in `dir`: an example in `content/`, `rolemark.config.yaml`, a
 * `.gitignore` for `out/`, a GitHub Actions workflow and a `package.json` that installs rolemark.
 * Template files named `_x` become `.x` (npm drops dot files such as `.gitignore` from packages).
 * Existing files are never overwritten without `force`; an existing `.gitignore` only gets the
 * lines it lacks.
 */
export async function init(dir = '.', options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(dir);
  const result: InitResult = { dir, written: [], skipped: [], updated: [] };
  const name = slugify(basename(root), 'roles');
  for (const template of await listFiles(INIT_TEMPLATES)) {
    const rel = relative(INIT_TEMPLATES, template)
      .split(sep)
      .map((part) => part.replace(/^_/u, '.'))
      .join('/');
    const target = join(root, rel);
    const text = (await readFile(template, 'utf8'))
      .replaceAll('{{version}}', version)
      .replaceAll('{{name}}', name);
    if (await exists(target)) {
      if (rel === '.gitignore' && !options.force) {
        const current = await readFile(target, 'utf8');
        const have = new Set(current.split(/\r?\n/u).map((l) => l.trim()));
        const missing = text
          .split('\n')
          .filter((l) => l.trim() !== '' && !l.startsWith('#') && !have.has(l.trim()));
        if (missing.length > 0) {
          await appendFile(
            target,
            `${current.endsWith('\n') || current === '' ? '' : '\n'}${missing.join('\n')}\n`,
          );
          result.updated.push(rel);
        } else {
          result.skipped.push(rel);
        }
        continue;
      }
      if (!options.force) {
        result.skipped.push(rel);
        continue;
      }
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    result.written.push(rel);
  }
  return result;
}
