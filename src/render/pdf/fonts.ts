import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { fastLocaTable } from './fast-loca.js';
import { lazyPostTable } from './lazy-post.js';
import { appendLayoutRuns } from './pdfkit-layout.js';
import { attachShapingCache } from './shaping-cache.js';
import { shareDirectories } from './shared-directory.js';
import { shareLayouts } from './shared-layout.js';
import { shareGlyphMetrics } from './shared-metrics.js';
import { shareSubsets } from './shared-subset.js';

export type FontFace =
  | 'regular'
  | 'bold'
  | 'italic'
  | 'boldItalic'
  | 'mono'
  | 'condensed'
  | 'condensedBold'
  | 'heading';

const FILES: Record<FontFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  heading: 'DejaVuSans-Bold.ttf',
};

/**
 * Within DejaVu, where a face without a glyph looks next: the bold and condensed cuts cover fewer
 * scripts than DejaVu Sans, which covers the most (Latin, Greek, Cyrillic, Arabic, Hebrew…).
 */
const DEJAVU_CHAIN: Record<FontFace, FontFace[]> = {
  regular: ['regular'],
  bold: ['bold', 'regular'],
  italic: ['italic', 'regular'],
  boldItalic: ['boldItalic', 'bold', 'italic', 'regular'],
  mono: ['mono', 'regular'],
  condensed: ['condensed', 'regular'],
  condensedBold: ['condensedBold', 'bold', 'condensed', 'regular'],
  // Headings are DejaVu Sans Bold unless a theme names a heading family.
  heading: ['bold', 'regular'],
};

const BOLD_FACES: ReadonlySet<FontFace> = new Set(['bold', 'boldItalic', 'condensedBold', 'heading']);

export const FONT_FACES = Object.keys(FILES) as FontFace[];

export const fontDir = (): string =>
  join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

// Font files are read once per process and shared by every document rendered in it.
const files = new Map<string, Buffer>();
const readCached = (path: string): Buffer => {
  let data = files.get(path);
  if (!data) {
    data = readFileSync(path);
    files.set(path, data);
  }
  return data;
};

/** The bytes of a bundled font face (DejaVu, from the `dejavu-fonts-ttf` npm package). */
export function fontData(face: FontFace): Buffer {
  return readCached(join(fontDir(), FILES[face]));
}

/**
 * A font file to fall back on for glyphs DejaVu lacks. A collection (`.ttc`) needs the PostScript
 * name of the font inside it: `NotoSansCJK-Regular.ttc#NotoSansCJKjp-Regular`.
 */
export interface FallbackFont {
  /** `path` or `path#PostScriptName`. */
  regular: string;
  /** Used for bold faces when given; otherwise bold text falls back on `regular`. */
  bold?: string;
}

const NOTO_CJK_DIR = '/usr/share/fonts/opentype/noto';

/** The Noto CJK cut for a document language: Japanese by default, as its kana cover the most. */
function notoRegion(lang: string): string {
  const l = lang.toLowerCase();
  if (l.startsWith('ko')) return 'kr';
  if (/^zh[-_](hant|tw|mo)/.test(l)) return 'tc';
  if (/^zh[-_]hk/.test(l)) return 'hk';
  if (l.startsWith('zh')) return 'sc';
  return 'jp';
}

/**
 * The fallback fonts used when none are configured: `ROLEMARK_FONTS` (specs separated by `:`,
 * each `path` or `path#PostScriptName`), else Debian's `fonts-noto-cjk` when it is installed.
 */
export function defaultFallbackFonts(lang = 'en', env: NodeJS.ProcessEnv = process.env): FallbackFont[] {
  const configured = env.ROLEMARK_FONTS?.trim();
  if (configured) {
    return configured
      .split(':')
      .filter((s) => s !== '')
      .map((regular) => ({ regular }));
  }
  const regular = join(NOTO_CJK_DIR, 'NotoSansCJK-Regular.ttc');
  if (!existsSync(regular)) return [];
  const region = notoRegion(lang);
  const bold = join(NOTO_CJK_DIR, 'NotoSansCJK-Bold.ttc');
  return [
    {
      regular: `${regular}#NotoSansCJK${region}-Regular`,
      ...(existsSync(bold) ? { bold: `${bold}#NotoSansCJK${region}-Bold` } : {}),
    },
  ];
}

export interface LoadedFont {
  /** The name the font is registered under in the PDF document. */
  name: string;
  /** Identifies the font file (and the font in a collection) across documents. */
  key: string;
  data: Buffer;
  postscriptName: string | undefined;
  font: fontkit.Font;
  /** Ascent and descent per unit of font size (descent is negative). */
  ascent: number;
  descent: number;
}

