import {
  Document,
  Footer,
  Header,
  type ISectionOptions,
  type IThemeOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  readTheme,
  TextRun,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import type { DocumentIR } from '../../compose/ir.js';
import { finishPackage } from './package.js';
import { mergeStyles, type ReferenceDocx, withLanguage } from './reference.js';
import { numbering, PAGE, STYLE, stylesXml } from './styles.js';
import { DocxWriter } from './writer.js';

export type { ReferenceDocx } from './reference.js';
export { parseReferenceDocx, readReferenceDocx } from './reference.js';

export interface DocxOptions {
  /** A company template whose styles (and theme) replace rolemark's, as pandoc's `--reference-doc`. */
  reference?: ReferenceDocx;
  /**
   * The creation and modification date of docProps/core.xml. By default `SOURCE_DATE_EPOCH` when
   * it is set, else the document's date; never the clock, so the same input gives the same bytes.
   */
  modified?: Date | null;
}

const ROLES_OF = 'Roles {from}–{to} of {total}';

/** `SOURCE_DATE_EPOCH` (seconds), else the document's date at midnight UTC, else none. */
export function documentTimestamp(ir: DocumentIR, env: NodeJS.ProcessEnv = process.env): Date | null {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  if (ir.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(ir.meta.date)) {
    const date = new Date(`${ir.meta.date}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}

function pageOfRuns(template: string): ParagraphChild[] {
  const parts = template.split(/(\{page\}|\{pages\})/).filter((p) => p !== '');
  const children = parts.map((p) =>
    p === '{page}' ? PageNumber.CURRENT : p === '{pages}' ? PageNumber.TOTAL_PAGES : p,
  );
  return [new TextRun({ children: ['\t', ...children] })];
}

function themeOf(reference: ReferenceDocx | undefined): IThemeOptions | undefined {
  if (!reference) return undefined;
  try {
    return readTheme(reference.bytes);
  } catch {
    // A reference without a theme: its styles name their fonts and colours themselves.
    return undefined;
  }
}

/** The docx Document of an IR, before it is packed (for `renderDocx`, and docx's `layoutDocument`). */
export function docxDocument(ir: DocumentIR, options: DocxOptions = {}): Document {
  const lang = ir.meta.lang || 'en';
  const writer = new DocxWriter({ rolesOf: ir.labels.rolesOf ?? ROLES_OF });
  writer.render(ir.blocks);
  // A section left empty (after a landscape matrix that ends the document) would be a blank page.
  const kept = writer.sections.filter((s, i) => i === 0 || s.children.length > 0);
  const sections: ISectionOptions[] = kept.map((s) => ({
    properties: {
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: s.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: PAGE.margin,
          bottom: PAGE.margin,
          left: PAGE.margin,
          right: PAGE.margin,
          header: 567,
          footer: 567,
        },
      },
    },
    headers: {
      default: new Header({
        children: [new Paragraph({ style: STYLE.header, children: [new TextRun(ir.header)] })],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: s.landscape ? STYLE.footerLandscape : STYLE.footer,
            children: [new TextRun(ir.footer), ...pageOfRuns(ir.labels.pageOf)],
          }),
        ],
      }),
    },
    children: s.children,
  }));
  const own = stylesXml(lang);
  const styles = withLanguage(options.reference ? mergeStyles(own, options.reference.styles) : own, lang);
  const theme = themeOf(options.reference);
  return new Document({
    title: ir.meta.title,
    subject: ir.meta.subject,
    creator: ir.meta.author ?? 'rolemark',
    keywords: ir.meta.keywords.join(', '),
    description: [ir.meta.subject, ir.footer].filter((s) => s !== '').join('. '),
    lastModifiedBy: 'rolemark',
    revision: 1,
    externalStyles: styles,
    ...(theme ? { theme } : {}),
    numbering: numbering(),
    footnotes: writer.footnotes,
    // Works out the page each heading is on, so that the contents' page numbers are written with
    // the document: Word and LibreOffice show a TOC field as written until it is updated. Only
    // documents with contents need it (page and page-count fields are always computed on display).
    ...(ir.blocks.some((b) => b.type === 'toc') ? { pageNumbers: estimatePageNumbers } : {}),
    sections,
  });
}

/** Renders a document IR to DOCX bytes: named styles throughout, so companies can restyle it. */
export async function renderDocx(ir: DocumentIR, options: DocxOptions = {}): Promise<Buffer> {
  const lang = ir.meta.lang || 'en';
  const doc = docxDocument(ir, options);
  const modified = options.modified === undefined ? documentTimestamp(ir) : options.modified;
  const packed = await Packer.toBuffer(doc);
  return Buffer.from(
    finishPackage(new Uint8Array(packed), {
      modified: modified ? modified.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
      lang,
    }),
  );
}
