import { AlignmentType, type INumberingOptions, LevelFormat } from 'docx';
import { DEFAULT_LOOK, DEFAULT_PAGE, type Look, type Page, textWidthOf } from './look.js';

/**
 * rolemark's Word styles, written as a styles part of their own rather than through docx's style
 * options: that way every style has the name Word gives its built-in one ("heading 1", "caption",
 * "List Bullet"…), so a company template (`--reference-docx`) replaces them by name, and the
 * character styles Strong and Emphasis are character styles (docx writes Strong as a paragraph
 * style). Every paragraph rolemark writes uses one of these styles and carries no direct font or
 * size. Sizes are in half-points, lengths in twentieths of a point (DXA).
 */
/** The text width of a section (see look.ts): A4 with 2 cm margins unless a theme says otherwise. */
export const textWidth = (landscape: boolean, page: Page = DEFAULT_PAGE) => textWidthOf(page, landscape);

export const STYLE = {
  normal: 'Normal',
  body: 'BodyText',
  title: 'Title',
  /** A compact cover's title (`::cover{size=compact}`, a handout's) and its items line. */
  titleCompact: 'TitleCompact',
  coverMetaCompact: 'CoverMetaCompact',
  subtitle: 'Subtitle',
  heading: (level: number) => `Heading${Math.min(Math.max(level, 1), 4)}`,
  coverMeta: 'CoverMeta',
  small: 'Small',
  lead: 'Lead',
  caption: 'Caption',
  listBullet: 'ListBullet',
  listNumber: 'ListNumber',
  fieldList: 'FieldList',
  quote: 'Quote',
  code: 'Code',
  rule: 'HorizontalRule',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableCode: 'TableCode',
  tableSpacer: 'TableSpacer',
  matrixRole: 'MatrixRole',
  matrixRoleRotated: 'MatrixRoleRotated',
  groupBand: 'GroupBand',
  /** A dense matrix's styles (docx/matrix-plan.ts): the same as their regular ones, smaller. */
  tableTextCompact: 'TableTextCompact',
  tableTextDense: 'TableTextDense',
  tableCodeCompact: 'TableCodeCompact',
  tableCodeDense: 'TableCodeDense',
  groupBandCompact: 'GroupBandCompact',
  groupBandDense: 'GroupBandDense',
  matrixRoleCompact: 'MatrixRoleCompact',
  matrixRoleDense: 'MatrixRoleDense',
  /** The key of short and whole role names in an abbreviated matrix's header. */
  matrixKey: 'MatrixKey',
  header: 'Header',
  footer: 'Footer',
  footerLandscape: 'FooterLandscape',
  headerLandscape: 'HeaderLandscape',
  tocHeading: 'TOCHeading',
  footnoteText: 'FootnoteText',
  // character styles
  strong: 'Strong',
  emphasis: 'Emphasis',
  inlineCode: 'InlineCode',
  hyperlink: 'Hyperlink',
  // table styles
  matrixTable: 'RolemarkMatrix',
  plainTable: 'RolemarkTable',
  legendTable: 'RolemarkLegend',
} as const;

interface Para {
  keepNext?: boolean;
  keepLines?: boolean;
  /** Word's widow and orphan control: no paragraph leaves one line alone at a page's foot or top. */
  widowControl?: boolean;
  border?: { size: number; color: string; space: number };
  tabs?: { val: 'left' | 'right' | 'center' | 'clear'; pos: number }[];
  before?: number;
  after?: number;
  line?: number;
  indent?: { left?: number; right?: number; hanging?: number };
  contextual?: boolean;
  jc?: 'left' | 'center' | 'right';
  outline?: number;
}

interface Run {
  font?: string;
  bold?: boolean;
  italic?: boolean;
  caps?: boolean;
  color?: string;
  spacing?: number;
  size?: number;
  underline?: boolean;
  superscript?: boolean;
  /** Raised by this many half-points, at the run's own size (unlike superscript, which shrinks it). */
  raise?: number;
}

