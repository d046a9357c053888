import { dirname, resolve } from 'node:path';
import type { DocumentTheme, PageSizeName, ThemeFont } from '../ir/types.js';
import type { SchemeCode } from '../model/types.js';
import { readFileCappedSync } from '../read/regular-file.js';
import { diagnostic } from '../rules/diagnostic.js';
import { findFile, shownPath } from './resolve.js';
import { TemplateError } from './template.js';
import { BUILT_IN_FONTS, type Layer, readLayer } from './theme-file.js';
import { type Place, type PlacedText, Problems } from './yaml.js';

/**
 * Themes: how documents look, in a YAML file in the spirit of Quarto's `_brand.yml` (page, colour,
 * typography, logo, header and footer). A theme starts from `default` (or the theme it `extends`)
 * and changes only what it names. Files it points at are read and checked when it loads.
 */

export interface ResolvedTheme {
  ir: DocumentTheme;
  /** Fills per code: by label (one scheme's code, `Accountable`) or letter (any scheme's, `A`). */
  codes: Record<string, string>;
  /** Running header and footer parts; undefined leaves the template's. */
  header: PlacedText[] | undefined;
  footer: PlacedText[] | undefined;
  /** False: `{{document.file}}` and `{{role.files}}` have no value, so the lines naming them go. */
  source: boolean;
  file: string;
}

/** Page sizes in points, portrait. */
export const PAGE_POINTS: Record<PageSizeName, [number, number]> = {
  A4: [595.28, 841.89],
  A3: [841.89, 1190.55],
  Letter: [612, 792],
  Tabloid: [792, 1224],
  A2: [1190.55, 1683.78],
  A1: [1683.78, 2383.94],
  A0: [2383.94, 3370.39],
  'ANSI C': [1224, 1584],
  'ANSI D': [1584, 2448],
  'ANSI E': [2448, 3168],
};

/** A stack of family names → fonts: declared ones with their files, built-in DejaVu, or system names. */
function stack(names: PlacedText[], declared: Map<string, ThemeFont>, fallback: string): ThemeFont[] {
  const fonts: ThemeFont[] = names.map((n) => {
    const known = declared.get(n.text.toLowerCase());
    if (known) return known;
    const builtIn = BUILT_IN_FONTS.find((b) => b.toLowerCase() === n.text.toLowerCase());
    return builtIn ? { family: builtIn, builtIn: true } : { family: n.text };
  });
  if (!fonts.some((f) => f.builtIn)) fonts.push({ family: fallback, builtIn: true });
  return fonts;
}

/** The theme a layer starts from: the one it `extends`, or the built-in `default`. */
function parentOf(layer: Layer, file: string, root: string): string | null | undefined {
  const self = resolve(file);
  const builtInDefault = findFile('default', 'theme', root, true);
  if (!layer.extends) return self === builtInDefault ? null : builtInDefault;
  const name = layer.extends.text;
  const found = findFile(name, 'theme', root, false, dirname(self));
  // A project theme may share a built-in's name and extend it: `extends: default` in default.yaml.
  return found === self ? findFile(name, 'theme', root, true) : found;
}

function layers(file: string, root: string, seen: string[], problems: Problems): Layer[] {
  const layer = readLayer(
    file,
    // A regular file of at most 1 MB (src/read/regular-file.ts): never a FIFO or a device.
    readFileCappedSync(file, { maxBytes: 1024 * 1024, what: 'the theme', shown: shownPath(file) }).toString(
      'utf8',
    ),
    problems,
  );
  if (problems.list.length > 0) return [layer];
  const parent = parentOf(layer, file, root);
  if (parent === null) return [layer];
  const at: Place = layer.extends?.at ?? { file: shownPath(file), line: 1, column: 1 };
  if (!parent) {
    problems.add(at, `Cannot find the theme \`${layer.extends?.text ?? 'default'}\` to extend`, 'theme-file');
    return [layer];
  }
  if (seen.includes(parent)) {
    problems.add(at, `The theme extends itself through \`${layer.extends?.text}\``, 'theme-file');
    return [layer];
  }
  return [...layers(parent, root, [...seen, parent], problems), layer];
}

/** Loads a theme by name (`print-mono`, looked up in `<root>/templates/themes/` then the built-ins) or path. */
export function loadTheme(nameOrPath: string, root = process.cwd()): ResolvedTheme {
  const file = findFile(nameOrPath, 'theme', root);
  if (!file) {
    throw new TemplateError([
      diagnostic(
        'theme-file',
        `Cannot find the theme \`${nameOrPath}\` (looked in ${root}/templates/themes/ and the built-in themes)`,
        { file: nameOrPath, line: 1, column: 1 },
      ),
    ]);
  }
  const problems = new Problems(file);
  const all = layers(file, root, [resolve(file)], problems);
  if (problems.list.length > 0) throw new TemplateError(problems.list);
  return merge(all, file);
}

function merge(all: Layer[], file: string): ResolvedTheme {
  const pick = <T>(get: (l: Layer) => T | undefined): T | undefined =>
    all.reduce<T | undefined>((acc, l) => get(l) ?? acc, undefined);
  const size = pick((l) => l.page.size) ?? 'A4';
  const orientation = pick((l) => l.page.orientation) ?? 'portrait';
  const [w, h] = PAGE_POINTS[size];
  const margin = Object.assign(
    { top: 70.87, right: 56.69, bottom: 62.36, left: 56.69 },
    ...all.map((l) => l.page.margin),
  );
  const colors = Object.assign({}, ...all.map((l) => l.colors)) as DocumentTheme['colors'];
  const declared = new Map(all.flatMap((l) => [...l.declared]));
  const last = all[all.length - 1];
  const ir: DocumentTheme = {
    name: last?.name ?? file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, ''),
    page: {
      size,
      orientation,
      width: orientation === 'landscape' ? h : w,
      height: orientation === 'landscape' ? w : h,
      margin,
    },
    fontSize: pick((l) => l.fontSize) ?? 9.5,
    fonts: {
      body: stack(pick((l) => l.stacks.body) ?? [], declared, 'DejaVu Sans'),
      heading: stack(
        pick((l) => l.stacks.heading) ?? pick((l) => l.stacks.body) ?? [],
        declared,
        'DejaVu Sans',
      ),
      mono: stack(pick((l) => l.stacks.mono) ?? [], declared, 'DejaVu Sans Mono'),
    },
    colors,
  };
  const logo = pick((l) => l.logo);
  if (logo) ir.logo = logo;
  return {
    ir,
    codes: Object.assign({}, ...all.map((l) => l.codes)),
    header: pick((l) => l.header),
    footer: pick((l) => l.footer),
    source: pick((l) => l.source) ?? true,
    file,
  };
}

let cachedDefault: ResolvedTheme | undefined;

/** The built-in `default` theme, read once per process. */
export function defaultTheme(): ResolvedTheme {
  cachedDefault ??= loadTheme(findFile('default', 'theme', process.cwd(), true) ?? 'default');
  return cachedDefault;
}

/** The fill a theme gives a code: by its label first (one scheme), then by its letter (any scheme). */
export function themeCodeColour(theme: ResolvedTheme, code: SchemeCode): string | undefined {
  return theme.codes[code.label] ?? theme.codes[code.code];
}
