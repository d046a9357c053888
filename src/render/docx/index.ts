import {
  Document,
  Footer,
  Header,
  ImageRun,
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
import type { DocumentIR } from '../../ir/types.js';
import { fastCompiler, type PartsCompiler } from './compile.js';
import { loadDocxLayout, pageEstimator } from './estimate.js';
import { LAYOUT_BUDGET, longWordCost } from './layout-cost.js';
import { type Look, lookFor, textWidthOf } from './look.js';
import { finishPackage, finishParts } from './package.js';
import { canTypeset, ownEstimator } from './pages/index.js';
import { mergeStyles, type ReferenceDocx, withLanguage } from './reference.js';
import { numbering, STYLE, stylesXml } from './styles.js';
import { NO_STYLES, withSharedStyles, withSharedTheme } from './styles-cache.js';
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
  /**
   * Works out the contents' page numbers on the whole document rather than on its lighter twin
   * (see `estimate.ts`). The numbers are the same; this exists to test that they are.
   */
  fullPageEstimate?: boolean;
  /**
   * Who works out the contents' page numbers: rolemark's own typesetter (pages/, the default where
   * it can: rolemark's styles in Calibri, Carlito installed) or docx's estimate (`docx`, always
   * used with a reference document), kept to compare the two.
   */
  pageEstimate?: 'own' | 'docx';
  /**
   * Who writes the parts' XML: rolemark's one-pass writer (`own`, the default; compile.ts), with
   * the styles shared by the documents that have the same (styles-cache.ts), or docx's (`docx`),
   * which reads and formats each document's styles itself, kept to check that the bytes are the same.
   */
  xmlWriter?: 'own' | 'docx';
}

const ROLES_OF = 'Roles {from}–{to} of {total}';

/**
 * `SOURCE_DATE_EPOCH` (seconds), else the document's date at midnight UTC, else when its sources
 * last changed (IR `meta.modified`), else none.
 */
