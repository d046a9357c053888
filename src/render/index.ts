import type { DocumentIR } from '../compose/ir.js';

/**
 * The writers of composed documents, by format. Each is imported only when used, so that
 * `rolemark check` and `export` never load pdfkit or docx.
 */
export const writers = {
  pdf: async (ir: DocumentIR) => (await import('./pdf/index.js')).renderPdf(ir),
  docx: async (ir: DocumentIR) => (await import('./docx/index.js')).renderDocx(ir),
} as const;

export type DocumentFormat = keyof typeof writers;

export function render(ir: DocumentIR, format: DocumentFormat): Promise<Buffer> {
  return writers[format](ir);
}