const parsed = new Map<string, LoadedFont>();

function load(name: string, spec: string): LoadedFont {
  const key = `${name}\u0000${spec}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  const hash = spec.lastIndexOf('#');
  const path = hash > 0 ? spec.slice(0, hash) : spec;
  const postscriptName = hash > 0 ? spec.slice(hash + 1) : undefined;
  let data: Buffer;
  try {
    data = readCached(path);
  } catch (error) {
    throw new Error(`Cannot read the font ${path}: ${(error as Error).message}`);
  }
  const created = fontkit.create(data, postscriptName);
  if (!('hasGlyphForCodePoint' in created)) {
    const names = created.fonts.map((f) => f.postscriptName).join(', ');
    throw new Error(`${path} is a font collection: name one of its fonts as ${path}#NAME (${names})`);
  }
  // Its table directory, decoded again by no copy (shared-directory.ts).
  shareDirectories(created);
  // Its `post` table's header now, glyph names when asked for (lazy-post.ts): shared by its copies.
  lazyPostTable(created);
  // Glyph metrics shared by the copies (shared-metrics.ts). A glyph of this parsed font (documents
  // draw from their copies, never from it) gives fontkit's TrueType glyph class.
  if ('glyf' in (created as unknown as { directory: { tables: object } }).directory.tables) {
    // Its `loca` read in one loop, not number by number through restructure (fast-loca.ts).
    fastLocaTable(created);
    shareGlyphMetrics(created.getGlyph(0));
  }
  const upm = created.unitsPerEm;
  const loaded = {
    name,
    key,
    data,
    postscriptName,
    font: created,
    ascent: created.ascent / upm,
    descent: created.descent / upm,
  };
  parsed.set(key, loaded);
  // The shaping of its words kept by earlier processes, replayed as this one's (shaping-cache.ts).
  attachShapingCache(key, data, postscriptName);
  return loaded;
}

/** A bundled DejaVu face, parsed once per process (see {@link load}). */
export function loadFace(face: FontFace): LoadedFont {
  return load(face, join(fontDir(), FILES[face]));
}

/** Font metrics the typesetter needs, per registered font name. */
export interface FontMetrics {
  ascent: number;
  descent: number;
  /** True when fontkit reorders this font's right-to-left runs itself (it has OpenType layout). */
  shapesRtl: boolean;
}

/** fontkit reverses right-to-left runs only in fonts with OpenType (or AAT) layout tables. */
const hasLayoutTables = (font: fontkit.Font): boolean => {
  const tables = font as unknown as { GSUB?: unknown; GPOS?: unknown; morx?: unknown };
  return Boolean(tables.GSUB || tables.GPOS || tables.morx);
};

interface Registrar {
  registerFont(name: string, src: Buffer, family?: string): unknown;
  /** Opens a registered font: pdfkit numbers fonts (F1, F2…) in the order they are first opened. */
  font?(name: string): unknown;
}

/**
 * A fontkit font for one document that shares the decoded tables (cmap, GSUB, GPOS…: most of the
 * cost of a font's first use) with every other copy of the same font in the process. Each copy
 * keeps its own glyph cache: fontkit remembers in a glyph the characters it was first made from,
 * and pdfkit writes those into the text layer, so one font object shared by several documents
 * made a document's bytes depend on what was rendered before it.
 */
function freshCopy(font: LoadedFont): fontkit.Font {
  const copy = fontkit.create(font.data, font.postscriptName) as fontkit.Font;
  (copy as unknown as { _tables: unknown })._tables = (font.font as unknown as { _tables: unknown })._tables;
  // And the shaping of each word, replayed on this copy's own glyphs (shared-layout.ts), and the
  // bytes of a subset of the same glyphs (shared-subset.ts).
  shareLayouts(copy, font.key);
  shareSubsets(copy, font.key);
  return copy;
}

/**
 * The font stack of one document: for each face, DejaVu's own cuts, then the fallback fonts.
 * Each character gets the first font of its face's stack that has a glyph for it; fonts are
 * registered with the document only when a character first needs them.
 */
export class FontStack {
  private readonly registered = new Set<string>();
  private readonly chains = new Map<string, LoadedFont[]>();
  private readonly choice = new Map<FontFace, Map<number, string | null>>();
  private readonly metrics = new Map<string, FontMetrics>();
  /**
   * Per font and string, the advance width at size 1, for this document only: a width measured by
   * another document skipped this one's own measuring, which makes glyphs in its copy of the font,
   * with the characters they are first made from (fonts.ts's `freshCopy`), so a document's text
   * layer depended on what the process had rendered before it (Arabic presentation forms, typed
   * ligatures). Measuring again costs little now that shaping is shared (shared-layout.ts).
   */
  private readonly widths = new Map<string, Map<string, number>>();

