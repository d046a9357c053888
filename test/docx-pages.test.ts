import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOK } from '../src/render/docx/look.js';
import { bodyFlow } from '../src/render/docx/pages/body.js';
import type { Flow, Paragraph, Row } from '../src/render/docx/pages/flow.js';
import { ownEstimator, typesetPages } from '../src/render/docx/pages/index.js';
import { carlito, carlitoIn } from '../src/render/docx/pages/metrics.js';
import { paginate } from '../src/render/docx/pages/paginate.js';
import { characterSettings, styleSettings } from '../src/render/docx/pages/styles.js';
import { tempDir } from './helpers.js';

/**
 * Our own page-number estimate for the DOCX contents (src/render/docx/pages/): the pagination rules
 * on flows made by hand, where each answer can be worked out on paper, and Carlito's metrics. How
 * its pages compare with LibreOffice's on whole charters is test/docx-pages.e2e.test.ts's.
 */

/** A page whose text area is 100 points tall. */
const PAGE = 100;
const end: Flow = { kind: 'section', height: PAGE };

const para = (lines: number, options: Partial<Paragraph> = {}): Paragraph => ({
  kind: 'p',
  lines: Array.from({ length: lines }, () => 10),
  spacing: 1,
  before: 0,
  after: 0,
  keepNext: false,
  keepLines: false,
  widowControl: true,
  pageBreak: false,
  bookmarks: [],
  notes: [],
  ...options,
});
const row = (height: number, options: Partial<Row> = {}): Row => ({
  height,
  cantSplit: true,
  header: false,
  keepNext: false,
  bookmarks: [],
  notes: [],
  ...options,
});
const pageOf = (flow: Flow[], name: string) => paginate(flow).bookmarks.get(name);

