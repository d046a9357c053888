import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontDir } from '../src/render/pdf/fonts.js';
import { encodeTrueTypeSubset, type TrueTypeSubset, ttfSubsetCounts } from '../src/render/pdf/ttf-subset.js';

type Font = Omit<fontkit.Font, 'createSubset'> & {
  createSubset(): TrueTypeSubset;
  numGlyphs: number;
  loca: { version: number };
};

/** Every DejaVu file of the package: long `loca` offsets, and ExtraLight's short ones. */
const FILES = readdirSync(fontDir())
  .filter((f) => f.endsWith('.ttf'))
  .sort();
const DATA = new Map(FILES.map((f) => [f, readFileSync(join(fontDir(), f))]));
const open = (file: string) => fontkit.create(DATA.get(file) as Buffer) as unknown as Font;

/** A subset of `ids`, in that order, on a fresh copy of `file`. */
function subsetOf(file: string, ids: readonly number[]): TrueTypeSubset {
  const subset = open(file).createSubset();
  for (const id of ids) subset.includeGlyph(id);
  return subset;
}

/** fontkit's bytes and glyph list (encoding adds a composite's parts), and ours, for the same subset. */
function both(file: string, ids: readonly number[]) {
  const theirs = subsetOf(file, ids);
  const theirBytes = Buffer.from(theirs.encode());
  const ours = subsetOf(file, ids);
  const ourBytes = Buffer.from(encodeTrueTypeSubset(ours, `test:${file}`, ours.encode));
  return { theirs: theirBytes, ours: ourBytes, theirGlyphs: theirs.glyphs, ourGlyphs: ours.glyphs };
}

describe('TrueType subsets from glyph entries kept per process (ttf-subset.ts)', () => {
  it('covers fonts with both kinds of loca offsets', () => {
    const versions = new Set(FILES.map((f) => open(f).loca.version));
    expect(versions).toEqual(new Set([0, 1]));
  });

  it('gives the bytes fontkit encodes, for any glyph list of any DejaVu font, composites included', () => {
    const glyphLists = fc.array(fc.nat(), { minLength: 0, maxLength: 120 });
    fc.assert(
      fc.property(fc.constantFrom(...FILES), glyphLists, (file, raw) => {
        const count = open(file).numGlyphs;
        const ids = raw.map((n) => n % count);
        const before = ttfSubsetCounts.encoded;
        const { theirs, ours, theirGlyphs, ourGlyphs } = both(file, ids);
        expect(ttfSubsetCounts.encoded).toBe(before + 1);
        expect(ourGlyphs).toEqual(theirGlyphs);
        expect(ours.equals(theirs)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('renumbers a composite glyph’s parts per subset, from entries shared with other subsets', () => {
    const file = 'DejaVuSans.ttf';
    const font = open(file);
    const gid = (ch: string) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0).id;
    // é is a composite (e + acute) in DejaVu: its parts get other numbers in each subset.
    const lists = [
      [gid('é'), gid('a')],
      [gid('a'), gid('e'), gid('é')],
      [gid('é'), gid('e')],
    ];
    for (const ids of lists) {
      const { theirs, ours, theirGlyphs, ourGlyphs } = both(file, ids);
      expect(ourGlyphs).toEqual(theirGlyphs);
      expect(ourGlyphs.length).toBeGreaterThan(ids.length);
      expect(ours.equals(theirs)).toBe(true);
      // Read back: each glyph of the subset draws as the original glyph it stands for.
      const read = fontkit.create(ours) as unknown as Font;
      expect(read.numGlyphs).toBe(ourGlyphs.length);
      ourGlyphs.forEach((original, i) => {
        const glyph = read.getGlyph(i);
        const source = font.getGlyph(original);
        expect(glyph.advanceWidth).toBe(source.advanceWidth);
        expect(glyph.path.toSVG()).toBe(source.path.toSVG());
      });
    }
  });

  it('leaves fonts it does not cover (CFF outlines) to fontkit', () => {
    const cff = {
      font: { directory: { tables: { 'CFF ': {} } } },
      glyphs: [0],
      includeGlyph: () => 0,
      encode: () => new Uint8Array([1, 2, 3]),
    };
    const before = ttfSubsetCounts.encoded;
    expect([...encodeTrueTypeSubset(cff, 'test:cff', cff.encode)]).toEqual([1, 2, 3]);
    expect(ttfSubsetCounts.encoded).toBe(before);
  });
});
