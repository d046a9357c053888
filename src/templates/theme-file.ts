import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Node } from 'yaml';
import type { DocumentTheme, ThemeFont } from '../ir/types.js';
import { readRegularSync } from '../read/regular-file.js';
import { isFont, isSvg, sha256 } from './files.js';
import { fontProblem } from './font-check.js';
import { checkImage } from './image-check.js';
import { checkPlaceholders } from './placeholders.js';
import { shownPath } from './resolve.js';
import { type PlacedText, type Problems, YamlFile } from './yaml.js';

/**
 * Reading one theme file: its keys checked, lengths in points, colours as `#RRGGBB`, and the
 * files it points at (fonts, logo) read and checked by their bytes.
 */

export const BUILT_IN_FONTS = [
  'DejaVu Sans',
  'DejaVu Sans Condensed',
  'DejaVu Sans Mono',
  'DejaVu Serif',
  'DejaVu Serif Condensed',
];
const COLOR_KEYS = {
  foreground: 'text',
  muted: 'muted',
  primary: 'accent',
  'primary-light': 'accentSoft',
  rule: 'rule',
  link: 'link',
  'header-fill': 'headerFill',
  band: 'band',
} as const;
const FACES = { regular: 'regular', bold: 'bold', italic: 'italic', 'bold-italic': 'boldItalic' } as const;

/** The keys a theme file may use, by mapping: the loader and the JSON Schema both follow them. */
export const THEME_KEYS = {
  theme: ['name', 'extends', 'page', 'color', 'typography', 'logo', 'header', 'footer', 'source'],
  page: ['size', 'orientation', 'margins'],
  margins: ['top', 'right', 'bottom', 'left'],
  color: [...Object.keys(COLOR_KEYS), 'codes'],
  typography: ['size', 'fonts', 'base', 'headings', 'monospace'],
  font: ['family', 'files'],
  files: Object.keys(FACES),
  logo: ['file', 'width', 'placement'],
} as const;
const MAX_FILE = 50 * 1024 * 1024;

/** A theme file as written, before it is laid over its parent. */
export interface Layer {
  name?: string;
  extends?: PlacedText;
  page: Partial<Pick<DocumentTheme['page'], 'size' | 'orientation'>> & {
    margin: Partial<DocumentTheme['page']['margin']>;
  };
  colors: Partial<DocumentTheme['colors']>;
  codes: Record<string, string>;
  fontSize?: number;
  declared: Map<string, ThemeFont>;
  stacks: Partial<Record<'body' | 'heading' | 'mono', PlacedText[]>>;
  logo?: DocumentTheme['logo'] | null;
  header?: PlacedText[];
  footer?: PlacedText[];
  /** Whether headers and footers may print the source file's path (`source: false` for HR). */
  source?: boolean;
}

/** `20mm`, `2cm`, `0.75in`, `54pt` or a bare number of points. */
export function length(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const factor = { mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1 }[(m[2] ?? 'pt') as 'mm' | 'cm' | 'in' | 'pt'];
  return Math.round(n * factor * 100) / 100;
}

function colour(yaml: YamlFile, node: Node | null | undefined, what: string): string | undefined {
  const v = yaml.string(node, what);
  if (!v) return undefined;
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(v.text.trim());
  if (!m?.[1]) {
    yaml.problems.add(
      v.at,
      `Expected ${what} to be a colour like "#1F4E79", not \`${v.text}\``,
      'theme-value',
    );
    return undefined;
  }
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `#${hex.toUpperCase()}`;
}

function readFile(
  yaml: YamlFile,
  base: string,
  value: PlacedText,
  what: string,
): { path: string; data: Buffer } | undefined {
  const path = resolve(base, value.text);
  if (!existsSync(path)) {
    yaml.problems.add(
      value.at,
      `Cannot find the ${what} \`${value.text}\` (looked for ${path})`,
      'theme-file',
    );
    return undefined;
  }
  // Regular files only, read with a cap whatever `stat` says (src/read/regular-file.ts).
  try {
    const read = readRegularSync(path, { maxBytes: MAX_FILE, what: `the ${what}`, shown: value.text });
    if (read.bytes !== undefined) return { path, data: read.bytes };
    yaml.problems.add(value.at, `The ${what} \`${value.text}\` is larger than 50 MB`, 'theme-file');
  } catch (error) {
    yaml.problems.add(value.at, (error as Error).message, 'theme-file');
  }
  return undefined;
}

