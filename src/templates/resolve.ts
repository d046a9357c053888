import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where templates and themes are found. A name (`handout`) is looked up in the project first
 * (`<root>/templates/handout.md`, `<root>/templates/themes/print-mono.yaml`), then among the
 * built-ins shipped in rolemark's own `templates/` folder, so a project can override a built-in
 * by giving a file the same name. Anything with a slash or an extension is a path.
 */

/**
 * rolemark's own `templates/` folder: in the package root, beside `src/` in a checkout and beside
 * `dist/` in an install. Found by walking up to rolemark's package.json, so that a copy of the
 * compiled code elsewhere (a bundler's cache, a test's temporary build) still finds it.
 */
function builtInDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'templates', 'themes', 'default.yaml'))) {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
      if (name === 'rolemark') return join(dir, 'templates');
    }
    const parent = dirname(dir);
    if (parent === dir) return fileURLToPath(new URL('../../templates/', import.meta.url));
    dir = parent;
  }
}

export const BUILT_IN_DIR = builtInDir();

export type Kind = 'template' | 'theme';

const folder = (kind: Kind, base: string) => (kind === 'template' ? base : join(base, 'themes'));
const extensions = (kind: Kind) => (kind === 'template' ? ['.md'] : ['.yaml', '.yml']);
const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

export const looksLikePath = (text: string): boolean => /[\\/]/.test(text) || /\.(md|ya?ml)$/i.test(text);

/**
 * The file of a template or theme, or undefined when there is none. Paths are taken relative to
 * `relativeTo` (the current folder, or the theme that extends another).
 */
export function findFile(
  nameOrPath: string,
  kind: Kind,
  root: string,
  builtInOnly = false,
  relativeTo = root,
): string | undefined {
  if (looksLikePath(nameOrPath)) {
    const path = resolve(relativeTo, nameOrPath);
    return isFile(path) ? path : undefined;
  }
  const bases = builtInOnly ? [BUILT_IN_DIR] : [join(root, 'templates'), BUILT_IN_DIR];
  for (const base of bases) {
    for (const ext of extensions(kind)) {
      const path = join(folder(kind, base), `${nameOrPath}${ext}`);
      if (isFile(path)) return path;
    }
  }
  return undefined;
}

export const isBuiltIn = (path: string): boolean => resolve(path).startsWith(resolve(BUILT_IN_DIR) + sep);

/** A template's or theme's file as messages show it: relative to the current folder when inside it. */
export function shownPath(file: string): string {
  if (isBuiltIn(file)) return `(built-in) templates/${relative(BUILT_IN_DIR, file).replace(/\\/g, '/')}`;
  const local = relative(process.cwd(), file);
  return local === '' || local.startsWith('..') ? file : local;
}

/** Every template or theme name available from `root`: the project's, then the built-ins it does not override. */
export function listFiles(kind: Kind, root: string): { name: string; file: string; builtIn: boolean }[] {
  const seen = new Set<string>();
  const out: { name: string; file: string; builtIn: boolean }[] = [];
  for (const [base, builtIn] of [
    [join(root, 'templates'), false],
    [BUILT_IN_DIR, true],
  ] as const) {
    const dir = folder(kind, base);
    // In rolemark's own checkout the project's templates/ are the built-ins.
    if (!builtIn && resolve(base) === resolve(BUILT_IN_DIR)) continue;
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      const ext = extname(entry).toLowerCase();
      const name = basename(entry, extname(entry));
      if (!extensions(kind).includes(ext) || /^readme$/i.test(name) || seen.has(name)) continue;
      if (!isFile(join(dir, entry))) continue;
      seen.add(name);
      out.push({ name, file: join(dir, entry), builtIn });
    }
  }
  return out;
}
