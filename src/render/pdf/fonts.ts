import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono' | 'condensed' | 'condensedBold';

const FILES: Record<FontFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
};

const fontDir = (): string =>
  join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

// Font files are read once per process and shared by every document rendered in it.
const cache = new Map<FontFace, Buffer>();

/** The bytes of a bundled font face (DejaVu, from the `dejavu-fonts-ttf` npm package). */
export function fontData(face: FontFace): Buffer {
  let data = cache.get(face);
  if (!data) {
    data = readFileSync(join(fontDir(), FILES[face]));
    cache.set(face, data);
  }
  return data;
}

export const FONT_FACES = Object.keys(FILES) as FontFace[];