/** Paragraph properties, in the order the schema (CT_PPrBase) wants them. */
function pPr(p: Para): string {
  const x: string[] = [];
  if (p.keepNext) x.push('<w:keepNext/>');
  if (p.keepLines) x.push('<w:keepLines/>');
  if (p.widowControl) x.push('<w:widowControl/>');
  if (p.border)
    x.push(
      `<w:pBdr><w:bottom w:val="single" w:sz="${p.border.size}" w:space="${p.border.space}" w:color="${p.border.color}"/></w:pBdr>`,
    );
  if (p.tabs)
    x.push(`<w:tabs>${p.tabs.map((t) => `<w:tab w:val="${t.val}" w:pos="${t.pos}"/>`).join('')}</w:tabs>`);
  if (p.before !== undefined || p.after !== undefined || p.line !== undefined) {
    const a = [
      p.before !== undefined ? ` w:before="${p.before}"` : '',
      p.after !== undefined ? ` w:after="${p.after}"` : '',
      p.line !== undefined ? ` w:line="${p.line}" w:lineRule="auto"` : '',
    ].join('');
    x.push(`<w:spacing${a}/>`);
  }
  if (p.indent)
    x.push(
      `<w:ind${p.indent.left !== undefined ? ` w:left="${p.indent.left}"` : ''}${p.indent.right !== undefined ? ` w:right="${p.indent.right}"` : ''}${p.indent.hanging !== undefined ? ` w:hanging="${p.indent.hanging}"` : ''}/>`,
    );
  if (p.contextual) x.push('<w:contextualSpacing/>');
  if (p.jc) x.push(`<w:jc w:val="${p.jc}"/>`);
  if (p.outline !== undefined) x.push(`<w:outlineLvl w:val="${p.outline}"/>`);
  return x.length > 0 ? `<w:pPr>${x.join('')}</w:pPr>` : '';
}

/** Run properties, in the order the schema (CT_RPr) wants them. */
function rPr(r: Run, lang?: string): string {
  const x: string[] = [];
  if (r.font)
    x.push(`<w:rFonts w:ascii="${r.font}" w:hAnsi="${r.font}" w:eastAsia="${r.font}" w:cs="${r.font}"/>`);
  if (r.bold) x.push('<w:b/><w:bCs/>');
  if (r.italic) x.push('<w:i/><w:iCs/>');
  if (r.caps) x.push('<w:caps/>');
  if (r.color) x.push(`<w:color w:val="${r.color}"/>`);
  if (r.spacing) x.push(`<w:spacing w:val="${r.spacing}"/>`);
  if (r.raise) x.push(`<w:position w:val="${r.raise}"/>`);
  if (r.size) x.push(`<w:sz w:val="${r.size}"/><w:szCs w:val="${r.size}"/>`);
  if (r.underline) x.push('<w:u w:val="single"/>');
  if (r.superscript) x.push('<w:vertAlign w:val="superscript"/>');
  if (lang) {
    // Escaped: the language tag comes from content (frontmatter `lang:`).
    const v = lang.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
    x.push(`<w:lang w:val="${v}" w:eastAsia="${v}" w:bidi="${v}"/>`);
  }
  return x.length > 0 ? `<w:rPr>${x.join('')}</w:rPr>` : '';
}

export interface StyleDef {
  type: 'paragraph' | 'character' | 'table';
  id: string;
  /** Word's own name for a built-in style, so templates and Word's style gallery recognise it. */
  name: string;
  basedOn?: string;
  next?: string;
  default?: boolean;
  /** Shown in Word's style gallery. */
  quick?: boolean;
  priority?: number;
  hidden?: boolean;
  p?: Para;
  r?: Run;
  /** Table style properties, as XML. */
  table?: string;
}

function styleXml(s: StyleDef): string {
  return [
    `<w:style w:type="${s.type}"${s.default ? ' w:default="1"' : ''} w:styleId="${s.id}">`,
    `<w:name w:val="${s.name}"/>`,
    s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '',
    s.next ? `<w:next w:val="${s.next}"/>` : '',
    s.priority !== undefined ? `<w:uiPriority w:val="${s.priority}"/>` : '',
    s.hidden ? '<w:semiHidden/><w:unhideWhenUsed/>' : '',
    s.quick ? '<w:qFormat/>' : '',
    s.p ? pPr(s.p) : '',
    s.r ? rPr(s.r) : '',
    s.table ?? '',
    '</w:style>',
  ].join('');
}

const para = (id: string, name: string, p: Para, r: Run = {}, extra: Partial<StyleDef> = {}): StyleDef => ({
  type: 'paragraph',
  id,
  name,
  basedOn: 'Normal',
  next: 'Normal',
  quick: true,
  p,
  r,
  ...extra,
});

const char = (id: string, name: string, r: Run, extra: Partial<StyleDef> = {}): StyleDef => ({
  type: 'character',
  id,
  name,
  basedOn: 'DefaultParagraphFont',
  r,
  ...extra,
});

