import { AlignmentType, type INumberingOptions, type IStylesOptions, LevelFormat, LineRuleType } from 'docx';

/**
 * Every paragraph rolemark writes uses one of these named styles, so that a company can restyle
 * the document by editing styles (or applying its template) rather than hunting direct formatting.
 * Sizes are in half-points, spacing in twentieths of a point.
 */
const FONT = 'Calibri';
const ACCENT = '1F4E79';
const TEXT = '1C2430';
const MUTED = '5B6675';

export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
  normal: 'Normal',
  small: 'Small',
  lead: 'Lead',
  caption: 'Caption',
  listBullet: 'ListBullet',
  listNumber: 'ListNumber',
  fieldLabel: 'FieldLabel',
  quote: 'Quote',
  code: 'Code',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableCode: 'TableCode',
  groupBand: 'GroupBand',
  header: 'Header',
  footer: 'Footer',
  tocHeading: 'TOCHeading',
  matrixTable: 'RolemarkMatrix',
  plainTable: 'RolemarkTable',
} as const;

const tableStyle = (id: string, name: string, headerFill: string) =>
  `<w:style w:type="table" w:customStyle="1" w:styleId="${id}">
  <w:name w:val="${name}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="${ACCENT}"/>
      <w:left w:val="nil"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="${ACCENT}"/>
      <w:right w:val="nil"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="D3DAE3"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="E2E7EE"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="40" w:type="dxa"/>
      <w:left w:w="80" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/>
      <w:right w:w="80" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/></w:rPr>
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${headerFill}"/></w:tcPr>
  </w:tblStylePr>
</w:style>`;

/**
 * Styles docx cannot build from options (table styles), as a styles part that docx merges with its
 * own defaults and with the paragraph styles below.
 */
export function externalStyles(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
${tableStyle(STYLE.matrixTable, 'Rolemark Matrix', 'EDF1F6')}
${tableStyle(STYLE.plainTable, 'Rolemark Table', 'EDF1F6')}
</w:styles>`;
}

export function documentStyles(): IStylesOptions {
  const para = (
    id: string,
    name: string,
    run: Record<string, unknown>,
    paragraph: Record<string, unknown> = {},
    basedOn = 'Normal',
  ) => ({ id, name, basedOn, next: 'Normal', quickFormat: true, run, paragraph });
  return {
    default: {
      document: {
        run: { font: FONT, size: 20, color: TEXT },
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { font: FONT, size: 48, bold: true, color: TEXT },
        paragraph: { spacing: { before: 0, after: 120 } },
      },
      heading1: {
        run: { font: FONT, size: 32, bold: true, color: ACCENT },
        paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
      },
      heading2: {
        run: { font: FONT, size: 26, bold: true, color: ACCENT },
        paragraph: { spacing: { before: 320, after: 100 }, keepNext: true },
      },
      heading3: {
        run: { font: FONT, size: 22, bold: true, color: TEXT },
        paragraph: { spacing: { before: 220, after: 60 }, keepNext: true },
      },
      heading4: {
        run: { font: FONT, size: 20, bold: true, italics: true, color: TEXT },
        paragraph: { spacing: { before: 160, after: 40 }, keepNext: true },
      },
      hyperlink: { run: { color: '1F5FA8', underline: { type: 'single' } } },
      listParagraph: { run: { font: FONT } },
    },
    paragraphStyles: [
      para(
        STYLE.subtitle,
        'Subtitle',
        { size: 18, bold: true, color: ACCENT, allCaps: true, characterSpacing: 30 },
        { spacing: { after: 60 } },
      ),
      para(STYLE.small, 'Small', { size: 16, color: MUTED }, { spacing: { after: 80 } }),
      para(STYLE.lead, 'Lead', { size: 23, color: TEXT }, { spacing: { after: 160 } }),
      para(
        STYLE.caption,
        'Caption',
        { size: 16, italics: true, color: MUTED },
        { spacing: { before: 60, after: 160 } },
      ),
      para(STYLE.listBullet, 'List Bullet', {}, { spacing: { after: 60 } }),
      para(STYLE.listNumber, 'List Number', {}, { spacing: { after: 60 } }),
      para(
        STYLE.fieldLabel,
        'Field Label',
        { bold: true, color: MUTED },
        { spacing: { after: 0 }, keepNext: true },
      ),
      para(STYLE.quote, 'Quote', { italics: true, color: MUTED }, { indent: { left: 360 } }),
      para(STYLE.code, 'Code', { font: 'Consolas', size: 17 }, { spacing: { after: 0 } }),
      para(
        STYLE.tableText,
        'Table Text',
        { size: 17 },
        { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      ),
      para(
        STYLE.tableHeading,
        'Table Heading',
        { size: 16, bold: true },
        { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      ),
      para(
        STYLE.tableCode,
        'Table Code',
        { size: 17, bold: true, color: '111827' },
        { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.CENTER },
      ),
      para(
        STYLE.groupBand,
        'Group Band',
        { size: 17, bold: true, color: ACCENT },
        { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
      ),
      para(
        STYLE.tocHeading,
        'TOC Heading',
        { size: 18, bold: true, color: ACCENT, allCaps: true, characterSpacing: 20 },
        { spacing: { before: 240, after: 80 } },
      ),
      para(STYLE.header, 'Header', { size: 15, color: MUTED }, { spacing: { after: 0 } }),
      para(STYLE.footer, 'Footer', { size: 15, color: MUTED }, { spacing: { after: 0 } }),
    ],
  };
}

export const BULLETS = 'rolemark-bullets';
export const NUMBERS = 'rolemark-numbers';

export function numbering(): INumberingOptions {
  const indent = (level: number) => ({ paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } });
  return {
    config: [
      {
        reference: BULLETS,
        levels: [0, 1, 2, 3].map((level) => ({
          level,
          format: LevelFormat.BULLET,
          text: ['•', '◦', '▪', '•'][level] as string,
          alignment: AlignmentType.LEFT,
          style: indent(level),
        })),
      },
      {
        reference: NUMBERS,
        levels: [0, 1, 2, 3].map((level) => ({
          level,
          format: [
            LevelFormat.DECIMAL,
            LevelFormat.LOWER_LETTER,
            LevelFormat.LOWER_ROMAN,
            LevelFormat.DECIMAL,
          ][level] as (typeof LevelFormat)[keyof typeof LevelFormat],
          text: `%${level + 1}.`,
          alignment: AlignmentType.LEFT,
          style: indent(level),
        })),
      },
    ],
  };
}
