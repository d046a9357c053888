import PDFDocument from 'pdfkit';
import type { DocumentIR } from '../../ir/types.js';
import type { RenderWarning } from '../warning.js';
import { batchWrites } from './batched-writes.js';
import { defaultFallbackFonts, type FallbackFont, FontStack } from './fonts.js';
import { completeXmp } from './metadata.js';
import { renderingStarted, saveShapingCacheWhenIdle } from './shaping-cache.js';
import { compressSubsetsOnce } from './shared-subset.js';
import { Tagger } from './tags.js';
import type { MissingGlyph } from './text.js';
import { themeFor } from './theme.js';
import { themeFonts } from './theme-fonts.js';
import { Typesetter } from './typeset.js';
import { postponeSample } from './warm-fonts.js';
import { PdfWriter } from './writer.js';

export type { RenderWarning } from '../warning.js';
export type { FallbackFont } from './fonts.js';

export interface PdfOptions {
  /**
   * Creation date; by default the document's date, else `SOURCE_DATE_EPOCH`, else when its sources
   * last changed (IR `meta.modified`), else 2000-01-01.
   */
  date?: Date;
  /** Tagged PDF with a structure tree (default true). */
  tagged?: boolean;
  /** Write PDF/A-2b: XMP identification and an sRGB output intent. */
  pdfa?: boolean;
  /**
   * Fonts for glyphs DejaVu lacks, tried in order. By default `ROLEMARK_FONTS`, else Debian's
   * Noto CJK when installed. `[]` turns fallback off.
   */
  fallbackFonts?: FallbackFont[];
  /** Receives each warning once, e.g. a character that no font can draw. */
  onWarning?: (warning: RenderWarning) => void;
}

/** A fixed date for documents that give none: reproducible builds never read the clock. */
const EPOCH = new Date('2000-01-01T00:00:00Z');

/** The date stamped in the PDF: never the clock, so the same input gives the same bytes. */
export function creationDate(ir: DocumentIR, options: PdfOptions, env = process.env): Date {
  const valid = (d: Date | undefined) => (d && !Number.isNaN(d.getTime()) ? d : undefined);
  const epoch = env.SOURCE_DATE_EPOCH ? new Date(Number(env.SOURCE_DATE_EPOCH) * 1000) : undefined;
  return (
    valid(options.date) ??
    valid(ir.meta.date ? new Date(`${ir.meta.date}T00:00:00Z`) : undefined) ??
    valid(epoch) ??
    valid(ir.meta.modified ? new Date(ir.meta.modified) : undefined) ??
    EPOCH
  );
}

/** Renders a document IR to PDF bytes, with embedded, subsetted fonts and a structure tree. */
export function renderPdf(ir: DocumentIR, options: PdfOptions = {}): Promise<Buffer> {
  renderingStarted();
  postponeSample();
  const date = creationDate(ir, options);
  const tagged = options.tagged ?? true;
  const theme = themeFor(ir.theme);
  const doc = new PDFDocument({
    size: theme.page.size,
    layout: theme.page.layout,
    margins: theme.page.margin,
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged,
    lang: ir.meta.lang,
    displayTitle: true,
    // No default font: pdfkit would build Helvetica's metrics for every document (1–2% of a
    // warm render); rolemark never draws with it.
    font: null as unknown as string,
    ...(options.pdfa ? { subset: 'PDF/A-2b' as const } : {}),
    info: {
      Title: ir.meta.title,
      Author: ir.meta.author ?? '',
      Subject: ir.meta.subject,
      Keywords: ir.meta.keywords.join(', '),
      Creator: 'rolemark',
      Producer: 'rolemark (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  batchWrites(doc);
  completeXmp(doc, date);
  // pdfkit names the fonts of a document F1, F2… in the order they are opened, Helvetica first:
  // the document's own fonts keep their names (F2 on), and so its bytes.
  (doc as unknown as { _fontCount: number })._fontCount = 1;
  // The catalog is one of pdfkit's PDF objects: its class learns to reuse compressed subsets.
  compressSubsetsOnce((doc as unknown as { _root: object })._root);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
      // The words this document shaped first, kept for the next process (shaping-cache.ts).
      saveShapingCacheWhenIdle();
    });
    doc.on('error', reject);
  });
  const fonts = new FontStack(
    doc,
    options.fallbackFonts ?? defaultFallbackFonts(ir.meta.lang),
    themeFonts(ir.theme),
  );
  const seen = new Set<string>();
  // The writer says where the text it draws comes from; it is made after the typesetter.
  let writer: PdfWriter | undefined;
  const onMissing = (m: MissingGlyph) => {
    const key = `${m.char}\u0000${m.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const code = `U+${(m.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    options.onWarning?.({
      ruleId: 'missing-glyph',
      message: `No font has a glyph for “${m.char}” (${code}) in “${m.text}”; it prints as a box. Install a font that has it and name it in ROLEMARK_FONTS`,
      char: m.char,
      text: m.text,
      ...(writer?.source ? { source: writer.source } : {}),
    });
  };
  const tagger = new Tagger(doc, tagged);
  const ts = new Typesetter(doc, fonts, tagger, onMissing);
  doc.addPage({ size: theme.page.size, layout: theme.page.layout, margins: theme.page.margin });
  tagger.begin();
  writer = new PdfWriter(doc, ir, fonts, tagger, ts, theme);
  writer.render(ir.blocks);
  writer.finish();
  tagger.end();
  doc.end();
  return done;
}
