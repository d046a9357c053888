import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fastLocaTable } from '../src/render/pdf/fast-loca.js';
import { fontDir } from '../src/render/pdf/fonts.js';

/** DejaVu's files (long offsets, and ExtraLight's short ones), and Carlito where the system has it. */
const FILES = [
  ...readdirSync(fontDir())
    .filter((f) => f.endsWith('.ttf'))
    .map((f) => join(fontDir(), f)),
  '/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf',
].filter((f) => existsSync(f));

interface Tables {
  loca: { version: number; offsets: number[] } & Record<string, unknown>;
  _tables: Record<string, unknown>;
  getGlyph(id: number): { advanceWidth: number; path: { toSVG(): string } };
  numGlyphs: number;
}

const open = (path: string) => fontkit.create(readFileSync(path)) as unknown as Tables;

describe("a font's loca table read in one loop (fast-loca.ts)", () => {
  it.each(FILES)('equals what fontkit decodes, in %s', (path) => {
    const theirs = open(path);
    const ours = open(path);
    fastLocaTable(ours);
    expect(Object.keys(ours._tables)).toContain('loca');
    expect(ours._tables.loca).toEqual({ ...theirs.loca });
    expect(Object.keys(ours.loca)).toEqual(Object.keys(theirs.loca));
    // Glyphs read through it: the same outlines and advances.
    for (const id of [0, 1, 36, Math.floor(theirs.numGlyphs / 2), theirs.numGlyphs - 1]) {
      expect(ours.getGlyph(id).path.toSVG()).toBe(theirs.getGlyph(id).path.toSVG());
      expect(ours.getGlyph(id).advanceWidth).toBe(theirs.getGlyph(id).advanceWidth);
    }
  });

  it('covers both lengths of offsets among the files it was checked on', () => {
    const versions = new Set(FILES.map((path) => open(path).loca.version));
    expect([...versions].sort()).toEqual([0, 1]);
  });

  it('leaves a table already decoded alone', () => {
    const font = open(FILES[0] as string);
    const decoded = font.loca;
    fastLocaTable(font);
    expect(font.loca).toBe(decoded);
  });
});
