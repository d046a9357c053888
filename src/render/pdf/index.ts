import PDFDocument from 'pdfkit';
import type { DocumentIR } from '../../compose/ir.js';
import { FONT_FACES, fontData } from './fonts.js';
import { theme } from './theme.js';
import { PdfWriter } from './writer.js';

export interface PdfOptions {
  /** Fixed creation date, so the same input gives the same bytes. */
  date?: Date;
}

/** A fixed date for documents that give none: reproducible builds never read the clock. */
const EPOCH = new Date('2000-01-01T00:00:00Z');

/** Renders a document IR to PDF bytes, with embedded, subsetted DejaVu fonts. */
export function renderPdf(ir: DocumentIR, options: PdfOptions = {}): Promise<Buffer> {
  const date = options.date ?? (ir.meta.date ? new Date(`${ir.meta.date}T00:00:00Z`) : EPOCH);
  const doc = new PDFDocument({
    size: theme.page.size,
    margins: theme.page.margin,
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: '1.7',
    lang: ir.meta.lang,
    displayTitle: true,
    info: {
      Title: ir.meta.title,
      Author: ir.meta.author ?? '',
      Subject: ir.meta.subject,
      Keywords: ir.meta.keywords.join(', '),
      Creator: 'rolemark',
      Producer: 'rolemark (PDFKit)',
      CreationDate: Number.isNaN(date.getTime()) ? EPOCH : date,
      ModDate: Number.isNaN(date.getTime()) ? EPOCH : date,
    },
  });
  for (const face of FONT_FACES) doc.registerFont(face, fontData(face));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.addPage({ size: theme.page.size, margins: theme.page.margin });
  doc.font('regular');
  const writer = new PdfWriter(doc, ir);
  writer.render(ir.blocks);
  writer.finish();
  doc.end();
  return done;
}
