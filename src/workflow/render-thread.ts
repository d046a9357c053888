/**
 * The render worker's entry (render/pool.ts starts it): the writers' job loop of
 * render/render-worker.ts, and after each document the code cache of the libraries this thread
 * compiled (src/code-cache.ts). Only the main thread writes the cache at exit, and a pool ends its
 * workers without one: since round four's early worker, a default build rendered its PDFs in a
 * worker and never wrote pdfkit's and fontkit's cache (docs/performance.md, round five). Written
 * after a document, the cache holds what rendering compiled; with nothing new, it is no work.
 */
import { parentPort } from 'node:worker_threads';
import { writePending } from '../code-cache.js';
import { afterJob } from '../render/render-worker.js';
import type { ReadJob } from './parallel-read.js';

afterJob.run = () => {
  writePending();
};

// An early worker also takes its share of the build's files to parse while it waits for its
// first document (workflow/parallel-read.ts); the reader is loaded only then.
parentPort?.on('message', (m: unknown) => {
  if (typeof m !== 'object' || m === null) return;
  // The pool is done with this worker (render/pool.ts, endWorker): end here, between two jobs, so
  // that what the thread writes as it exits (the shaping cache) is written whole.
  if ((m as { type?: unknown }).type === 'rolemark:end') process.exit(0);
  if ((m as { type?: unknown }).type !== 'rolemark:read') return;
  // Every file taken already (a small build, read before this worker was ready): nothing to load.
  const job = m as ReadJob;
  if (Atomics.load(job.next, 0) >= job.sources.length) return;
  void import('./parallel-read.js').then(({ guardShare }) =>
    guardShare(job, (reply) => parentPort?.postMessage(reply)),
  );
});
