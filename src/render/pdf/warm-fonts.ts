import * as fontkit from 'fontkit';
import { type FontFace, type LoadedFont, loadFace } from './fonts.js';
import { recordedLayouts } from './shared-layout.js';
import { warmTrueTypeTables } from './ttf-subset.js';

/*
 * The warm-up of a render worker started ahead of its jobs (render-worker.ts): the DejaVu faces a
 * first document reads, parsed and their tables decoded while the build reads its content, and
 * the sample word laid out now or, when the shaping cache holds the fonts' words, once the thread
 * is idle (docs/performance.md, round four, second half, and round seven, the PDF worker).
 */

/**
 * The faces a first document reads (body, headings, emphasis, the matrix's condensed cuts): what a
 * render worker started ahead of its jobs ({@link warmFonts}) prepares.
 */
export const FIRST_FACES: readonly FontFace[] = ['regular', 'bold', 'italic', 'condensed', 'condensedBold'];

/**
 * Parses DejaVu's `faces` now, as a document's first use of them would: their files, and the
 * tables every document decodes (cmap, hmtx, GSUB, GPOS, GDEF: most of a font's first use), by
 * laying out a word on a copy of each that shares those tables, as fonts.ts's `freshCopy` does, but neither
 * the shaping nor the subsets of documents, and that is then dropped (no word when the shaping
 * cache holds the fonts' words: below). A render worker does this
 * while the build reads its content (render-worker.ts): in a cold `build` the first PDF did it,
 * on the build's critical path (docs/performance.md, round four, second half). A document's bytes
 * do not change: documents read the same tables whenever they were decoded, through copies.
 */
export function warmFonts(faces: readonly FontFace[] = FIRST_FACES): void {
  const fonts = faces.map(loadFace);
  // No sample now when the shaping cache holds words of these fonts (shaping-cache.ts): an
  // earlier build has run, and its documents' words are replayed, which decodes no GSUB or GPOS
  // lookup and runs no layout engine, so the sample (the lookups of Latin's features, kerning's
  // large pair tables, the layout engine compiled) would only be CPU taken from the build's
  // thread on 2 cores. A face the earlier builds did not use (no words kept: italic, say) is
  // likely unused by this one too. It is laid out once the thread has rendered nothing for a
  // while ({@link SAMPLE_IDLE_MS}: a watcher's worker, waiting for a save whose new words would
  // otherwise decode the lookups then); a word the cache lacks before that (an edited chart)
  // decodes them in the render, once. A first build (no cache) warms as before.
  const now = !fonts.some((font) => recordedLayouts(font.key) > 0);
  for (const font of fonts) {
    const copy = sharingCopy(font);
    if (now) layoutSample(copy);
    // And the tables every subset of the font holds, read once per process (ttf-subset.ts).
    warmTrueTypeTables(font.key, copy);
  }
  if (!now) {
    pendingSample = fonts;
    postponeSample();
  }
}

/** A copy of `font` sharing its decoded tables, as fonts.ts's `freshCopy` makes, without a document's state. */
function sharingCopy(font: LoadedFont): fontkit.Font {
  const copy = fontkit.create(font.data, font.postscriptName) as fontkit.Font;
  (copy as unknown as { _tables: unknown })._tables = (font.font as unknown as { _tables: unknown })._tables;
  return copy;
}

const layoutSample = (copy: fontkit.Font) => copy.layout('Rolemark: 0–9 fi');

/** How long the thread must have rendered nothing before the postponed sample is laid out. */
export const SAMPLE_IDLE_MS = 1000;
/** The warmed fonts whose sample word {@link warmFonts} postponed, until it is laid out. */
let pendingSample: LoadedFont[] | undefined;
let sampleTimer: ReturnType<typeof setTimeout> | undefined;

/** A document is being rendered: the postponed sample waits for the thread to be idle again. */
export function postponeSample(): void {
  if (!pendingSample) return;
  clearTimeout(sampleTimer);
  sampleTimer = setTimeout(layoutPendingSample, SAMPLE_IDLE_MS);
  // A build that ends first does not wait for it.
  sampleTimer.unref();
}

/** Lays out the sample word {@link warmFonts} postponed, if any (now, for the tests). */
export function layoutPendingSample(): void {
  const fonts = pendingSample;
  pendingSample = undefined;
  clearTimeout(sampleTimer);
  for (const font of fonts ?? []) layoutSample(sharingCopy(font));
}
