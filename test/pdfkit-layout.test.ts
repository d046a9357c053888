import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontData } from '../src/render/pdf/fonts.js';
import { appendingLayout, appendLayoutRuns, pdfkitOwnLayout } from '../src/render/pdf/pdfkit-layout.js';

interface Run {
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}
type Layout = (text: string, features?: unknown, onlyWidth?: boolean) => Run;

/** A pdfkit embedded font of DejaVu Sans, opened in a document, and pdfkit's own `layout`. */
function embedded() {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('body', fontData('regular'));
  doc.font('body');
  const font = (doc as unknown as { _font: object })._font;
  // pdfkit's own, even when a test file before this one in the same worker rendered a PDF.
  const original = pdfkitOwnLayout(font) as Layout;
  return { font, original };
}

// Words, spaces and tabs, ligatures and kerning pairs, accents, marks, Arabic and an emoji.
const piece = fc.constantFrom(
  'a',
  'office',
  'AV',
  'To',
  ' ',
  '  ',
  '\t',
  'é',
  'e\u0301',
  'سلام',
  '✓',
  '😀',
  '',
);

describe("pdfkit's text layout without concat (pdfkit-layout.ts)", () => {
  it('gives what pdfkit gives: the same glyphs and positions, in order, and the same width', () => {
    const { font, original } = embedded();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, onlyWidth) => {
        const text = pieces.join('');
        const theirs = original.call(font, text, undefined, onlyWidth);
        const ours = appendingLayout.call(font as never, text, undefined, onlyWidth) as Run;
        expect(ours.advanceWidth).toBe(theirs.advanceWidth);
        if (onlyWidth) {
          expect(ours.glyphs).toBeNull();
          expect(ours.positions).toBeNull();
        } else {
          // The very objects of the cached runs, not copies.
          expect(ours.glyphs?.length).toBe(theirs.glyphs?.length);
          expect(ours.positions?.length).toBe(theirs.positions?.length);
          for (const [i, g] of (ours.glyphs ?? []).entries()) expect(g).toBe(theirs.glyphs?.[i]);
          for (const [i, p] of (ours.positions ?? []).entries()) expect(p).toBe(theirs.positions?.[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is what pdfkit’s embedded fonts use once patched', () => {
    const { font, original } = embedded();
    expect(original).not.toBe(appendingLayout);
    expect(String(original)).toContain('concat');
    appendLayoutRuns(font);
    expect((Object.getPrototypeOf(font) as { layout: Layout }).layout).toBe(appendingLayout);
    expect((embedded().font as unknown as { layout: Layout }).layout).toBe(appendingLayout);
  });
});