function readFonts(yaml: YamlFile, base: string, node: Node | null | undefined, layer: Layer): void {
  for (const item of yaml.items(node, '`typography.fonts`')) {
    const keys = yaml.entries(item, THEME_KEYS.font, 'a font');
    const family = yaml.string(keys.get('family'), '`family`');
    if (!family) {
      yaml.problems.add(yaml.at(item), 'Expected a `family` name for the font', 'theme-value');
      continue;
    }
    const files = yaml.entries(keys.get('files') ?? null, THEME_KEYS.files, '`files`');
    const font: ThemeFont = { family: family.text, files: { regular: '' } };
    const bytes: Buffer[] = [];
    for (const [face, key] of Object.entries(FACES)) {
      const value = yaml.string(files.get(face), `\`files.${face}\``);
      if (!value) continue;
      const file = readFile(yaml, base, value, 'font file');
      if (!file) continue;
      if (!isFont(file.data)) {
        yaml.problems.add(
          value.at,
          `Expected a TrueType or OpenType font (.ttf, .otf) in \`${value.text}\``,
          'theme-file',
        );
        continue;
      }
      const problem = fontProblem(file.data);
      if (problem) {
        yaml.problems.add(value.at, `Cannot use the font file \`${value.text}\`: ${problem}`, 'theme-file');
        continue;
      }
      (font.files as Record<string, string>)[key] = file.path;
      bytes.push(file.data);
    }
    if (!font.files?.regular) {
      yaml.problems.add(
        yaml.at(item),
        `Expected \`files.regular\` for the font \`${family.text}\``,
        'theme-value',
      );
      continue;
    }
    font.digest = sha256(...bytes);
    layer.declared.set(family.text.toLowerCase(), font);
  }
}

function readLogo(
  yaml: YamlFile,
  base: string,
  node: Node | null | undefined,
): DocumentTheme['logo'] | null | undefined {
  if (node === undefined) return undefined;
  if (node === null) return null;
  const keys = yaml.isMapping(node)
    ? yaml.entries(node, THEME_KEYS.logo, '`logo`')
    : new Map([['file', node]]);
  const fileText = yaml.string(keys.get('file'), '`logo.file`');
  if (!fileText || fileText.text === 'none') return null;
  const file = readFile(yaml, base, fileText, 'logo');
  if (!file) return undefined;
  // The header first (pixel limit), then the structure: see image-check.ts.
  const checked = checkImage(file.data);
  if (checked?.ok === false) {
    yaml.problems.add(
      fileText.at,
      `Cannot use the logo \`${fileText.text}\`: ${checked.problem}`,
      'theme-file',
    );
    return undefined;
  }
  const info = checked?.info;
  if (!info) {
    const why = isSvg(file.data)
      ? 'SVG logos are not supported yet: export the logo as a PNG (about 600 px wide) and point `logo.file` at it'
      : `Expected a PNG or JPEG image in \`${fileText.text}\``;
    yaml.problems.add(fileText.at, why, 'theme-file');
    return undefined;
  }
  const widthText = yaml.string(keys.get('width'), '`logo.width`');
  const width = widthText ? length(widthText.text) : 28 * (72 / 25.4);
  if (widthText && width === undefined)
    yaml.problems.add(
      widthText.at,
      `Expected a length like "30mm", not \`${widthText.text}\``,
      'theme-value',
    );
  return {
    format: info.format,
    data: file.data.toString('base64'),
    pixelWidth: info.width,
    pixelHeight: info.height,
    width: Math.round((width ?? 80) * 100) / 100,
    placement:
      yaml.choice(keys.get('placement'), ['header', 'cover', 'both'] as const, '`logo.placement`') ??
      'header',
  };
}

