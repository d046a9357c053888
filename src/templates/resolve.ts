import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where templates and themes are found. A name (`handout`) is looked up in the project first
 * (`<root>/templates/handout.md`, `<root>/templates/themes/print-mono.yaml`), then among the
 * built-ins shipped in rolemark's own `templates/` folder, so a project can override a built-in
 * by giving a file the same name. Anything with a slash or an extension is a path.
 */

/** rolemark's own `templates/` folder: beside `src/` in a checkout, beside `dist/` in a package. */
export const BUILT_IN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

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

export const isBuiltIn = (path: string): boolean => resolve(path).startsWith(resolve(BUILT_IN_DIR));

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