describe('paginate', () => {
  it('breaks a paragraph between lines, never leaving its last line alone at the top of a page', () => {
    // 8 lines of 10 fill 80; a paragraph of 3 lines has room for 2: widow control moves 2 lines
    // (the orphan rule then moves the first too, as one line would be left alone): all of it.
    const flow = [para(8), para(3, { bookmarks: ['x'] }), para(1, { bookmarks: ['after'] }), end];
    expect(pageOf(flow, 'x')).toBe(2);
    // Without widow control 2 lines stay, and the next paragraph follows the third on page 2.
    const loose = [para(8), para(3, { widowControl: false, bookmarks: ['x'] }), end];
    expect(pageOf(loose, 'x')).toBe(1);
    // 6 lines with room for 5: 4 stay, 2 go (the last never alone).
    const trace: [number, number][] = [];
    paginate([para(5), para(6), para(1, { bookmarks: ['next'] }), end], (_i, page, y) =>
      trace.push([page, y]),
    );
    expect(trace[1]).toEqual([2, 20]);
  });

  it('keeps a heading with the first lines of what follows it, unless the chain is longer than a page', () => {
    const heading = para(1, { keepNext: true, bookmarks: ['h'] });
    // 8 lines, the heading fits at 90, the paragraph after it does not: both go on.
    expect(pageOf([para(8), heading, para(4), end], 'h')).toBe(2);
    // The same with room for the heading and two lines of the paragraph: it stays.
    expect(pageOf([para(6), heading, para(4), end], 'h')).toBe(1);
    // A chain of keeps taller than a page is given up: the heading stays where it is.
    const chain = Array.from({ length: 12 }, () => para(1, { keepNext: true }));
    expect(pageOf([para(5), { ...heading }, ...chain, para(1), end], 'h')).toBe(1);
  });

  it('takes the larger of the space after a paragraph and before the next, none at the top of a page', () => {
    const trace: number[] = [];
    const flow = [
      para(1, { after: 6 }),
      para(1, { before: 10 }),
      para(9, { before: 20, keepLines: true }),
      end,
    ];
    paginate(flow, (_i, _page, y) => trace.push(y));
    // 10, then max(6, 10) + 10 = 30, then the 9 lines kept together (90) do not fit below 30 + 20:
    // a new page, whose top leaves the 20 points out.
    expect(trace).toEqual([10, 30, 90]);
  });

  it('moves a row that may not split whole, and repeats the header rows above it', () => {
    const table: Flow = {
      kind: 'table',
      rows: [
        row(20, { header: true }),
        ...Array.from({ length: 5 }, (_, i) => row(15, { bookmarks: [`r${i}`] })),
      ],
    };
    const trace: [number, number][] = [];
    const pages = paginate([para(1), table, end], (_i, page, y) => trace.push([page, y]));
    // 10 + 20 + 4 × 15 = 90; the fifth row goes to page 2, under the repeated header: 20 + 15.
    expect(pages.bookmarks.get('r3')).toBe(1);
    expect(pages.bookmarks.get('r4')).toBe(2);
    expect(trace[1]).toEqual([2, 35]);
  });

  it('keeps a group row with the row under it', () => {
    const table: Flow = {
      kind: 'table',
      rows: [row(15), row(15), row(15), row(15), row(15, { keepNext: true, bookmarks: ['band'] }), row(15)],
    };
    // 15 + 4 × 15 = 75, the band fits at 90 but the row it keeps with does not.
    expect(pageOf([para(1, { lines: [15] }), table, end], 'band')).toBe(2);
  });

  it("moves a table's header rows on with the run of rows kept with the next under them", () => {
    // The matrix's key row and header (repeated), its first rows kept with the next, then the rest.
    const matrix = (bookmark: string): Flow => ({
      kind: 'table',
      rows: [
        row(10, { header: true, keepNext: true, bookmarks: [bookmark] }),
        row(10, { header: true, keepNext: true }),
        ...Array.from({ length: 3 }, () => row(10, { keepNext: true })),
        row(10, { bookmarks: [`${bookmark}-4`] }),
        row(10),
      ],
    });
    // After 50 points there is room for the headers and 3 rows, not the 4 that keep together: the
    // whole table goes on (one row of look-ahead would have left 2 headers and 2 rows behind).
    expect(pageOf([para(5), matrix('m'), end], 'm')).toBe(2);
    // After 40 the headers and all 4 rows fit: the table starts here, the fifth row and on follow.
    const pages = paginate([para(4), matrix('m'), end]);
    expect([pages.bookmarks.get('m'), pages.bookmarks.get('m-4')]).toEqual([1, 1]);
    // The space after the paragraph before the table counts: 40 + 6 + 60 > 100.
    expect(pageOf([para(4, { after: 6 }), matrix('m'), end], 'm')).toBe(2);
    // A run of kept rows in the middle of a table goes on whole, under the repeated headers.
    const middle: Flow = {
      kind: 'table',
      rows: [
        row(10, { header: true }),
        ...Array.from({ length: 5 }, () => row(10)),
        row(10, { keepNext: true, bookmarks: ['run'] }),
        row(10, { keepNext: true }),
        row(10),
      ],
    };
    // After 10 + 10 + 50 the run of 3 (30) fills the page to 100; after 20 + 10 + 50 it goes on.
    expect(pageOf([para(1), middle, end], 'run')).toBe(1);
    expect(pageOf([para(2), middle, end], 'run')).toBe(2);
    // A run taller than a page is given up: its rows break where they fill the page.
    const long: Flow = {
      kind: 'table',
      rows: [
        row(10, { header: true }),
        ...Array.from({ length: 12 }, (_, i) => row(10, { keepNext: true, bookmarks: [`k${i}`] })),
        row(10),
      ],
    };
    expect(pageOf([para(5), long, end], 'k0')).toBe(1);
  });

  it('leaves room at the foot of the page for the footnotes referred to on it', () => {
    const noted = para(1, { notes: [15], bookmarks: ['noted'] });
    // 8 lines, then a line with a note of 15 (and the separator): 80 + 10 + 15 + 6.5 > 100.
    expect(pageOf([para(8), noted, end], 'noted')).toBe(2);
    expect(pageOf([para(6), noted, end], 'noted')).toBe(1);
  });

  it("keeps a table row whose footnote does not fit on the page, and sets the note on the next page's foot", () => {
    const table = (rest: Row[]): Flow => ({
      kind: 'table',
      rows: [row(10), row(10, { notes: [15], bookmarks: ['noted'] }), ...rest],
    });
    // 70 + 10, then the noted row fits at 90 but its note (15 + 6.5) does not: the row stays.
    expect(pageOf([para(7), table([]), end], 'noted')).toBe(1);
    // The note opens page 2's foot (21.5): 7 rows of 10 fit above it, not 8. The first row after
    // the noted one fills page 1.
    const rows = Array.from({ length: 9 }, (_, i) => row(10, { bookmarks: [`n${i}`] }));
    const pages = paginate([para(7), table(rows), end]);
    expect(['n0', 'n1', 'n7', 'n8'].map((b) => pages.bookmarks.get(b))).toEqual([1, 2, 2, 3]);
  });

  it('starts each section on a new page, and counts the pages of each', () => {
    // A section's properties come at its end: the second section's text area is 60 points tall.
    const landscape: Flow = { kind: 'section', height: 60 };
    const flow = [para(3), end, para(7, { bookmarks: ['wide'] }), landscape];
    const pages = paginate(flow);
    expect(pages.bookmarks.get('wide')).toBe(2);
    // 7 lines on a 60-point page: 6 fit, but the last may not go alone: 5 and 2.
    expect(pages.sectionPageCounts).toEqual([1, 2]);
    expect(pages.pageCount).toBe(3);
  });

  it('fits a line whose single height fits, its extra line spacing hanging below the text area', () => {
    const spaced = (options: Partial<Paragraph>) => para(1, { lines: [11], spacing: 1.1, ...options });
    // 90 + 10 (11 / 1.1) = 100: it fits; a line of 11 at single spacing does not.
    expect(pageOf([para(9), spaced({ bookmarks: ['s'] }), end], 's')).toBe(1);
    expect(pageOf([para(9), spaced({ spacing: 1, bookmarks: ['s'] }), end], 's')).toBe(2);
  });

  it('ends a page at a page break', () => {
    const flow = [para(1, { pageBreak: true }), para(1, { bookmarks: ['next'] }), end];
    expect(pageOf(flow, 'next')).toBe(2);
  });
});

