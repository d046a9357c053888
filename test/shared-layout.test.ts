import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutCounts, shareLayouts } from '../src/render/pdf/shared-layout.js';
import { expectLikeFontkit, type Font, fresh, type Run, seen, word } from './font-copies.js';

/**
 * A copy as fonts.ts makes one per document: its layouts shared under the font's key. Tests that
 * count replays pass a key of their own: a layout recorded by another test (the property's random
 * words include 'office' after 'ﬃ') is a correct replay there, and would change the count.
 */
const shared = (key = 'test:DejaVuSans'): Font => {
  const font = fresh();
  shareLayouts(font, key);
  return font;
};

describe('shaping shared by the font copies of a process (shared-layout.ts)', () => {
  it('gives every copy what fontkit gives it, glyph objects and their characters included, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), word), { maxLength: 40 }), (steps) => {
        // Three documents' copies of the font, shaping words in turn, with and without sharing.
        const plain = [fresh(), fresh(), fresh()];
        const sharing = [shared(), shared(), shared()];
        expectLikeFontkit(plain, sharing, steps);
      }),
      { numRuns: 50 },
    );
  });

  it('replays a word another copy shaped instead of shaping it again', () => {
    const [a, b] = [shared('test:replays'), shared('test:replays')];
    const before = { ...layoutCounts };
    const first = a.layout('AVATAR office');
    const second = b.layout('AVATAR office');
    expect(layoutCounts.shaped - before.shaped).toBe(1);
    expect(layoutCounts.replayed - before.replayed).toBe(1);
    expect(seen(second)).toEqual(seen(first));
    expect(second.glyphs[0]).not.toBe(first.glyphs[0]);
    // Kerned (A V) and with the ffi ligature: shaping was not skipped, only done once.
    expect(second.glyphs.map((g) => g.codePoints.length)).toContain(3);
    expect(second.positions[0]?.xAdvance).not.toBe(fresh().glyphForCodePoint(0x41).advanceWidth);
  });

  it('shapes again in a copy whose glyph was first made from other characters', () => {
    const [a, b] = [shared('test:shapes-again'), shared('test:shapes-again')];
    a.layout('office');
    // In b, the ffi ligature's glyph is first made from U+FB03, the character that draws it alone.
    b.layout('ﬃ');
    const before = { ...layoutCounts };
    const run = b.layout('office');
    expect(layoutCounts.replayed - before.replayed).toBe(0);
    expect(seen(run)).toEqual(
      seen(
        (() => {
          const f = fresh();
          f.layout('ﬃ');
          return f.layout('office');
        })(),
      ),
    );
    expect(run.glyphs[1]?.codePoints).toEqual([0xfb03]);
  });

  it('shapes Arabic again where the letters a copy made first change the result', () => {
    // In a copy that has drawn يي, the glyph of U+FEF3 (ﻳ) was made from U+064A: fontkit then joins
    // بﻳ differently than in a copy that has not. Each copy gets its own answer.
    const [a, b] = [shared('test:arabic'), shared('test:arabic')];
    const reference = [fresh(), fresh()];
    (reference[1] as Font).layout('يي');
    b.layout('يي');
    const first = a.layout('بﻳ');
    const second = b.layout('بﻳ');
    expect(seen(first)).toEqual(seen((reference[0] as Font).layout('بﻳ')));
    expect(seen(second)).toEqual(seen((reference[1] as Font).layout('بﻳ')));
    expect(seen(second).glyphs).not.toEqual(seen(first).glyphs);
  });

  it('leaves calls with features, a script or a direction to fontkit', () => {
    const font = shared();
    const before = { ...layoutCounts };
    const run = (font as unknown as { layout(t: string, f: string[]): Run }).layout('office', ['liga']);
    expect(layoutCounts).toEqual(before);
    expect(seen(run)).toEqual(
      seen((fresh() as unknown as { layout(t: string, f: string[]): Run }).layout('office', ['liga'])),
    );
  });
});
