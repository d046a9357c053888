import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { compose, loadText } from '../src/index.js';
import { fontData } from '../src/render/pdf/fonts.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { shareSubsets, subsetCounts } from '../src/render/pdf/shared-subset.js';

interface Subset {
  glyphs: number[];
  includeGlyph(id: number | fontkit.Glyph): number;
  encode(): Uint8Array;
}
type Font = fontkit.Font;

const DATA = fontData('regular');
const fresh = (): Font => fontkit.create(DATA) as Font;
const shared = (): Font => {
  const font = fresh();
  shareSubsets(font, 'test:DejaVuSans');
  return font;
};
const glyphsOf = (font: Font, text: string) =>
  [...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0).id);

/** A subset of `text`'s glyphs, in order, encoded. */
const encode = (font: Font, text: string) => {
  const subset = font.createSubset() as unknown as Subset;
  for (const id of glyphsOf(font, text)) subset.includeGlyph(id);
  return Buffer.from(subset.encode());
};

describe('font subsets shared by the documents of a process (shared-subset.ts)', () => {
  it('reuses the bytes of a subset of the same glyphs in the same order, equal to what fontkit encodes', () => {
    // é and Å are composite glyphs in DejaVu: encoding adds their parts to the subset.
    const text = 'Définir la stratégie Å 123';
    const before = { ...subsetCounts };
    const first = encode(shared(), text);
    const second = encode(shared(), text);
    expect(subsetCounts.encoded - before.encoded).toBe(1);
    expect(subsetCounts.reused - before.reused).toBe(1);
    expect(second.equals(first)).toBe(true);
    expect(second.equals(encode(fresh(), text))).toBe(true);
  });

  it('encodes again for other glyphs or another order', () => {
    const before = { ...subsetCounts };
    const a = encode(shared(), 'abc xyz');
    const b = encode(shared(), 'xyz abc');
    const c = encode(shared(), 'abc xyzé');
    expect(subsetCounts.encoded - before.encoded).toBe(3);
    expect(b.equals(encode(fresh(), 'xyz abc'))).toBe(true);
    expect(c.equals(encode(fresh(), 'abc xyzé'))).toBe(true);
    expect(a.equals(b)).toBe(false);
  });

  it('gives a document rendered again the same bytes, from reused subsets', async () => {
    const text = '# Team\n\n| Activity | PM | Dev |\n|---|---|---|\n| Définir la stratégie | A | R |\n';
    const model = loadText([{ file: 'team.md', text }]);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' });
    const date = new Date('2024-01-01T00:00:00Z');
    const first = await renderPdf(ir, { date });
    const before = { ...subsetCounts };
    const second = await renderPdf(ir, { date });
    expect(subsetCounts.encoded - before.encoded).toBe(0);
    expect(subsetCounts.reused - before.reused).toBeGreaterThan(0);
    expect(second.equals(first)).toBe(true);
  });

  it('deflates a shared subset once: a document rendered again embeds the same compressed font files', async () => {
    const { inflateSync } = await import('node:zlib');
    const text =
      '# Équipe\n\n| Activité | PM | Dev |\n|---|---|---|\n| Définir la stratégie ﬁnale | A | R |\n';
    const model = loadText([{ file: 'equipe.md', text }]);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' });
    const date = new Date('2024-01-01T00:00:00Z');
    const first = await renderPdf(ir, { date });
    const before = { ...subsetCounts };
    const second = await renderPdf(ir, { date });
    expect(subsetCounts.compressed - before.compressed).toBe(0);
    expect(subsetCounts.compressedReused - before.compressedReused).toBeGreaterThan(0);
    expect(second.equals(first)).toBe(true);
    // Each embedded font file, read back: a FlateDecode stream whose Length is its compressed
    // size, inflating to a TrueType font fontkit opens, with the glyphs the text needs.
    const pdf = second.toString('latin1');
    const files = [...pdf.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    for (const id of files) {
      const at = pdf.indexOf(`\n${id} 0 obj`);
      const dict = pdf.slice(at, pdf.indexOf('stream\n', at));
      expect(dict).toContain('/Filter /FlateDecode');
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const start = at + dict.length + 'stream\n'.length;
      expect(pdf.slice(start + length, start + length + 10)).toBe('\nendstream');
      const font = fontkit.create(inflateSync(second.subarray(start, start + length))) as Font;
      expect(font.numGlyphs).toBeGreaterThan(1);
    }
  });
});