describe("Carlito's metrics", () => {
  const installed = carlito();

  it('are found in the folder given, where Debian installs them (CI installs fonts-crosextra-carlito)', () => {
    const debian = '/usr/share/fonts/truetype/crosextra';
    expect(carlitoIn(['/nonexistent', debian]) !== undefined).toBe(
      existsSync(`${debian}/Carlito-Regular.ttf`),
    );
    // Only the regular face in a folder of one's own (ROLEMARK_CARLITO): the others fall back on it.
    if (existsSync(`${debian}/Carlito-Regular.ttf`)) {
      const own = tempDir();
      copyFileSync(`${debian}/Carlito-Regular.ttf`, join(own, 'Carlito-Regular.ttf'));
      expect(carlitoIn([own])?.width('A', 'bold', 2048)).toBeCloseTo(1185, 5);
    }
  });

  it.runIf(installed)('are Calibri’s widths, with a fallback for what Carlito lacks', () => {
    const m = installed as NonNullable<typeof installed>;
    // Calibri's advance widths (units per em 2048): A 1185, bold A 1241.
    expect(m.width('A', 'regular', 2048)).toBeCloseTo(1185, 5);
    expect(m.width('A', 'bold', 2048)).toBeCloseTo(1241, 5);
    // Japanese, which Carlito lacks, is set full width (1 em) in LibreOffice's Noto Sans CJK.
    expect(m.width('日本', 'regular', 10)).toBeCloseTo(20, 5);
    // Arabic falls back on DejaVu Sans, never on nothing.
    expect(m.width('مدير', 'regular', 10)).toBeGreaterThan(10);
    expect(m.line).toBeCloseTo(2500 / 2048, 5);
  });

  it('are missing where Carlito is not installed: docx’s estimate is used instead', () => {
    expect(carlitoIn(['/nonexistent/fonts'])).toBeUndefined();
    expect(ownEstimator(DEFAULT_LOOK, new Map(), null)).toBeUndefined();
  });

  it.runIf(installed)('are used only for documents in Calibri', () => {
    expect(ownEstimator(DEFAULT_LOOK, new Map())).toBeTypeOf('function');
    expect(ownEstimator({ ...DEFAULT_LOOK, font: 'Georgia' }, new Map())).toBeUndefined();
  });
});

