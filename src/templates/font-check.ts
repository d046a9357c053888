/**
 * A theme's font file checked as the PDF writer will use it, when the theme loads: a file with a
 * TrueType header and a garbage body passed the header sniff and then broke pdfkit mid-render
 * ("internal error: Offset is outside the bounds of the DataView"). Here it is parsed with
 * fontkit (pdfkit's own font library), asked the metrics and glyphs a document needs, laid out
 * and subset as pdfkit embeds it; any failure is the reason the theme gives, at the file's line.
 */
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

/**
 * fontkit, loaded when a theme names a font file: every build loads this module with the
 * templates, and loading fontkit took about a tenth of a second before a build could read its
 * content, or all of a build's time for its own sake when it writes only Markdown and JSON.
 */
const loadFontkit = (): typeof Fontkit => createRequire(import.meta.url)('fontkit') as typeof Fontkit;

/** Why the font cannot be used, or null when it can. */
export function fontProblem(data: Buffer): string | null {
  try {
    const created = loadFontkit().create(data);
    // A collection (.ttc) is checked by its first font: the writer picks one by name.
    const font = ('fonts' in created ? created.fonts[0] : created) as Fontkit.Font | undefined;
    if (!font) return 'it holds no font';
    if (!(font.unitsPerEm > 0) || !(font.numGlyphs > 0)) return 'it has no glyphs or no metrics';
    if (!Number.isFinite(font.ascent) || !Number.isFinite(font.descent)) return 'it has no vertical metrics';
    if (!font.hasGlyphForCodePoint(0x41) && font.characterSet.length === 0)
      return 'it maps no character to a glyph (no cmap)';
    const run = font.layout('Aa 0');
    const subset = font.createSubset();
    for (const glyph of run.glyphs) subset.includeGlyph(glyph);
    subset.encode();
    return null;
  } catch (error) {
    return `it is not a font rolemark can read (${(error as Error).message.slice(0, 80)})`;
  }
}
