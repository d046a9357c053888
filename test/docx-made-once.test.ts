import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textPoints } from '../src/render/docx/header-fit.js';
import { DEFAULT_LOOK, lookFor } from '../src/render/docx/look.js';
import { bodyFlow } from '../src/render/docx/pages/body.js';
import { carlito } from '../src/render/docx/pages/metrics.js';
import { characterSettings, styleSettings } from '../src/render/docx/pages/styles.js';
import { stylesXml } from '../src/render/docx/styles.js';

/**
 * What the DOCX writer works out once per process and reuses (issue 16, round six): each word's
 * width for the matrix planner, and the styles part for a language and look. Reused, each must be
 * what working it out again gives.
 */

/** header-fit.ts's widths, worked out for every call: Calibri Bold's advances by kind of character. */
function widthAnew(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    em +=
      ch === ' '
        ? 0.23
        : (cp >= 0x1100 && cp <= 0x115f) ||
            (cp >= 0x2e80 && cp <= 0xa4cf) ||
            (cp >= 0xac00 && cp <= 0xd7a3) ||
            (cp >= 0xf900 && cp <= 0xfaff) ||
            (cp >= 0xfe30 && cp <= 0xfe4f) ||
            (cp >= 0xff00 && cp <= 0xff60) ||
            (cp >= 0xffe0 && cp <= 0xffe6) ||
            cp >= 0x20000
          ? 1
          : /[0-9]/.test(ch)
            ? 0.51
            : /[mwMW]/.test(ch)
              ? 0.82
              : /[iljtfrI.,:;'’|!]/.test(ch)
                ? 0.3
                : /\p{Lu}/u.test(ch)
                  ? 0.62
                  : /\p{L}/u.test(ch)
                    ? 0.52
                    : 0.45;
  }
  return em * size * 1.04;
}

describe('a word’s width for the matrix planner (header-fit.ts)', () => {
  it('is what measuring it anew gives, at any size, asked in any order and again', () => {
    const word = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('Site Reliability Engineer', 'مالك المنتج', '開発者', 'W', ''),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.double({ min: 4, max: 40, noNaN: true })), { maxLength: 20 }),
        (asks) => {
          for (const [text, size] of [...asks, ...asks.reverse()])
            expect(textPoints(text, size)).toBe(widthAnew(text, size));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the styles part (styles.ts)', () => {
  it('is the same for the same language and look, whatever object the look is, and another for another', () => {
    expect(lookFor(undefined)).toBe(DEFAULT_LOOK);
    const copy = structuredClone(DEFAULT_LOOK);
    const en = stylesXml('en', DEFAULT_LOOK);
    expect(stylesXml('en', copy)).toBe(en);
    expect(stylesXml('de', DEFAULT_LOOK)).not.toBe(en);
    expect(stylesXml('de', DEFAULT_LOOK)).toContain('w:val="de"');
    // A look that differs in one field, or only in its page, is another part.
    const serif = { ...DEFAULT_LOOK, font: 'Cambria' };
    expect(stylesXml('en', serif)).toContain('Cambria');
    expect(stylesXml('en', serif)).not.toBe(en);
    const bigger = { ...DEFAULT_LOOK, scale: 1.5 };
    expect(stylesXml('en', bigger)).not.toBe(en);
    expect(stylesXml('en', DEFAULT_LOOK)).toBe(en);
    // Asked after the others, the first is still what it was.
    expect(stylesXml('en', copy)).not.toContain('Cambria');
  });
});

describe('a cell that stands in many rows, measured once (pages/body.ts)', () => {
  const metrics = carlito();
  const ctx = () => ({
    metrics: metrics as NonNullable<typeof metrics>,
    styles: styleSettings(),
    characters: characterSettings(),
    notes: new Map<string, string>([
      ['1', 'A note under the table, long enough to take two lines of its own.'],
    ]),
    noteWidth: 200,
    listIndent: (level: number) => 360 * (level + 1),
  });
  const run = (t: string) => ({ 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, t] }] });
  const cell = (width: number, text: string, extra: unknown[] = []) => ({
    'w:tc': [
      { 'w:tcPr': [{ 'w:tcW': { _attr: { 'w:w': width, 'w:type': 'dxa' } } }] },
      { 'w:p': [run(text), ...extra] },
    ],
  });
  const table = (style: string | undefined, rows: unknown[][]) => ({
    'w:tbl': [
      { 'w:tblPr': style ? [{ 'w:tblStyle': { _attr: { 'w:val': style } } }] : [] },
      ...rows.map((cells) => ({ 'w:tr': cells })),
    ],
  });
  const sectPr = { 'w:sectPr': [] };

  it.runIf(metrics)('gives the rows of measuring every place anew, in tables of other margins too', () => {
    const code = cell(400, 'A/R');
    const noted = cell(900, 'Review the plan', [
      { 'w:bookmarkStart': { _attr: { 'w:id': 1, 'w:name': 'mark' } } },
      { 'w:r': [{ 'w:footnoteReference': { _attr: { 'w:id': 1 } } }] },
    ]);
    const name = (t: string) => cell(2000, t);
    const body = {
      'w:body': [
        table('RolemarkMatrix', [
          [name('Plan the quarter'), code, code],
          [name('Ship a release that needs a long name to wrap'), code, noted],
          [name('Review'), noted, code],
        ]),
        table('RolemarkLegend', [[code, noted], [code]]),
        table(undefined, [[code], [noted, code]]),
        sectPr,
      ],
    };
    const one = ctx();
    // A copy in which no object stands twice (structuredClone would keep the sharing).
    const anew = bodyFlow(JSON.parse(JSON.stringify(body)), one);
    expect(bodyFlow(body, one)).toEqual(anew);
    // Asked again, and in another document's context: the same.
    expect(bodyFlow(body, one)).toEqual(anew);
    expect(bodyFlow(body, ctx())).toEqual(anew);
    // The legend's smaller margins make its rows shorter than the matrix's with the same cell.
    const [matrix, legend, plain] = anew as { kind: string; rows: { height: number; notes: number[] }[] }[];
    expect(legend?.rows[1]?.height).toBeLessThan(matrix?.rows[0]?.height ?? 0);
    expect(plain?.rows[0]?.height).not.toBe(matrix?.rows[0]?.height);
    expect(matrix?.rows.map((r) => r.notes.length)).toEqual([0, 1, 1]);
  });
});