export function readLayer(file: string, text: string, problems: Problems): Layer {
  const yaml = new YamlFile(shownPath(file), text, problems);
  const base = dirname(resolve(file));
  const top = yaml.entries(yaml.root, THEME_KEYS.theme, 'the theme');
  const layer: Layer = { page: { margin: {} }, colors: {}, codes: {}, declared: new Map(), stacks: {} };
  const name = yaml.string(top.get('name'), '`name`');
  if (name) layer.name = name.text;
  const parent = yaml.string(top.get('extends'), '`extends`');
  if (parent) layer.extends = parent;

  const page = yaml.entries(top.get('page') ?? null, THEME_KEYS.page, '`page`');
  const size = yaml.choice(page.get('size'), ['A4', 'A3', 'Letter', 'Tabloid'] as const, 'page size');
  if (size) layer.page.size = size;
  const orientation = yaml.choice(page.get('orientation'), ['portrait', 'landscape'] as const, 'orientation');
  if (orientation) layer.page.orientation = orientation;
  const margins = page.get('margins');
  const sides = THEME_KEYS.margins;
  const marginNodes = yaml.isMapping(margins)
    ? yaml.entries(margins ?? null, sides, '`page.margins`')
    : new Map(margins !== undefined ? sides.map((s) => [s, margins]) : []);
  for (const [side, node] of marginNodes) {
    const v = yaml.string(node, `\`margins.${side}\``);
    const pt = v ? length(v.text) : undefined;
    if (v && (pt === undefined || pt > 200))
      yaml.problems.add(
        v.at,
        `Expected a margin like "20mm" (at most 70mm), not \`${v.text}\``,
        'theme-value',
      );
    else if (pt !== undefined) layer.page.margin[side as (typeof sides)[number]] = pt;
  }

  const color = yaml.entries(top.get('color') ?? null, THEME_KEYS.color, '`color`');
  for (const [key, field] of Object.entries(COLOR_KEYS)) {
    const c = colour(yaml, color.get(key), `\`color.${key}\``);
    if (c) layer.colors[field] = c;
  }
  const codes = color.get('codes');
  if (codes !== undefined && codes !== null && !yaml.isMapping(codes))
    yaml.problems.add(yaml.at(codes), 'Expected `color.codes` to map codes to colours', 'theme-value');
  else if (codes) {
    for (const pair of (codes as unknown as { items: { key: { value: unknown }; value: Node | null }[] })
      .items) {
      const c = colour(yaml, pair.value, `the colour of \`${String(pair.key.value)}\``);
      if (c) layer.codes[String(pair.key.value)] = c;
    }
  }

  const type = yaml.entries(top.get('typography') ?? null, THEME_KEYS.typography, '`typography`');
  const sizeText = yaml.string(type.get('size'), '`typography.size`');
  if (sizeText) {
    const pt = length(sizeText.text);
    if (pt === undefined || pt < 5 || pt > 24)
      yaml.problems.add(
        sizeText.at,
        `Expected a text size from 5pt to 24pt, not \`${sizeText.text}\``,
        'theme-value',
      );
    else layer.fontSize = pt;
  }
  readFonts(yaml, base, type.get('fonts'), layer);
  for (const [key, stack] of [
    ['base', 'body'],
    ['headings', 'heading'],
    ['monospace', 'mono'],
  ] as const) {
    if (type.has(key)) layer.stacks[stack] = yaml.list(type.get(key), `\`typography.${key}\``);
  }
  const logo = readLogo(yaml, base, top.has('logo') ? (top.get('logo') ?? null) : undefined);
  if (logo !== undefined) layer.logo = logo;
  const source = yaml.choice(top.get('source'), ['true', 'false'] as const, '`source`');
  if (source) layer.source = source === 'true';
  for (const key of ['header', 'footer'] as const) {
    if (!top.has(key)) continue;
    const parts = yaml.list(top.get(key), `\`${key}\``, false);
    for (const part of parts) checkPlaceholders(part.text, part.at, { role: true, theme: true }, problems);
    layer[key] = parts;
  }
  return layer;
}