describe('typesetPages on a formatted body', () => {
  const metrics = carlito();
  const ctx = () => ({
    metrics: metrics as NonNullable<typeof metrics>,
    styles: styleSettings(),
    characters: characterSettings(),
    notes: new Map<string, string>(),
    noteWidth: 480,
    listIndent: (level: number) => 360 * (level + 1),
  });
  const text = (t: string, bookmark?: string) => ({
    'w:p': [
      ...(bookmark ? [{ 'w:bookmarkStart': { _attr: { 'w:id': 1, 'w:name': bookmark } } }] : []),
      { 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, t] }] },
    ],
  });
  /** A4 portrait with 2 cm margins: a text area 728.5 points tall and 481.9 wide. */
  const sectPr = (landscape = false) => ({
    'w:sectPr': [
      { 'w:pgSz': { _attr: landscape ? { 'w:w': 16838, 'w:h': 11906 } : { 'w:w': 11906, 'w:h': 16838 } } },
      { 'w:pgMar': { _attr: { 'w:top': 1134, 'w:right': 1134, 'w:bottom': 1134, 'w:left': 1134 } } },
    ],
  });

  it.runIf(metrics)('counts a picture in the line as tall as it is (a logo on the cover)', () => {
    const picture = (points: number) => ({
      'w:p': [
        {
          'w:r': [
            {
              'w:drawing': [
                { 'wp:inline': [{ 'wp:extent': { _attr: { cx: points * 12700, cy: points * 12700 } } }] },
              ],
            },
          ],
        },
      ],
    });
    const body = (points: number) => ({
      'w:body': [picture(points), text('After the logo', 'after'), sectPr()],
    });
    // 720 + 6 + a line of 12.2 points do not fit in 728.5; 700 and the line do.
    expect(typesetPages(body(720), ctx()).bookmarks.get('after')).toBe('2');
    expect(typesetPages(body(700), ctx()).bookmarks.get('after')).toBe('1');
    expect(typesetPages(body(100), ctx()).bookmarks.get('after')).toBe('1');
  });

  it.runIf(metrics)(
    "wraps text at the width of the page less the style's indents, in each section's size",
    () => {
      const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
      const para = {
        'w:p': [{ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': 'BodyText' } } }] }, ...text(words)['w:p']],
      };
      const flow = bodyFlow({ 'w:body': [para, sectPr(), para, sectPr(true)] }, ctx());
      const [portrait, , landscape] = flow;
      const total = (metrics as NonNullable<typeof metrics>).width(words, 'regular', 10);
      // Body Text stops 2918 DXA short of the right margin (80 characters a line): 336 points wide
      // in portrait, 582.6 in landscape. Greedy breaking at spaces takes a line or two more than the
      // text's width over the line's.
      for (const [p, width] of [
        [portrait, 336],
        [landscape, 582.6],
      ] as const) {
        const lines = p?.kind === 'p' ? p.lines.length : 0;
        expect(lines).toBeGreaterThanOrEqual(Math.ceil(total / width));
        expect(lines).toBeLessThanOrEqual(Math.ceil(total / width) + 2);
        // 10 pt Carlito at 1.1 lines.
        if (p?.kind === 'p') expect(p.lines[0]).toBeCloseTo(10 * (2500 / 2048) * 1.1, 5);
      }
      expect(flow.filter((f) => f.kind === 'section').map((f) => f.kind === 'section' && f.height)).toEqual([
        728.5, 481.9,
      ]);
    },
  );

  it.runIf(metrics)("takes a cell's own margins (w:tcMar) over its table style's", () => {
    const cell = (margins?: { top: number; bottom: number }) => ({
      'w:tc': [
        {
          'w:tcPr': [
            { 'w:tcW': { _attr: { 'w:w': 2000, 'w:type': 'dxa' } } },
            ...(margins
              ? [
                  {
                    'w:tcMar': [
                      { 'w:top': { _attr: { 'w:w': margins.top, 'w:type': 'dxa' } } },
                      { 'w:bottom': { _attr: { 'w:w': margins.bottom, 'w:type': 'dxa' } } },
                    ],
                  },
                ]
              : []),
          ],
        },
        text('Review'),
      ],
    });
    const table = (margins?: { top: number; bottom: number }) => ({
      'w:tbl': [
        { 'w:tblPr': [{ 'w:tblStyle': { _attr: { 'w:val': 'RolemarkMatrix' } } }] },
        { 'w:tr': [cell(margins)] },
      ],
    });
    const height = (margins?: { top: number; bottom: number }) => {
      const [t] = bodyFlow({ 'w:body': [table(margins), sectPr()] }, ctx());
      return t?.kind === 'table' ? (t.rows[0]?.height ?? 0) : 0;
    };
    // The matrix style's 40 DXA (2 points) above and below, against a dense row's own 10 (0.5).
    expect(height() - height({ top: 10, bottom: 10 })).toBeCloseTo(3, 5);
    expect(height({ top: 40, bottom: 40 })).toBeCloseTo(height(), 5);
  });

  it.runIf(metrics)('breaks a paragraph into the same lines however its text is split into runs', () => {
    const run = (t: string) => ({ 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, t] }] });
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('plan ', 'review ', 'the ', 'Rechtsschutzversicherung ', 'リリース計画', 'مدير '),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        fc.array(fc.nat(), { maxLength: 40 }),
        (words, cuts) => {
          const text = words.join('');
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parts = [0, ...at, text.length]
            .slice(1)
            .map((end, k, ends) => text.slice(k === 0 ? 0 : ends[k - 1], end));
          const one = bodyFlow({ 'w:body': [{ 'w:p': [run(text)] }, sectPr()] }, ctx())[0];
          const split = bodyFlow({ 'w:body': [{ 'w:p': parts.map(run) }, sectPr()] }, ctx())[0];
          expect(split).toEqual(one);
        },
      ),
      { numRuns: 60, seed: 16 },
    );
  });
  it.runIf(metrics)(
    'sets a short paragraph it has set before to the same lines, its border added once',
    () => {
      const run = (t: string) => ({ 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, t] }] });
      const styled = (style: string, ...runs: string[]) => ({
        'w:p': [{ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': style } } }] }, ...runs.map(run)],
      });
      // One run is remembered with its lines (pages/flow.ts); the same text in two runs is broken anew.
      const body = {
        'w:body': [
          styled('CoverMeta', 'Owner: Platform'),
          styled('CoverMeta', 'Owner: Platform'),
          styled('CoverMeta', 'Owner: ', 'Platform'),
          styled('Normal', 'R'),
          styled('Normal', 'R'),
          styled('Normal', 'Rechtsschutzversicherungsabteilungsleiterin und Stellvertreterin'),
          sectPr(),
        ],
      };
      const [first, again, split, r, rAgain, long] = bodyFlow(body, ctx()) as Paragraph[];
      // CoverMeta's 7.5 points of border under its one line, once, however often it is set.
      const cover = styleSettings().get('CoverMeta');
      const m = metrics as NonNullable<typeof metrics>;
      expect(cover?.border).toBe(7.5);
      const oneLine = ((cover?.size ?? 0) / 2) * m.line * ((cover?.line ?? 0) / 240);
      expect(first?.lines).toEqual([expect.closeTo(oneLine + 7.5, 5)]);
      expect(again).toEqual(first);
      expect(split).toEqual(first);
      expect(rAgain).toEqual(r);
      expect(r?.lines).toHaveLength(1);
      expect(long?.lines.length).toBeGreaterThan(0);
      // A later document (another context, the same metrics) gets the same numbers too.
      expect(bodyFlow(body, ctx())).toEqual(bodyFlow(body, ctx()));
    },
  );
});
