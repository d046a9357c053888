/**
 * A build's files checked and parsed in two threads at once: the build's own and its early render
 * worker (workflow/early-render.ts), which has loaded the PDF writer by then and would otherwise
 * wait for the first document. Parsing is most of reading (micromark's GFM tables: a 125-row
 * table costs fifteen times the same text without tables), and on L the worker waited 2–5 s
 * for it (docs/performance.md, round six).
 *
 * Each thread takes the next file not taken yet (one shared counter), so whichever is free works:
 * the worker starts once its writer is loaded, and a thread that is slower (another process's
 * load) takes fewer. The worker sends back what {@link guardSource} gives (the checked text, its
 * syntax tree, the findings), copied by the structured clone, about a tenth of parsing it; the
 * rest of reading (the files' structure, roles and tables, the model) stays in the build's thread,
 * in the files' order, so the model and its diagnostics are those of one thread.
 */
import type { Worker } from 'node:worker_threads';
import { type Guarded, guardArguments, guardSource } from '../read/guard.js';
import type { Limits } from '../read/limits.js';
import type { SourceFile } from '../read/source.js';

/** The job the worker is given: the files, what {@link guardSource} takes, and the shared counter. */
export interface ReadJob {
  type: 'rolemark:read';
  sources: SourceFile[];
  limits: Limits;
  root: string;
  /** The next file to take, in a `SharedArrayBuffer`: taken with `Atomics.add`. */
  next: Int32Array;
}

/** One file's result from the worker; `guarded` null when it failed there (taken again here). */
export interface ReadReply {
  type: 'rolemark:read';
  index: number;
  guarded: Guarded | null;
}

const isReply = (m: unknown): m is ReadReply =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'rolemark:read';

/**
 * Every source checked and parsed ({@link guardSource}), in their order, by this thread and
 * `worker` together. Files the worker took and could not do, or had not done when it ended, are
 * done here.
 */
export function guardTogether(
  worker: Worker,
  sources: readonly SourceFile[],
  limits: Partial<Limits> | undefined,
): Promise<Guarded[]> {
  const { limits: resolved, root } = guardArguments(sources, limits);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results: (Guarded | undefined)[] = Array.from({ length: sources.length });
  const here = (i: number) => guardSource(sources[i] as SourceFile, resolved, root);
  return new Promise<Guarded[]>((resolve, reject) => {
    let finished = false;
    const missing = () => results.reduce((n, r) => n + (r === undefined ? 1 : 0), 0);
    const end = (error?: unknown) => {
      if (finished) return;
      finished = true;
      worker.off('message', onMessage);
      worker.off('exit', onGone);
      worker.off('error', onGone);
      if (error !== undefined) reject(error);
      else resolve(results as Guarded[]);
    };
    const onMessage = (m: unknown) => {
      if (!isReply(m) || finished) return;
      try {
        results[m.index] = m.guarded ?? here(m.index);
        if (draining && missing() === 0) end();
      } catch (error) {
        end(error);
      }
    };
    // The worker gone (it failed to load): what it took is done here.
    const onGone = () => {
      try {
        for (const [i, r] of results.entries()) if (r === undefined) results[i] = here(i);
        end();
      } catch (error) {
        end(error);
      }
    };
    let draining = false;
    worker.on('message', onMessage);
    worker.once('exit', onGone);
    worker.once('error', onGone);
    worker.postMessage({
      type: 'rolemark:read',
      sources: [...sources],
      limits: resolved,
      root,
      next,
    } satisfies ReadJob);
    try {
      for (let i = Atomics.add(next, 0, 1); i < sources.length; i = Atomics.add(next, 0, 1))
        results[i] = here(i);
    } catch (error) {
      end(error);
      return;
    }
    // Only the worker's files are left: their replies come as messages.
    draining = true;
    if (missing() === 0) end();
  });
}

/**
 * The worker's side: takes files from the shared counter until none is left, sending each one's
 * result as it is done. Never throws: a file that fails here is sent back undone.
 */
export function guardShare(job: ReadJob, send: (reply: ReadReply) => void): void {
  for (let i = Atomics.add(job.next, 0, 1); i < job.sources.length; i = Atomics.add(job.next, 0, 1)) {
    let guarded: Guarded | null = null;
    try {
      guarded = guardSource(job.sources[i] as SourceFile, job.limits, job.root);
    } catch {
      // Done again in the build's thread, where it fails as it would have alone.
    }
    send({ type: 'rolemark:read', index: i, guarded });
  }
}
