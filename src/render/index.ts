import type { DocumentIR } from '../compose/ir.js';
import type { ReferenceDocx } from './docx/reference.js';
import type { RenderWarning } from './pdf/index.js';

export type { RenderWarning } from './pdf/index.js';

export interface RenderOptions {
  /** DOCX only: a reference document whose styles replace rolemark's (`--reference-docx`). */
  referenceDocx?: ReferenceDocx;
  /** Receives what a writer could not render as written (e.g. a `missing-glyph`). */
  onWarning?: (warning: RenderWarning) => void;
}

/**
 * The writers of composed documents, by format. Each is imported only when used, so that
 * `rolemark check` and `export` never load pdfkit or docx.
 */
export const writers = {
  pdf: async (ir: DocumentIR, options: RenderOptions = {}) =>
    (await import('./pdf/index.js')).renderPdf(ir, options.onWarning ? { onWarning: options.onWarning } : {}),
  docx: async (ir: DocumentIR, options: RenderOptions = {}) =>
    (await import('./docx/index.js')).renderDocx(
      ir,
      options.referenceDocx ? { reference: options.referenceDocx } : {},
    ),
} as const;

export type DocumentFormat = keyof typeof writers;

export function render(ir: DocumentIR, format: DocumentFormat, options: RenderOptions = {}): Promise<Buffer> {
  return writers[format](ir, options);
}
