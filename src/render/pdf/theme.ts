/** Sizes in PDF points (1/72 in) and colours of the printed documents. */
export const theme = {
  page: { size: 'A4' as const, margin: { top: 70, bottom: 62, left: 58, right: 58 } },
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
};

export type Theme = typeof theme;
