/**
 * The font subsets a process embeds, encoded once for each (font file, glyph list). pdfkit asks
 * fontkit for a subset of each font a document used, at the end of every document; encoding it
 * (copying and re-encoding each glyph's outline, the loca, hmtx and head tables) was 7% of a warm
 * render of the team charter, and the same document, or one using the same glyphs in the same
 * order, gives the same glyph list again: `build --watch` renders a changed charter again and
 * again with nearly always the same letters. The subset's bytes depend only on the font's tables
 * and the glyph ids in the order the document first used them, which is the key.
 */
import { deflateSync } from 'node:zlib';
import type * as fontkit from 'fontkit';
import { encodeTrueTypeSubset, type TrueTypeSubset } from './ttf-subset.js';

type Subset = TrueTypeSubset;

const encoded = new Map<string, Uint8Array>();
/** Subsets are 10–100 KB (CJK more); a few dozen cover the documents of a build's fonts. */
const MAX_ENCODED = 64;

/** How many subsets were encoded by fontkit and how many reused, since the process started. */
export const subsetCounts = { encoded: 0, reused: 0, compressed: 0, compressedReused: 0 };

/**
 * The compressed bytes of each shared subset, by the subset's bytes (the object `encoded` holds):
 * pdfkit deflates a font file again in every document that embeds it, and deflating the team
 * charter's four DejaVu subsets (13, 13, 12 and 5 KB) was about 5 ms of each warm render.
 */
const deflated = new WeakMap<object, Uint8Array>();
const isShared = new WeakSet<object>();

/** The parts of pdfkit's `PDFReference` (a PDF object, with its stream) this module touches. */
interface Reference {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}
const PATCHED = Symbol.for('rolemark.compressSharedSubsets');

/**
 * Makes pdfkit's PDF objects (`PDFReference`, the prototype of `reference`) take the compressed
 * bytes of a shared subset from the cache instead of deflating them again. pdfkit deflates a
 * stream at its end with zlib's defaults, which is what the cache holds; the object's `Filter` was
 * set when the bytes were written, and encryption (which rolemark never asks for) still applies.
 * Any other stream is left to pdfkit. Patched once per process.
 */
export function compressSubsetsOnce(reference: object): void {
  const proto = Object.getPrototypeOf(reference) as Reference & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const finalize = proto.finalize;
  proto.finalize = function finalizeShared(this: Reference): void {
    const only = this.buffer.length === 1 ? this.buffer[0] : undefined;
    if (this.compress && only !== undefined && isShared.has(only)) {
      let bytes = deflated.get(only);
      if (bytes === undefined) {
        bytes = deflateSync(only);
        deflated.set(only, bytes);
        subsetCounts.compressed++;
      } else subsetCounts.compressedReused++;
      this.buffer = [bytes];
      this.compress = false;
    }
    finalize.call(this);
  };
  proto[PATCHED] = true;
}

/** Makes the subsets of `font` (one document's copy) reuse the bytes of any copy keyed `key`. */
export function shareSubsets(font: fontkit.Font, key: string): void {
  const target = font as unknown as { createSubset(): Subset };
  const create = target.createSubset;
  target.createSubset = function createSharedSubset(this: unknown): Subset {
    const subset = create.call(this) as Subset;
    const encode = subset.encode;
    subset.encode = function encodeShared(this: Subset): Uint8Array {
      // Read before encoding: a TrueType subset adds the parts of composite glyphs as it encodes.
      const k = `${key}\u0000${this.glyphs.join(',')}`;
      let bytes = encoded.get(k);
      if (bytes === undefined) {
        // A TrueType font's subset from glyph entries kept per process (ttf-subset.ts).
        bytes = encodeTrueTypeSubset(this, key, encode);
        subsetCounts.encoded++;
        if (typeof bytes === 'object' && bytes !== null) isShared.add(bytes);
        if (encoded.size >= MAX_ENCODED) encoded.delete(encoded.keys().next().value as string);
        encoded.set(k, bytes);
      } else subsetCounts.reused++;
      return bytes;
    };
    return subset;
  };
}