const cellMargins = (v: number, h: number) =>
  `<w:tblCellMar><w:top w:w="${v}" w:type="dxa"/><w:left w:w="${h}" w:type="dxa"/><w:bottom w:w="${v}" w:type="dxa"/><w:right w:w="${h}" w:type="dxa"/></w:tblCellMar>`;

/** A table style: ruled top and bottom in the accent colour, hairlines inside, a shaded bold header row. */
const ruledTable = (id: string, name: string, look: Look): StyleDef => ({
  type: 'table',
  id,
  name,
  basedOn: 'TableNormal',
  priority: 59,
  quick: true,
  p: { before: 0, after: 0 },
  table: [
    '<w:tblPr><w:tblBorders>',
    `<w:top w:val="single" w:sz="8" w:space="0" w:color="${look.accent}"/>`,
    '<w:left w:val="nil"/>',
    `<w:bottom w:val="single" w:sz="8" w:space="0" w:color="${look.accent}"/>`,
    '<w:right w:val="nil"/>',
    `<w:insideH w:val="single" w:sz="4" w:space="0" w:color="${look.rule}"/>`,
    '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="E2E7EE"/>',
    `</w:tblBorders>${cellMargins(40, 80)}</w:tblPr>`,
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/>',
    `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${look.headerFill}"/></w:tcPr></w:tblStylePr>`,
  ].join(''),
});

/** The longest line of body text, in characters (the PDF's measure too: pdf/measure.ts). */
const MAX_LINE_CHARS = 80;
/** The width of an average character of running text in Carlito/Calibri at 10 pt, in DXA. */
const DXA_PER_CHAR = 84;

