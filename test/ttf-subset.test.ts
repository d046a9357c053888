import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

  /** `file`'s bytes with `edit` applied to a copy (the font's directory entry of `tag` at `at`). */
  function edited(file: string, edit: (bytes: Buffer, entry: (tag: string) => number) => void): Buffer {
    const bytes = Buffer.from(DATA.get(file) as Buffer);
    const entry = (tag: string) => {
      for (let i = 0; i < bytes.readUInt16BE(4); i++)
        if (bytes.toString('latin1', 12 + 16 * i, 16 + 16 * i) === tag) return 12 + 16 * i;
      throw new Error(`no ${tag}`);
    };
    edit(bytes, entry);
    return bytes;
  }

  /** fontkit's bytes and ours for a subset of `ids` of the font `data`, and whether ours read its own tables. */
  function bothOf(data: Buffer, ids: readonly number[], key: string) {
    const subset = () => {
      const s = (fontkit.create(data) as unknown as Font).createSubset();
      for (const id of ids) s.includeGlyph(id);
      return s;
    };
    const theirs = Buffer.from(subset().encode());
    const read = ttfSubsetCounts.read;
    const mine = subset();
    const ours = Buffer.from(encodeTrueTypeSubset(mine, key, mine.encode));
    return { theirs, ours, ownTables: ttfSubsetCounts.read === read + 1 };
  }

  it('reads the tables every subset holds from the font’s bytes, as fontkit encodes them, or leaves them to fontkit', () => {
    const ids = [0, 3, 36, 68, 200];
    let n = 0;
    // Every DejaVu file, and Carlito where it is installed (the DOCX side's metrics font).
    const carlito = '/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf';
    const files: [string, Buffer][] = [...DATA];
    if (existsSync(carlito)) files.push(['Carlito', readFileSync(carlito)]);
    for (const [file, data] of files) {
      const { theirs, ours, ownTables } = bothOf(data, ids, `test:own:${n++}`);
      expect(ownTables, file).toBe(true);
      expect(ours.equals(theirs), file).toBe(true);
    }
    // What fontkit's structs do not give back: macStyle's unnamed bits, hhea's reserved numbers.
    const styled = edited('DejaVuSans.ttf', (bytes, entry) => {
      const head = bytes.readUInt32BE(entry('head') + 8);
      bytes.writeUInt16BE(bytes.readUInt16BE(head + 44) | 0xff00, head + 44);
      const hhea = bytes.readUInt32BE(entry('hhea') + 8);
      bytes.writeInt16BE(-7, hhea + 26);
    });
    const own = bothOf(styled, ids, `test:own:${n++}`);
    expect(own.ownTables).toBe(true);
    expect(own.ours.equals(own.theirs)).toBe(true);
    // Tables fontkit reads otherwise (cvt of odd length, a longer head): fontkit's probe, same bytes.
    const odd = edited('DejaVuSans.ttf', (bytes, entry) => {
      bytes.writeUInt32BE(bytes.readUInt32BE(entry('cvt ') + 12) - 1, entry('cvt ') + 12);
    });
    const longer = edited('DejaVuSans-Bold.ttf', (bytes, entry) => {
      bytes.writeUInt32BE(56, entry('head') + 12);
    });
    for (const data of [odd, longer]) {
      const probed = bothOf(data, ids, `test:own:${n++}`);
      expect(probed.ownTables).toBe(false);
      expect(probed.ours.equals(probed.theirs)).toBe(true);
    }
  });

  it('decodes the outlines of composite glyphs only', () => {
    const font = open('DejaVuSans-Oblique.ttf');
    const proto = Object.getPrototypeOf(font.getGlyph(0)) as { _decode(): unknown };
    const decode = proto._decode;
    let decoded = 0;
    proto._decode = function (this: unknown) {
      decoded++;
      return decode.call(this);
    };
    try {
      const gid = (ch: string) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0).id;
      const { theirs, ours } = both('DejaVuSans-Oblique.ttf', [gid('a'), gid('b'), gid('é'), gid('c')]);
      expect(ours.equals(theirs)).toBe(true);
      decoded = 0;
      const subset = subsetOf('DejaVuSans-Oblique.ttf', [gid('x'), gid('y'), gid('ü'), gid('z')]);
      encodeTrueTypeSubset(subset, 'test:decoded', subset.encode);
      const count = decoded;
      proto._decode = decode;
      // ü and its parts: only composites were decoded (fontkit decodes every glyph's outline).
      const composites = subset.glyphs.filter(
        (id) =>
          ((font.getGlyph(id) as unknown as { _decode(): { numberOfContours: number } | null })._decode()
            ?.numberOfContours ?? 0) < 0,
      );
      expect(subset.glyphs.length).toBeGreaterThan(4);
      expect(composites.length).toBeGreaterThan(0);
      expect(count).toBe(composites.length);
    } finally {
      proto._decode = decode;
    }
  });
});
