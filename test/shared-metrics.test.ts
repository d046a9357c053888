import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontDir } from '../src/render/pdf/fonts.js';
import { metricsCounts, shareGlyphMetrics } from '../src/render/pdf/shared-metrics.js';

interface Glyph {
  advanceWidth: number;
  _getMetrics(): object;
}
interface Font {
  _tables: object;
  numGlyphs: number;
  getGlyph(id: number): Glyph;
  layout(text: string): { positions: object[]; glyphs: { id: number }[] };
}

const FILES = readdirSync(fontDir())
  .filter((f) => f.endsWith('.ttf'))
  .sort();
const DATA = new Map(FILES.map((f) => [f, readFileSync(join(fontDir(), f))]));
const open = (file: string) => fontkit.create(DATA.get(file) as Buffer) as unknown as Font;
/** Two copies of a font file sharing its decoded tables, as fonts.ts's `freshCopy` makes them. */
const copies = (file: string): [Font, Font] => {
  const a = open(file);
  const b = open(file);
  b._tables = a._tables;
  return [a, b];
};

shareGlyphMetrics(open('DejaVuSans.ttf').getGlyph(0));

describe('glyph metrics shared by the copies of a font file (shared-metrics.ts)', () => {
  it('gives every glyph the metrics fontkit works out for it alone, for any DejaVu file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (file, raw) => {
          const [first, second] = copies(file);
          const alone = open(file); // tables of its own: fontkit's own computation
          const ids = raw.map((n) => n % alone.numGlyphs);
          for (const id of ids) first.getGlyph(id)._getMetrics();
          const before = metricsCounts.shared;
          for (const id of ids) {
            const metrics = second.getGlyph(id)._getMetrics();
            expect(metrics).toEqual(alone.getGlyph(id)._getMetrics());
            // The very object the first copy worked out.
            expect(metrics).toBe(first.getGlyph(id)._getMetrics());
          }
          expect(metricsCounts.shared - before).toBeGreaterThanOrEqual(new Set(ids).size);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lays out text with the same advances on a copy that shares them', () => {
    const [first, second] = copies('DejaVuSans-Bold.ttf');
    const alone = open('DejaVuSans-Bold.ttf');
    const text = 'Définir la stratégie AVATAR office ﬁnale — 123';
    first.layout(text);
    const shared = second.layout(text);
    const own = alone.layout(text);
    expect(shared.positions).toEqual(own.positions);
    expect(shared.glyphs.map((g) => (g as unknown as Glyph).advanceWidth)).toEqual(
      own.glyphs.map((g) => (g as unknown as Glyph).advanceWidth),
    );
  });
});
