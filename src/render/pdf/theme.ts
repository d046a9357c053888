import type { DocumentTheme } from '../../ir/types.js';

/** Sizes in PDF points (1/72 in) and colours of the printed documents. */
export const theme = {
  page: {
    /** A pdfkit size name, or the portrait width and height in points. */
    size: 'A4' as string | [number, number],
    /** The document's own orientation: a wide matrix may turn some pages, then returns to it. */
    layout: 'portrait' as 'portrait' | 'landscape',
    /** The margins of templates/themes/default.yaml (25, 20, 22 and 20 mm): documents without a theme look the same. */
    margin: { top: 70.87, bottom: 62.36, left: 56.69, right: 56.69 },
  },
  color: {
    text: '#1C2430',
    muted: '#5B6675',
    accent: '#1F4E79',
    accentSoft: '#E8EFF7',
    rule: '#D3DAE3',
    grid: '#E2E7EE',
    zebra: '#F7F9FB',
    headerFill: '#EDF1F6',
    band: '#DCE5F0',
    link: '#1F5FA8',
    codeFill: '#F3F5F8',
    cellText: '#111827',
  },
  size: {
    body: 9.5,
    small: 8,
    lead: 11,
    h1: 24,
    h2: 15,
    h3: 11.5,
    h4: 10,
    header: 7.5,
    matrixHeader: 7.5,
    matrixName: 8.5,
    matrixCode: 8,
  },
  lineGap: 2.2,
  /** The theme's logo, when it has one. */
  logo: undefined as DocumentTheme['logo'] | undefined,
};

export type Theme = typeof theme;

/**
 * The writer's theme for a document: the IR's theme (page, margins, colours, type size, logo)
 * laid over the defaults above. Every size scales with the body size, so a poster's larger type
 * or a handout's denser one keeps its proportions.
 */
export function themeFor(ir: DocumentTheme | undefined): Theme {
  if (!ir) return theme;
  const scale = ir.fontSize / theme.size.body;
  const size = Object.fromEntries(
    Object.entries(theme.size).map(([k, v]) => [k, Math.round(v * scale * 100) / 100]),
  ) as Theme['size'];
  const { width, height } = ir.page;
  return {
    page: {
      size: [Math.min(width, height), Math.max(width, height)],
      layout: ir.page.orientation,
      margin: { ...ir.page.margin },
    },
    color: { ...theme.color, ...ir.colors },
    size,
    lineGap: Math.round(theme.lineGap * scale * 100) / 100,
    logo: ir.logo,
  };
}