  constructor(
    private readonly doc: Registrar,
    private readonly fallbacks: readonly FallbackFont[],
    /** A theme's font files by face: tried before DejaVu (see `themeFonts`). */
    private readonly themed: ThemedFaces = {},
  ) {}

  private themedChain(face: FontFace): LoadedFont[] {
    const faces: FontFace[] = face === 'boldItalic' ? ['boldItalic', 'bold', 'italic'] : [face];
    const file = faces.map((f) => this.themed[f]).find((f) => f !== undefined);
    // Named by file, so that a file serving two faces (bold and headings) is embedded once.
    return file ? [load(`theme:${file}`, file)] : [];
  }

  /** The face's own fonts: a theme's file, then DejaVu's cuts. Loaded when the face is first used. */
  private chain(face: FontFace): LoadedFont[] {
    let chain = this.chains.get(face);
    if (chain) return chain;
    chain = [...this.themedChain(face), ...DEJAVU_CHAIN[face].map(loadFace)];
    this.chains.set(face, chain);
    return chain;
  }

  /**
   * The fallback fonts of a face, loaded only when a character first needs them: Noto CJK's
   * collections are 20 MB each, and reading them cost every process a quarter of a second.
   */
  private fallbackChain(face: FontFace): LoadedFont[] {
    const key = `fallback:${face}`;
    let chain = this.chains.get(key);
    if (chain) return chain;
    const bold = BOLD_FACES.has(face);
    chain = this.fallbacks.map((fb, i) =>
      bold && fb.bold ? load(`fallback${i}-bold`, fb.bold) : load(`fallback${i}`, fb.regular),
    );
    this.chains.set(key, chain);
    return chain;
  }

  private register(font: LoadedFont): string {
    if (!this.registered.has(font.name)) {
      this.doc.registerFont(font.name, freshCopy(font) as unknown as Buffer);
      // Opened now, in the order characters first need them: a width measured on a cache miss
      // (shared across documents) must not decide the font's number, or the same document's
      // bytes would depend on what the process rendered before it. Unused fonts are not embedded.
      this.doc.font?.(font.name);
      const opened = (this.doc as { _font?: object | null })._font;
      if (opened) appendLayoutRuns(opened);
      this.registered.add(font.name);
      this.metrics.set(font.name, {
        ascent: font.ascent,
        descent: font.descent,
        shapesRtl: hasLayoutTables(font.font),
      });
    }
    return font.name;
  }

  /** The registered font of `face`'s stack that draws `codePoint`, or null when none has it. */
  fontFor(face: FontFace, codePoint: number): string | null {
    let byCode = this.choice.get(face);
    if (!byCode) {
      byCode = new Map();
      this.choice.set(face, byCode);
    }
    const cached = byCode.get(codePoint);
    if (cached !== undefined) return cached;
    // The face's own fonts are tried first; fallback files are only read when they lack a glyph.
    const has = (font: LoadedFont) => font.font.hasGlyphForCodePoint(codePoint);
    const font =
      this.chain(face).find(has) ??
      (this.fallbacks.length > 0 ? this.fallbackChain(face).find(has) : undefined);
    const found = font ? this.register(font) : null;
    byCode.set(codePoint, found);
    return found;
  }

  /** The face's own font: drawn for characters that no font has (and reported). */
  primary(face: FontFace): string {
    return this.register(this.chain(face)[0] as LoadedFont);
  }

  /**
   * The width of `text` at size 1 in a registered font, from the document's cache; `measure`
   * computes it on a miss (a matrix repeats the same words and letters thousands of times).
   */
  unitWidth(name: string, text: string, measure: () => number): number {
    // By font, then text: a key joining the two was a new string to copy and hash on every call.
    let byText = this.widths.get(name);
    if (!byText) {
      byText = new Map();
      this.widths.set(name, byText);
    }
    let w = byText.get(text);
    if (w === undefined) {
      w = measure();
      byText.set(text, w);
    }
    return w;
  }

  metricsOf(name: string): FontMetrics {
    return this.metrics.get(name) ?? { ascent: 0.928, descent: -0.236, shapesRtl: true };
  }
}

/** A theme's font files by face (`path`), each tried before DejaVu's cut of that face. */
export type ThemedFaces = Partial<Record<FontFace, string>>;
