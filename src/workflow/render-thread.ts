/**
 * The render worker's entry (render/pool.ts starts it): the writers' job loop of
 * render/render-worker.ts, and after each document the code cache of the libraries this thread
 * compiled (src/code-cache.ts). Only the main thread writes the cache at exit, and a pool ends its
 * workers without one: since round four's early worker, a default build rendered its PDFs in a
 * worker and never wrote pdfkit's and fontkit's cache (docs/performance.md, round five). Written
 * after a document, the cache holds what rendering compiled; with nothing new, it is no work.
 */
import { writePending } from '../code-cache.js';
import { afterJob } from '../render/render-worker.js';

afterJob.run = () => {
  writePending();
};
