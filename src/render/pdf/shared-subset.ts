/**
 * The font subsets a process embeds, encoded once for each (font file, glyph list). pdfkit asks
 * fontkit for a subset of each font a document used, at the end of every document; encoding it
 * (copying and re-encoding each glyph's outline, the loca, hmtx and head tables) was 7% of a warm
 * render of the team charter, and the same document, or one using the same glyphs in the same
 * order, gives the same glyph list again: `build --watch` renders a changed charter again and
 * again with nearly always the same letters. The subset's bytes depend only on the font's tables
 * and the glyph ids in the order the document first used them, which is the key.
 */
import type * as fontkit from 'fontkit';

interface Subset {
  glyphs: number[];
  encode(): unknown;
}

const encoded = new Map<string, unknown>();
/** Subsets are 10–100 KB (CJK more); a few dozen cover the documents of a build's fonts. */
const MAX_ENCODED = 64;

/** How many subsets were encoded by fontkit and how many reused, since the process started. */
export const subsetCounts = { encoded: 0, reused: 0 };

/** Makes the subsets of `font` (one document's copy) reuse the bytes of any copy keyed `key`. */
export function shareSubsets(font: fontkit.Font, key: string): void {
  const target = font as unknown as { createSubset(): Subset };
  const create = target.createSubset;
  target.createSubset = function createSharedSubset(this: unknown): Subset {
    const subset = create.call(this) as Subset;
    const encode = subset.encode;
    subset.encode = function encodeShared(this: Subset): unknown {
      // Read before encoding: a TrueType subset adds the parts of composite glyphs as it encodes.
      const k = `${key}\u0000${this.glyphs.join(',')}`;
      let bytes = encoded.get(k);
      if (bytes === undefined) {
        bytes = encode.call(this);
        subsetCounts.encoded++;
        if (encoded.size >= MAX_ENCODED) encoded.delete(encoded.keys().next().value as string);
        encoded.set(k, bytes);
      } else subsetCounts.reused++;
      return bytes;
    };
    return subset;
  };
}
