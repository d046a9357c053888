/**
 * Character widths and line heights for our own DOCX page-number estimate (pages/index.ts), from
 * Carlito: the free font metric-compatible with Calibri (the styles' font), which LibreOffice draws
 * Calibri with where Calibri is not installed. The files come from the system (Debian's
 * `fonts-crosextra-carlito`, Fedora's `google-carlito-fonts`), or from `ROLEMARK_CARLITO` (a
 * folder); without them `carlito()` returns undefined and the document gets docx's estimate.
 *
 * A character Carlito lacks is measured as the fallback font LibreOffice draws it with: DejaVu Sans
 * (bundled, and fontconfig's sans-serif on Debian) for Arabic, Hebrew and symbols, and Noto Sans
 * CJK (full-width: one em) for Chinese, Japanese and Korean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { fontData } from '../../pdf/fonts.js';

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<Face, string> = {
  regular: 'Carlito-Regular.ttf',
  bold: 'Carlito-Bold.ttf',
  italic: 'Carlito-Italic.ttf',
  boldItalic: 'Carlito-BoldItalic.ttf',
};

/** Where distributions install Carlito; `ROLEMARK_CARLITO` first. */
function folders(env: NodeJS.ProcessEnv): string[] {
  return [
    env.ROLEMARK_CARLITO ?? '',
    '/usr/share/fonts/truetype/crosextra',
    '/usr/share/fonts/crosextra-carlito',
    '/usr/share/fonts/google-carlito-fonts',
    '/usr/share/fonts/carlito',
    '/usr/local/share/fonts',
    join(homedir(), '.local/share/fonts'),
    '/Library/Fonts',
  ].filter((f) => f !== '');
}

/** Han, kana, Hangul, CJK punctuation and full-width forms: one em wide in Noto Sans CJK. */
const CJK =
  /[\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export interface Metrics {
  /** The width of `text` in `face` at `size` points, in points. */
  width(text: string, face: Face, size: number): number;
  /**
   * Single line height per point of size: Carlito's (hhea ascender + descender + line gap, 1.2207
   * em), whatever the script. LibreOffice set Japanese body text and matrix rows no taller than
   * Latin ones in test/docx-pages.e2e.test.ts; Noto Sans CJK's own 1.448 em, or docx's 1.3, put
   * headings a page late there.
   */
  line: number;
}

interface Widths {
  font: fontkit.Font;
  perEm: number;
  /** Advance per code point in ems, the fallback font's when this one lacks it. */
  cache: Map<number, number>;
}

const open = (data: Buffer): Widths => {
  const font = fontkit.create(data) as fontkit.Font;
  return { font, perEm: font.unitsPerEm, cache: new Map() };
};

function advance(w: Widths, cp: number, fallback: (cp: number) => number): number {
  let a = w.cache.get(cp);
  if (a === undefined) {
    a = w.font.hasGlyphForCodePoint(cp) ? w.font.glyphForCodePoint(cp).advanceWidth / w.perEm : fallback(cp);
    w.cache.set(cp, a);
  }
  return a;
}

let loaded: Metrics | null | undefined;

/** Carlito's metrics, read once per process; undefined when its files are not installed. */
export function carlito(env: NodeJS.ProcessEnv = process.env): Metrics | undefined {
  if (loaded === undefined) loaded = carlitoIn(folders(env)) ?? null;
  return loaded ?? undefined;
}

/** Carlito's metrics from the first of `places` that holds Carlito-Regular.ttf; undefined if none. */
export function carlitoIn(places: readonly string[]): Metrics | undefined {
  const folder = places.find((f) => existsSync(join(f, FILES.regular)));
  if (!folder) return undefined;
  const faces = {} as Record<Face, Widths>;
  for (const face of Object.keys(FILES) as Face[]) {
    const path = join(folder, FILES[face]);
    faces[face] = existsSync(path)
      ? open(readFileSync(path))
      : open(readFileSync(join(folder, FILES.regular)));
  }
  const regular = faces.regular.font;
  // LibreOffice's line: ascender + descender + line gap (hhea), 1.2207 em in Carlito.
  const line = (regular.ascent - regular.descent + regular.lineGap) / regular.unitsPerEm;
  let dejavu: Widths | undefined;
  const fallback = (cp: number): number => {
    if (CJK.test(String.fromCodePoint(cp))) return 1;
    dejavu ??= open(fontData('regular'));
    // A character no font here has: an average letter.
    return advance(dejavu, cp, () => 0.5);
  };
  return {
    width(text, face, size) {
      const w = faces[face];
      let ems = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i) ?? 0;
        if (cp > 0xffff) i++;
        ems += advance(w, cp, fallback);
      }
      return ems * size;
    },
    line,
  };
}
