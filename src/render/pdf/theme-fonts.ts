/**
 * A theme's fonts as the PDF writer's faces: the first family of each stack that rolemark can
 * embed (one of the DejaVu families it bundles, or a theme's own files). Split from fonts.ts.
 */
import { join } from 'node:path';
import type { DocumentTheme, ThemeFont } from '../../ir/types.js';
import { fontDir, type ThemedFaces } from './fonts.js';

/** The DejaVu families rolemark bundles, by face: what a theme's built-in family name means. */
const BUILT_IN: Record<string, Partial<Record<'regular' | 'bold' | 'italic' | 'boldItalic', string>>> = {
  'DejaVu Sans': {},
  'DejaVu Sans Condensed': {
    regular: 'DejaVuSansCondensed.ttf',
    bold: 'DejaVuSansCondensed-Bold.ttf',
    italic: 'DejaVuSansCondensed-Oblique.ttf',
    boldItalic: 'DejaVuSansCondensed-BoldOblique.ttf',
  },
  'DejaVu Sans Mono': {
    regular: 'DejaVuSansMono.ttf',
    bold: 'DejaVuSansMono-Bold.ttf',
    italic: 'DejaVuSansMono-Oblique.ttf',
    boldItalic: 'DejaVuSansMono-BoldOblique.ttf',
  },
  'DejaVu Serif': {
    regular: 'DejaVuSerif.ttf',
    bold: 'DejaVuSerif-Bold.ttf',
    italic: 'DejaVuSerif-Italic.ttf',
    boldItalic: 'DejaVuSerif-BoldItalic.ttf',
  },
  'DejaVu Serif Condensed': {
    regular: 'DejaVuSerifCondensed.ttf',
    bold: 'DejaVuSerifCondensed-Bold.ttf',
    italic: 'DejaVuSerifCondensed-Italic.ttf',
    boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
  },
};

type Faces = Partial<Record<'regular' | 'bold' | 'italic' | 'boldItalic', string>>;

/** The files of the first family of a stack that a PDF can embed: one with files, or built in. */
function firstEmbeddable(stack: readonly ThemeFont[]): { family: string; files: Faces } | undefined {
  const font = stack.find((f) => f.files || f.builtIn);
  if (!font) return undefined;
  if (font.files) return { family: font.family, files: font.files };
  const dejavu = BUILT_IN[font.family] ?? {};
  return {
    family: font.family,
    files: Object.fromEntries(Object.entries(dejavu).map(([k, f]) => [k, join(fontDir(), f)])),
  };
}

/**
 * The faces a theme's font stacks give a PDF: the body family's four cuts, the monospace family's
 * regular, and a heading family's bold (or regular) when it is not the body's. The default DejaVu
 * Sans gives none, so the stack stays DejaVu's own; the condensed cuts of the matrix stay DejaVu.
 */
export function themeFonts(theme: DocumentTheme | undefined): ThemedFaces {
  if (!theme) return {};
  const faces: ThemedFaces = {};
  const body = firstEmbeddable(theme.fonts.body);
  if (body) Object.assign(faces, body.files);
  const mono = firstEmbeddable(theme.fonts.mono);
  if (mono?.files.regular && mono.family !== 'DejaVu Sans Mono') faces.mono = mono.files.regular;
  const heading = firstEmbeddable(theme.fonts.heading);
  if (heading && heading.family !== body?.family) {
    const file = heading.files.bold ?? heading.files.regular;
    if (file) faces.heading = file;
  }
  if (faces.bold && !faces.heading) faces.heading = faces.bold;
  return faces;
}