/** Every style rolemark uses, with Word's built-in names where Word has the style. */
export function styleDefs(look: Look): StyleDef[] {
  const table = { after: 0, line: 240 };
  const { accent: ACCENT, muted: MUTED, rule: RULE } = look;
  const head = look.headingFont !== look.font ? { font: look.headingFont } : {};
  const width = (landscape: boolean) => textWidthOf(look.page, landscape);
  // Body text stops at some 80 characters a line (the page held 115 of Carlito at 10 pt): the
  // right indent of the body styles leaves the rest of the text width to tables and headings.
  const right = Math.max(0, width(false) - Math.round(MAX_LINE_CHARS * DXA_PER_CHAR * look.scale));
  const measure = right > 0 ? { right } : {};
  return [
    { type: 'paragraph', id: 'Normal', name: 'Normal', default: true, quick: true },
    {
      type: 'character',
      id: 'DefaultParagraphFont',
      name: 'Default Paragraph Font',
      default: true,
      priority: 1,
      hidden: true,
    },
    {
      type: 'table',
      id: 'TableNormal',
      name: 'Normal Table',
      default: true,
      priority: 99,
      hidden: true,
      table: `<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>${cellMargins(0, 108)}</w:tblPr>`,
    },
    para(
      'Title',
      'Title',
      { after: 120, contextual: true },
      { ...head, bold: true, size: 48 },
      { priority: 10 },
    ),
    para(
      'Subtitle',
      'Subtitle',
      { after: 60 },
      { bold: true, caps: true, color: ACCENT, size: 18, spacing: 30 },
    ),
    para(
      'Heading1',
      'heading 1',
      { keepNext: true, keepLines: true, before: 360, after: 120, outline: 0 },
      {
        ...head,
        bold: true,
        color: ACCENT,
        size: 32,
      },
    ),
    para(
      'Heading2',
      'heading 2',
      { keepNext: true, keepLines: true, before: 320, after: 100, outline: 1 },
      { ...head, bold: true, color: ACCENT, size: 26 },
    ),
    para(
      'Heading3',
      'heading 3',
      { keepNext: true, keepLines: true, before: 220, after: 60, outline: 2 },
      {
        ...head,
        bold: true,
        size: 22,
      },
    ),
    para(
      'Heading4',
      'heading 4',
      { keepNext: true, keepLines: true, before: 160, after: 40, outline: 3 },
      {
        ...head,
        bold: true,
        italic: true,
      },
    ),
    para(
      STYLE.tocHeading,
      'TOC Heading',
      { keepNext: true, before: 240, after: 80 },
      {
        bold: true,
        caps: true,
        color: ACCENT,
        size: 18,
        spacing: 20,
      },
    ),
    para('TOC1', 'toc 1', { after: 40 }, {}, { quick: false, priority: 39, hidden: true }),
    para(
      'TOC2',
      'toc 2',
      { after: 40, indent: { left: 220 } },
      {},
      { quick: false, priority: 39, hidden: true },
    ),
    para(
      'TOC3',
      'toc 3',
      { after: 40, indent: { left: 440 } },
      {},
      { quick: false, priority: 39, hidden: true },
    ),
    para(
      STYLE.coverMeta,
      'Cover Meta',
      { after: 240, border: { size: 12, color: ACCENT, space: 6 } },
      {
        color: MUTED,
        size: 16,
      },
    ),
    para(
      STYLE.titleCompact,
      'Title Compact',
      { after: 60 },
      { size: 36 },
      { basedOn: 'Title', next: 'Normal' },
    ),
    para(STYLE.coverMetaCompact, 'Cover Meta Compact', { after: 160 }, {}, { basedOn: STYLE.coverMeta }),
    para(STYLE.body, 'Body Text', { indent: measure }),
    para(STYLE.small, 'Small', { after: 80, indent: measure }, { color: MUTED, size: 16 }),
    para(STYLE.lead, 'Lead', { after: 160, indent: measure }, { size: 23 }),
    para(
      STYLE.caption,
      'caption',
      { keepNext: true, before: 120, after: 60 },
      { italic: true, color: MUTED, size: 16 },
    ),
    para(STYLE.listBullet, 'List Bullet', { after: 60, indent: measure }),
    para(STYLE.listNumber, 'List Number', { after: 60, indent: measure }),
    para(STYLE.fieldList, 'Field List', { after: 40, indent: measure }),
    para(STYLE.quote, 'Quote', { indent: { left: 360, ...measure } }, { italic: true, color: MUTED }),
    para(STYLE.code, 'Code', { after: 0, line: 240 }, { font: look.monoFont, size: 17 }),
    para(
      STYLE.rule,
      'Horizontal Rule',
      { after: 160, border: { size: 6, color: RULE, space: 4 } },
      { size: 8 },
    ),
    para(STYLE.tableText, 'Table Text', table, { size: 17 }),
    para(STYLE.tableHeading, 'Table Heading', table, { bold: true, size: 16 }),
    para(
      STYLE.tableCode,
      'Table Code',
      { ...table, jc: 'center' },
      { bold: true, color: '111827', size: 17 },
    ),
    para(STYLE.matrixRole, 'Matrix Role', { ...table, jc: 'center' }, { bold: true, size: 16 }),
    para(STYLE.matrixRoleRotated, 'Matrix Role Rotated', { ...table, jc: 'left' }, { bold: true, size: 16 }),
    para(
      STYLE.groupBand,
      'Group Band',
      { ...table, keepNext: true },
      { bold: true, color: ACCENT, size: 17 },
    ),
    // The matrix at the compact and dense settings (docx/matrix-plan.ts): the sizes of the PDF's
    // (7.5 and 7 pt names, 7 and 6.5 pt headers), so a wide charter sets as many rows a page.
    ...(
      [
        [STYLE.tableTextCompact, 'Table Text Compact', STYLE.tableText, 15],
        [STYLE.tableTextDense, 'Table Text Dense', STYLE.tableText, 14],
        [STYLE.tableCodeCompact, 'Table Code Compact', STYLE.tableCode, 15],
        [STYLE.tableCodeDense, 'Table Code Dense', STYLE.tableCode, 14],
        [STYLE.groupBandCompact, 'Group Band Compact', STYLE.groupBand, 15],
        [STYLE.groupBandDense, 'Group Band Dense', STYLE.groupBand, 14],
        [STYLE.matrixRoleCompact, 'Matrix Role Compact', STYLE.matrixRole, 14],
        [STYLE.matrixRoleDense, 'Matrix Role Dense', STYLE.matrixRole, 13],
      ] as const
    ).map(([id, name, basedOn, size]) => para(id, name, {}, { size }, { basedOn, next: basedOn })),
    para(STYLE.matrixKey, 'Matrix Key', { ...table, after: 20 }, { color: MUTED, size: 14 }),
    para(STYLE.tableSpacer, 'Table Spacer', { before: 0, after: 120, line: 240 }, { size: 12 }),
    para(
      STYLE.header,
      'header',
      { after: 0, tabs: [{ val: 'right', pos: width(false) }] },
      { color: MUTED, size: 15 },
      { quick: false, priority: 99, hidden: true },
    ),
    para(
      STYLE.footer,
      'footer',
      { after: 0, tabs: [{ val: 'right', pos: width(false) }] },
      { color: MUTED, size: 15 },
      { quick: false, priority: 99, hidden: true },
    ),
    para(
      STYLE.headerLandscape,
      'Header Landscape',
      {
        tabs: [
          { val: 'clear', pos: width(false) },
          { val: 'right', pos: width(true) },
        ],
      },
      {},
      { basedOn: STYLE.header, next: STYLE.headerLandscape, quick: false },
    ),
    para(
      STYLE.footerLandscape,
      'Footer Landscape',
      {
        tabs: [
          { val: 'clear', pos: width(false) },
          { val: 'right', pos: width(true) },
        ],
      },
      {},
      { basedOn: STYLE.footer, next: STYLE.footerLandscape, quick: false },
    ),
    para(
      STYLE.footnoteText,
      'footnote text',
      { after: 0, line: 240 },
      { size: 16 },
      { quick: false, priority: 99, hidden: true },
    ),
    // A note's mark at 7 pt, raised: a superscript shrinks a cell's 8.5 pt to some 5.5 pt, too
    // small to read on paper (issue 14). The PDF's marks are 7 pt too. Raised 2 pt, not 3: at 3 pt
    // the mark's top passes the cell text's ascent, LibreOffice makes every noted row taller, and
    // the contents' page numbers (docx's estimate ignores w:position) came out a page early on a
    // 30-role charter (test/docx-pages.e2e.test.ts).
    char('FootnoteReference', 'footnote reference', { size: 14, raise: 4 }, { priority: 99, hidden: true }),
    char(STYLE.strong, 'Strong', { bold: true }, { priority: 22, quick: true }),
    char(STYLE.emphasis, 'Emphasis', { italic: true }, { priority: 20, quick: true }),
    char(STYLE.inlineCode, 'Inline Code', { font: look.monoFont }),
    char(STYLE.hyperlink, 'Hyperlink', { color: look.link, underline: true }, { priority: 99, hidden: true }),
    ruledTable(STYLE.matrixTable, 'Rolemark Matrix', look),
    ruledTable(STYLE.plainTable, 'Rolemark Table', look),
    {
      type: 'table',
      id: STYLE.legendTable,
      name: 'Rolemark Legend',
      basedOn: 'TableNormal',
      priority: 59,
      p: { before: 0, after: 0 },
      table: `<w:tblPr><w:tblBorders><w:insideH w:val="single" w:sz="2" w:space="0" w:color="FFFFFF"/></w:tblBorders>${cellMargins(20, 80)}</w:tblPr>`,
    },
  ];
}

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * rolemark's styles part (word/styles.xml). `lang` (a BCP 47 tag such as `en-GB`) is the
 * document's language, set on the document defaults so that spelling and hyphenation use it.
 */
