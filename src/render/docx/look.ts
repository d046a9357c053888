import type { DocumentTheme, ThemeFont } from '../../ir/types.js';

/**
 * What a theme changes in a Word document: the page, the fonts the styles name, their colours and
 * the type scale. Everything stays in the styles (never direct formatting), so a company template
 * (`--reference-docx`) still replaces it by style name. Lengths in DXA (twentieths of a point).
 */

export interface Page {
  /** Portrait width and height. */
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** The document's own orientation; a wide matrix turns its section to landscape in either case. */
  landscape: boolean;
}

/** A4 with 2 cm margins: the text is 9638 DXA wide in portrait, 14570 in landscape. */
export const DEFAULT_PAGE: Page = {
  width: 11906,
  height: 16838,
  margin: { top: 1134, right: 1134, bottom: 1134, left: 1134 },
  landscape: false,
};

/** The text width of a section, landscape when turned or when the whole document is. */
export const textWidthOf = (page: Page, landscape: boolean): number =>
  (landscape || page.landscape ? page.height : page.width) - page.margin.left - page.margin.right;

export interface Look {
  font: string;
  headingFont: string;
  monoFont: string;
  /** Colours as Word writes them: `RRGGBB`. */
  text: string;
  muted: string;
  accent: string;
  rule: string;
  link: string;
  headerFill: string;
  /** Group rows of the matrix (and a handout's own column): the theme's `band`. */
  band: string;
  /** Type size against the default (body 10 pt in Word, 9.5 pt in the theme). */
  scale: number;
  page: Page;
}

export const DEFAULT_LOOK: Look = {
  font: 'Calibri',
  headingFont: 'Calibri',
  monoFont: 'Consolas',
  text: '1C2430',
  muted: '5B6675',
  accent: '1F4E79',
  rule: 'D3DAE3',
  link: '1F5FA8',
  headerFill: 'EDF1F6',
  band: 'DCE5F0',
  scale: 1,
  page: DEFAULT_PAGE,
};

const hex = (colour: string) => colour.replace(/^#/, '').toUpperCase();
/**
 * Word's largest page: 22 in (31,680 DXA) a side, the schema's limit. A poster on a larger sheet
 * (A2 and up) is set on a page scaled down to it, margins too, in proportion; its matrix then runs
 * over more pages. Posters for A2–A0 are printed from the PDF.
 */
export const WORD_MAX_PAGE = 31680;
const dxa = (points: number) => Math.round(points * 20);
/** Word names a font; it has its own, so the first family of a stack is the one meant. */
const first = (stack: readonly ThemeFont[], fallback: string) => stack[0]?.family ?? fallback;

/** The look of a document with this theme; the default look without one. */
export function lookFor(theme: DocumentTheme | undefined): Look {
  if (!theme) return DEFAULT_LOOK;
  const { width, height, margin: m } = theme.page;
  const k = Math.min(1, WORD_MAX_PAGE / dxa(Math.max(width, height)));
  const margin = { top: m.top * k, right: m.right * k, bottom: m.bottom * k, left: m.left * k };
  return {
    font: first(theme.fonts.body, DEFAULT_LOOK.font),
    headingFont: first(theme.fonts.heading, DEFAULT_LOOK.headingFont),
    monoFont: first(theme.fonts.mono, DEFAULT_LOOK.monoFont),
    text: hex(theme.colors.text),
    muted: hex(theme.colors.muted),
    accent: hex(theme.colors.accent),
    rule: hex(theme.colors.rule),
    link: hex(theme.colors.link),
    headerFill: hex(theme.colors.headerFill),
    band: hex(theme.colors.band),
    scale: theme.fontSize / 9.5,
    page: {
      width: Math.min(WORD_MAX_PAGE, dxa(Math.min(width, height) * k)),
      height: Math.min(WORD_MAX_PAGE, dxa(Math.max(width, height) * k)),
      margin: {
        top: dxa(margin.top),
        right: dxa(margin.right),
        bottom: dxa(margin.bottom),
        left: dxa(margin.left),
      },
      landscape: theme.page.orientation === 'landscape',
    },
  };
}
