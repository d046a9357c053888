/**
 * A render worker: receives composed documents, renders them with the same writers as the main
 * thread, and sends the bytes back (transferred, not copied) with any warnings the writer gave.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentIR } from '../ir/types.js';
import { type DocumentFormat, type RenderOptions, type RenderWarning, render } from './index.js';

export interface RenderJob {
  id: number;
  ir: DocumentIR;
  format: DocumentFormat;
  options: Omit<RenderOptions, 'onWarning'>;
}

export type RenderReply =
  | { id: number; ok: true; data: Uint8Array; warnings: RenderWarning[] }
  | { id: number; ok: false; message: string; stack?: string };

/**
 * A worker started ahead of its jobs (pool.ts, `startRenderWorker`) loads the writers it was told
 * to while the build reads: their modules, the libraries' code cache and the fonts (for PDF, the
 * DejaVu faces a first document reads, their tables decoded: pdf/warm-fonts.ts, `warmFonts`). A failure
 * here is not reported: the first render of that format loads the writer again and reports it then.
 */
const { preload = [] } = (workerData ?? {}) as { preload?: DocumentFormat[] };
for (const format of preload) await preloadWriter(format).catch(() => {});

async function preloadWriter(format: DocumentFormat): Promise<void> {
  if (format === 'docx') {
    await import('./docx/index.js');
    return;
  }
  await import('./pdf/index.js');
  // And the fonts a first document reads, parsed while the build reads (pdf/fonts.ts).
  (await import('./pdf/warm-fonts.js')).warmFonts();
}

/**
 * What the worker does after each document's reply is sent: its entry (workflow/render-thread.ts)
 * writes there the code cache of the libraries this thread compiled (src/code-cache.ts), which
 * the writers' layer does not import.
 */
export const afterJob: { run: () => void } = { run: () => {} };

parentPort?.on('message', async (job: RenderJob) => {
  // Not a document: a job of the thread's entry (workflow/render-thread.ts, the build's files).
  if ('type' in job) return;
  const warnings: RenderWarning[] = [];
  try {
    const bytes = await render(job.ir, job.format, { ...job.options, onWarning: (w) => warnings.push(w) });
    // A Buffer may be a slice of Node's shared allocation pool: transfer only a buffer of its own.
    const data = new Uint8Array(bytes.byteLength);
    data.set(bytes);
    parentPort?.postMessage({ id: job.id, ok: true, data, warnings } satisfies RenderReply, [data.buffer]);
    afterJob.run();
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({
      id: job.id,
      ok: false,
      message: e.message,
      stack: e.stack,
    } satisfies RenderReply);
  }
});