export function documentTimestamp(ir: DocumentIR, env: NodeJS.ProcessEnv = process.env): Date | null {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  if (ir.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(ir.meta.date)) {
    const date = new Date(`${ir.meta.date}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  // Else when the sources last changed: their last commit, or their modification time.
  const modified = ir.meta.modified ? new Date(ir.meta.modified) : null;
  return modified && !Number.isNaN(modified.getTime()) ? modified : null;
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

/**
 * The theme's logo as an image run, at most `maxW` × `maxH` points with its proportions kept
 * (docx sizes images in pixels at 96 to the inch).
 */
function logoRun(ir: DocumentIR, maxW: number, maxH: number): ImageRun | undefined {
  const logo = ir.theme?.logo;
  if (!logo) return undefined;
  const ratio = logo.pixelHeight / Math.max(1, logo.pixelWidth);
  const width = Math.min(logo.width, maxW, maxH / ratio);
  const px = (pt: number) => Math.max(1, Math.round((pt * 96) / 72));
  return new ImageRun({
    type: logo.format === 'png' ? 'png' : 'jpg',
    data: Buffer.from(logo.data, 'base64'),
    transformation: { width: px(width), height: px(width * ratio) },
    altText: { name: 'Logo', title: 'Logo', description: ir.meta.author ?? 'Logo' },
  });
}

/** The docx Document of an IR, before it is packed (for `renderDocx`, and docx's `layoutDocument`). */
export function docxDocument(ir: DocumentIR, options: DocxOptions = {}): Document {
  const lang = ir.meta.lang || 'en';
  const look: Look = lookFor(ir.theme);
  const page = look.page;
  const placement = ir.theme?.logo?.placement;
  const textPt = textWidthOf(page, false) / 20;
  const coverLogo = placement === 'cover' || placement === 'both' ? logoRun(ir, textPt / 3, 60) : undefined;
  const writer = new DocxWriter(
    { ...ir.labels, rolesOf: ir.labels.rolesOf ?? ROLES_OF },
    page,
    look.scale,
    coverLogo,
    look.band,
    look.headerFill,
  );
  writer.render(ir.blocks);
  // A section left empty (after a landscape matrix that ends the document) would be a blank page.
  const kept = writer.sections.filter((s, i) => i === 0 || s.children.length > 0);
  // In the header, right-aligned at the header style's tab (Header Landscape's in turned sections).
  const headerLogo = () => {
    if (placement !== 'header' && placement !== 'both') return [];
    const run = logoRun(ir, textPt * 0.3, Math.max(12, page.margin.top / 20 - 30));
    return run ? [new TextRun({ text: '\t' }), run] : [];
  };
  const sections: ISectionOptions[] = kept.map((s, i) => {
    const footer = () =>
      new Footer({
        children: [
          new Paragraph({
            style: s.landscape ? STYLE.footerLandscape : STYLE.footer,
            children: [new TextRun(ir.footer), ...pageOfRuns(ir.labels.pageOf)],
          }),
        ],
      });
    // The cover page has no running header: its title says it already (Word's title-page setting).
    const cover = i === 0 && ir.blocks[0]?.type === 'cover';
    return {
      properties: {
        ...(cover ? { titlePage: true } : {}),
        page: {
          size: {
            width: page.width,
            height: page.height,
            orientation: s.landscape || page.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            ...page.margin,
            // The running header and footer sit 1 cm from the edge, inside the margins.
            header: Math.min(567, Math.round(page.margin.top / 2)),
            footer: Math.min(567, Math.round(page.margin.bottom / 2)),
          },
        },
      },
      headers: {
        ...(cover
          ? { first: new Header({ children: [new Paragraph({ style: STYLE.header, children: [] })] }) }
          : {}),
        default: new Header({
          children: [
            new Paragraph({
              style: s.landscape ? STYLE.headerLandscape : STYLE.header,
              children: [new TextRun(ir.header), ...headerLogo()],
            }),
          ],
        }),
      },
      footers: { default: footer(), ...(cover ? { first: footer() } : {}) },
      children: s.children,
    };
  });
  const own = stylesXml(lang, look);
  const styles = withLanguage(options.reference ? mergeStyles(own, options.reference.styles) : own, lang);
  const theme = themeOf(options.reference);
  const doc = new Document({
    title: ir.meta.title,
    subject: ir.meta.subject,
    creator: ir.meta.author ?? 'rolemark',
    keywords: ir.meta.keywords.join(', '),
    description: [ir.meta.subject, ir.footer].filter((s) => s !== '').join('. '),
    lastModifiedBy: 'rolemark',
    revision: 1,
    // With rolemark's writer, replaced just below by the styles every document with the same ones
    // shares (styles-cache.ts); docx's writer gets them as docx makes them, to compare the bytes.
    externalStyles: options.xmlWriter === 'docx' ? styles : NO_STYLES,
    ...(theme ? { theme } : {}),
    numbering: numbering(),
    footnotes: writer.footnotes,
    // Works out the page each heading is on, so that the contents' page numbers are written with
    // the document: Word and LibreOffice show a TOC field as written until it is updated. Only
    // documents with contents need it (page and page-count fields are always computed on display).
    ...(ir.blocks.some((b) => b.type === 'toc') && longWordCost(ir) <= LAYOUT_BUDGET
      ? { pageNumbers: estimatorFor(look, writer.noteTexts, options) }
      : {}),
    sections,
  });
  if (options.xmlWriter === 'docx') return doc;
  // The theme too, when it is docx's own (a reference document's theme is its own).
  return withSharedStyles(theme ? doc : withSharedTheme(doc), styles, options.reference);
}

/** Whether the contents' page numbers of a document are our typesetter's, not docx's estimate. */
const ownEstimates = (look: Look, options: DocxOptions): boolean =>
  options.pageEstimate !== 'docx' && !options.reference && !options.fullPageEstimate && canTypeset(look);

/**
 * Our own estimate where it can measure the document (pages/index.ts), else docx's. Should ours
 * meet a body it cannot read (a bug: it reads every element rolemark writes), docx's takes over,
 * as a document with its contents numbered a little slower beats no document.
 */
function estimatorFor(look: Look, notes: ReadonlyMap<string, string>, options: DocxOptions) {
  const docx = pageEstimator({ full: options.fullPageEstimate });
  const own = ownEstimates(look, options) ? ownEstimator(look, notes) : undefined;
  if (!own) return docx;
  const estimate: typeof docx = (body, context) => {
    try {
      return own(body, context);
    } catch {
      return docx(body, context);
    }
  };
  return estimate;
}

/** Renders a document IR to DOCX bytes: named styles throughout, so companies can restyle it. */
export async function renderDocx(ir: DocumentIR, options: DocxOptions = {}): Promise<Buffer> {
  const lang = ir.meta.lang || 'en';
  // docx's estimate is loaded only by the documents that will use it (estimate.ts).
  const docxEstimates = ir.blocks.some((b) => b.type === 'toc') && !ownEstimates(lookFor(ir.theme), options);
  if (docxEstimates) await loadDocxLayout();
  const doc = docxDocument(ir, options);
  const modified = options.modified === undefined ? documentTimestamp(ir) : options.modified;
  const finish = {
    modified: modified ? modified.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
    lang,
  };
  // The parts as Packer would zip them, unzipped: finishParts zips them once, normalised. Ours
  // formats the tables for docx's walks of the body to pass over (prep.ts `passOver`), unless
  // docx's estimate reads the body: it would not know them (ours does; without contents, none).
  const own = options.xmlWriter !== 'docx' ? fastCompiler() : undefined;
  if (own) return Buffer.from(finishParts(own.compile(doc, { passOver: !docxEstimates }), finish));
  // docx's own compiler (its second argument is its indenting).
  const compiler = (Packer as unknown as { compiler?: PartsCompiler }).compiler;
  if (typeof compiler?.compile === 'function') return Buffer.from(finishParts(compiler.compile(doc), finish));
  return Buffer.from(finishPackage(new Uint8Array(await Packer.toBuffer(doc)), finish));
}