export function stylesXml(lang: string, look: Look = DEFAULT_LOOK): string {
  // The same for every document of a build in the same language and theme: made once (it was 2%
  // of a warm DOCX of the M set). A look is plain data, so its JSON says what it is.
  const key = `${lang}\u0000${JSON.stringify(look)}`;
  let xml = stylesMade.get(key);
  if (xml === undefined) {
    xml = makeStylesXml(lang, look);
    if (stylesMade.size >= 32) stylesMade.clear();
    stylesMade.set(key, xml);
  }
  return xml;
}

const stylesMade = new Map<string, string>();

function makeStylesXml(lang: string, look: Look): string {
  // Sizes follow the theme's type scale; Word's sizes are whole half-points.
  const scaled = (r: Run | undefined) => (r?.size ? { ...r, size: Math.round(r.size * look.scale) } : r);
  const defaults = [
    '<w:docDefaults>',
    `<w:rPrDefault>${rPr({ font: look.font, color: look.text, size: Math.round(20 * look.scale) }, lang)}</w:rPrDefault>`,
    `<w:pPrDefault>${pPr({ widowControl: true, after: 120, line: 264 })}</w:pPrDefault>`,
    '</w:docDefaults>',
  ].join('');
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<w:styles xmlns:w="${W_NS}">`,
    defaults,
    ...styleDefs(look).map((d) => styleXml({ ...d, ...(d.r ? { r: scaled(d.r) } : {}) })),
    '</w:styles>',
  ].join('');
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
