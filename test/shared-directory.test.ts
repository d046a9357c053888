import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontData } from '../src/render/pdf/fonts.js';
import { directoryCounts, shareDirectories } from '../src/render/pdf/shared-directory.js';
import { renderTeam } from './pdf-helpers.js';

/**
 * A font's table directory decoded once per process for each (file, font in it), shared by the
 * copies documents make (render/pdf/shared-directory.ts): each copy reads its tables as before.
 */
interface Copy {
  stream: { pos: number };
  directory: { tables: Record<string, { offset: number; length: number }>; numTables: number };
  _directoryPos: number;
}

describe('table directories shared by the copies of a font (shared-directory.ts)', () => {
  it('decodes a file’s directory once, and gives each copy the tables fontkit decodes', () => {
    const data = Buffer.from(fontData('mono'));
    // What fontkit decodes with no sharing (another buffer of the same bytes: a file of its own).
    const plain = fontkit.create(Buffer.from(data)) as unknown as Copy & fontkit.Font;
    const first = fontkit.create(data) as unknown as Copy & fontkit.Font;
    shareDirectories(first);
    const before = { ...directoryCounts };
    const copies = [0, 1, 2].map(() => fontkit.create(data) as unknown as Copy & fontkit.Font);
    expect(directoryCounts.decoded).toBe(before.decoded);
    expect(directoryCounts.shared).toBe(before.shared + 3);
    for (const copy of copies) {
      expect(copy.directory).toBe(first.directory);
      expect(copy.directory).toEqual(plain.directory);
      // The copy's tables, read through its own getters: those of the font.
      expect(copy.unitsPerEm).toBe(plain.unitsPerEm);
      expect(copy.glyphForCodePoint(0x41).advanceWidth).toBe(plain.glyphForCodePoint(0x41).advanceWidth);
      expect(copy.layout('AVATAR office').glyphs.map((g) => g.id)).toEqual(
        plain.layout('AVATAR office').glyphs.map((g) => g.id),
      );
    }
    // Another file is decoded (once), not given this one's directory.
    const other = Buffer.from(fontData('bold'));
    fontkit.create(other);
    expect(directoryCounts.decoded).toBe(before.decoded + 1);
    expect((fontkit.create(other) as unknown as Copy).directory).not.toBe(first.directory);
    expect(directoryCounts.decoded).toBe(before.decoded + 1);
  });

  it('keeps the fonts of a collection apart (a directory per font in the file)', () => {
    const ttc = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    if (!existsSync(ttc)) return;
    const data = readFileSync(ttc);
    const jp = fontkit.create(data, 'NotoSansCJKjp-Regular') as unknown as Copy;
    shareDirectories(jp);
    const kr = fontkit.create(data, 'NotoSansCJKkr-Regular') as unknown as Copy & fontkit.Font;
    const jp2 = fontkit.create(data, 'NotoSansCJKjp-Regular') as unknown as Copy & fontkit.Font;
    expect(jp2.directory).toBe(jp.directory);
    expect(kr._directoryPos).not.toBe(jp._directoryPos);
    expect(kr.directory).not.toBe(jp.directory);
    expect(kr.postscriptName).toBe('NotoSansCJKkr-Regular');
    expect(jp2.postscriptName).toBe('NotoSansCJKjp-Regular');
  });

  it('leaves a PDF’s bytes as they were', async () => {
    const chart =
      '# Plan\n\n**Strategie** plain `code` text, *office*.\n\n| Activity | PM |\n|---|---|\n| Plan | A |\n';
    const a = await renderTeam(chart);
    const shared = directoryCounts.shared;
    const b = await renderTeam(chart);
    // The second document's copies took the directories of the first's fonts.
    expect(directoryCounts.shared).toBeGreaterThan(shared);
    expect(b.pdf.equals(a.pdf)).toBe(true);
  });
});
