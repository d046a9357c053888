import type { DocumentFormat, DocumentIR } from '../ir/types.js';
import type { ReferenceDocx } from './docx/reference.js';
import type { RenderWarning } from './warning.js';

export type { DocumentFormat } from '../ir/types.js';
export type { RenderWarning } from './warning.js';

export interface RenderOptions {
  /** DOCX only: a reference document whose styles replace rolemark's (`--reference-docx`). */
  referenceDocx?: ReferenceDocx;
  /** Receives what a writer could not render as written (e.g. a `missing-glyph`). */
  onWarning?: (warning: RenderWarning) => void;
}

/** A writer: a composed document in, the file's bytes out. */
export type Writer = (ir: DocumentIR, options?: RenderOptions) => Promise<Buffer>;

/**
 * The writers of composed documents, by format: one for each of DOCUMENT_FORMATS, and no other
 * (the type says so). Each is imported only when used, so that `rolemark check` and `export`
 * never load pdfkit or docx.
 */
export const writers: Record<DocumentFormat, Writer> = {
  pdf: async (ir: DocumentIR, options: RenderOptions = {}) =>
    (await import('./pdf/index.js')).renderPdf(ir, options.onWarning ? { onWarning: options.onWarning } : {}),
  docx: async (ir: DocumentIR, options: RenderOptions = {}) =>
    (await import('./docx/index.js')).renderDocx(
      ir,
      options.referenceDocx ? { reference: options.referenceDocx } : {},
    ),
};

export function render(ir: DocumentIR, format: DocumentFormat, options: RenderOptions = {}): Promise<Buffer> {
  return writers[format](ir, options);
}
