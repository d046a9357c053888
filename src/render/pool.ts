import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentIR } from '../ir/types.js';
import { threadState } from '../thread-state.js';
import { type DocumentFormat, type RenderOptions, render } from './index.js';
import type { RenderJob, RenderReply } from './render-worker.js';

/** Renders documents, in worker threads when the build is large enough to gain from them. */
export interface Renderer {
  render(ir: DocumentIR, format: DocumentFormat, options: RenderOptions): Promise<Buffer>;
  close(): Promise<void>;
}

/** The main thread's own writers: no start-up cost, one document at a time. */
export const inProcess: Renderer = {
  render: (ir, format, options) => render(ir, format, options),
  close: async () => {},
};

/**
 * How many workers a build of `outputs` documents gets. A worker costs a start-up (loading pdfkit,
 * docx and the fonts: about 0.3 s of CPU), so small builds render in the main thread; measured in
 * bench/results.md. `ROLEMARK_JOBS` (or `--jobs`) overrides it; 1 means no workers.
 */
export function workerCount(outputs: number, jobs?: number): number {
  const cpus = availableParallelism();
  const wanted = jobs ?? (Number(process.env.ROLEMARK_JOBS) || 0);
  if (wanted > 0) return wanted === 1 ? 0 : Math.min(wanted, 16);
  // On 2 cores, one thread per writer (the early worker's PDFs, the build's thread's DOCX files;
  // `buildRenderer`) beat any pool: each isolate warms up one writer (docs/performance.md, round five).
  if (cpus <= 2 || outputs < MIN_OUTPUTS_FOR_WORKERS) return 0;
  // The build's thread renders too ({@link PoolOptions.share}): one worker fewer than cores.
  return Math.min(cpus - 1, 4);
}

/** Below this many documents to render, workers cost more than they save (bench/results.md). */
export const MIN_OUTPUTS_FOR_WORKERS = 24;

/**
 * The worker's compiled entry (workflow/render-thread.ts, which runs render-worker.ts): among the
 * bundle's chunks, or in `tsc`'s output beside this module's folder.
 */
function workerFile(): string | null {
  const here = import.meta.url;
  // From TypeScript sources (tests): no workers; `.cjs`: the build thread's file (bundle.mjs).
  if (!/\.c?js$/u.test(here)) return null;
  for (const candidate of [
    './render-thread.js',
    './chunks/render-thread.js',
    '../workflow/render-thread.js',
  ]) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * A larger young generation: rendering allocates many short-lived objects, and with V8's default
 * the workers spent a tenth of their time in scavenges (about 8% faster, bench/results.md).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

/**
 * Workers started early that have ended since (a failure while loading): never adopted. One set
 * for the thread, as workflow/early-render.ts's worker: the bundle's build thread starts its
 * worker from an ES chunk and adopts it in its CommonJS file, two copies of this module.
 */
const ended = threadState('rolemark.endedWorkers', () => new WeakSet<Worker>());

/**
 * A render worker started before the build knows what it will render (while it reads the
 * content), loading the writers of `preload` meanwhile: on 2 cores the worker's start-up and the
 * first document's compiling of pdfkit and fontkit overlap the reading (docs/performance.md,
 * round four). Null when workers cannot run (from TypeScript sources). It does not keep the
 * process alive: a build that ends up rendering nothing closes it ({@link discardWorker}).
 */
export function startRenderWorker(preload: readonly DocumentFormat[]): Worker | null {
  const file = workerFile();
  if (!file) return null;
  const worker = new Worker(file, { resourceLimits: RESOURCE_LIMITS, workerData: { preload: [...preload] } });
  // Until a pool adopts it: an error is no uncaught one, and a worker that ended is not adopted.
  worker.on('error', () => {});
  worker.once('exit', () => ended.add(worker));
  worker.unref();
  return worker;
}

/**
 * The second thread of a build on 2 cores that has no early worker (an incremental build in which
 * many documents changed: a new version of rolemark, a theme, a role every document shows): a
 * worker for its PDFs, started once the plan knows, beside the build's thread's DOCX files, as a
 * first build has (`buildRenderer`). Null where that would not pay: more than 2 cores (the shared
 * pool), 1 core, one writer only (the worker would start cold while this thread waits), or fewer
 * documents than {@link MIN_OUTPUTS_FOR_WORKERS}.
 */
export function lateWorker(toRender: number, formats: ReadonlySet<string>): Worker | null {
  const cpus = availableParallelism();
  if (cpus !== 2 || toRender < MIN_OUTPUTS_FOR_WORKERS) return null;
  return formats.has('pdf') && formats.has('docx') ? startRenderWorker(['pdf']) : null;
}

/**
 * Ends a worker the pool is done with: asked to end itself (workflow/render-thread.ts), so that a
 * file it is writing (the shaping cache, render/pdf/shaping-cache.ts) is whole and renamed, not
 * cut off and left as a temporary file as `terminate()` could; terminated if it has not ended
 * within 5 s, or if its entry does not know the message.
 */
function endWorker(worker: Worker): Promise<unknown> {
  return new Promise((resolve) => {
    const late = setTimeout(() => void worker.terminate().then(resolve, resolve), 5000);
    worker.once('exit', () => {
      clearTimeout(late);
      resolve(undefined);
    });
    worker.postMessage({ type: 'rolemark:end' });
  });
}

/** Ends a worker that no pool adopted. */
export const discardWorker = (worker: Worker | null | undefined): Promise<unknown> =>
  worker ? worker.terminate() : Promise.resolve();

export interface PoolOptions {
  /** Workers started earlier ({@link startRenderWorker}) that the pool takes as its first ones. */
  adopt?: readonly Worker[];
  /**
   * Formats rendered in the calling thread instead (the DOCX files of a small build, while one
   * worker renders its PDFs): each thread then compiles and warms up one writer only.
   */
  inline?: (format: DocumentFormat) => boolean;
  /**
   * The adopted workers are lent, not given: `close()` leaves them running and warm for the next
   * pool (`watch` keeps one from build to build), only this pool's listeners are removed.
   */
  lent?: boolean;
  /**
   * The calling thread renders too: a job that finds every worker with its {@link PER_WORKER} jobs
   * is rendered here, one at a time, and when this thread has finished one it takes the next
   * waiting, as a worker does. On 2 cores a build then renders in two threads with one worker, not
   * three threads with two: one writer's start-up and warm-up, heap and copies of the documents
   * fewer (docs/performance.md, round five).
   */
  share?: boolean;
  /**
   * Jobs a worker is given at once ({@link PER_WORKER} by default). A worker beside a thread that
   * renders too gets every job as it comes: that thread handles the worker's replies, and so
   * gives it its next job, only between two documents of its own.
   */
  depth?: number;
}

/**
 * Job numbers, unique in the process: a worker lent to one pool after another may still answer a
 * job of a pool that stopped (an aborted build), and that answer must match no job of the next.
 */
let nextJob = 0;

/**
 * Jobs a worker is given at once: the one it renders and the next, so that it never waits for
 * this thread (composing a large document) between two. The others wait in the pool's queue.
 */
const PER_WORKER = 2;

/**
 * A pool of render workers. Jobs wait in one queue and go to a worker when it has room (see
 * {@link PER_WORKER}), the least busy first: a long document never holds shorter ones queued
 * behind it while another worker is idle (on L, the workers waited 2.5 and 6.2 s between jobs
 * when each was given its jobs as they came). Replies resolve their promise with the bytes, and
 * writers' warnings are handed to the job's own `onWarning` in this thread.
 */
export function workerPool(size: number, pool: PoolOptions = {}): Renderer {
  const file = workerFile();
  if (!file || size < 1) return inProcess;
  const adopted = (pool.adopt ?? []).filter((w) => !ended.has(w)).slice(0, size);
  for (const worker of adopted) worker.ref();
  const workers = [
    ...adopted,
    ...Array.from(
      { length: size - adopted.length },
      () => new Worker(file, { resourceLimits: RESOURCE_LIMITS }),
    ),
  ].map((worker) => ({ worker, busy: 0 }));
  const pending = new Map<
    number,
    { resolve: (b: Buffer) => void; reject: (e: Error) => void; options: RenderOptions }
  >();
  const queue: { id: number; ir: DocumentIR; format: DocumentFormat }[] = [];
  /** A job this thread is rendering ({@link PoolOptions.share}). */
  let here = false;
  const dispatch = () => {
    while (queue.length > 0) {
      const target = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (target.busy >= (pool.depth ?? PER_WORKER)) break;
      target.busy++;
      const { id, ir, format } = queue.shift() as (typeof queue)[number];
      const { onWarning: _ignored, ...options } = pending.get(id)?.options ?? {};
      target.worker.postMessage({ id, ir, format, options } satisfies RenderJob);
    }
    if (!pool.share || here || queue.length === 0) return;
    const { id, ir, format } = queue.shift() as (typeof queue)[number];
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    here = true;
    const done = () => {
      here = false;
      dispatch();
    };
    inProcess.render(ir, format, job.options).then(
      (bytes) => {
        done();
        job.resolve(bytes);
      },
      (error: Error) => {
        done();
        job.reject(error);
      },
    );
  };
  const listeners: { worker: Worker; message: (reply: RenderReply) => void; error: (e: Error) => void }[] =
    [];
  for (const w of workers) {
    const message = (reply: RenderReply) => {
      w.busy--;
      dispatch();
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (!reply.ok) {
        const error = new Error(reply.message);
        if (reply.stack) error.stack = reply.stack;
        job.reject(error);
        return;
      }
      for (const warning of reply.warnings) job.options.onWarning?.(warning);
      job.resolve(Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength));
    };
    const error = (error: Error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
      queue.length = 0;
    };
    w.worker.on('message', message);
    w.worker.on('error', error);
    listeners.push({ worker: w.worker, message, error });
  }
  const lent = new Set(pool.lent ? adopted : []);
  return {
    render(ir, format, options) {
      if (pool.inline?.(format)) return inProcess.render(ir, format, options);
      const id = nextJob++;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject, options });
        queue.push({ id, ir, format });
        dispatch();
      });
    },
    async close() {
      for (const { worker, message, error } of listeners) {
        if (!lent.has(worker)) continue;
        worker.off('message', message);
        worker.off('error', error);
        worker.unref();
      }
      await Promise.all(workers.filter((w) => !lent.has(w.worker)).map((w) => endWorker(w.worker)));
    },
  };
}

/**
 * How a build of one thread per writer hands its documents over ({@link buildRenderer}'s `lead`):
 * each writer's thread is kept busy with its own format in plan order, at its own pace, however
 * far that is from the next output to write; the outputs are still written in plan order. A team
 * charter costs the DOCX thread more than the PDF worker and a role charter the opposite, and the
 * plan has all team charters first: with four outputs at a time, as before, the worker waited for
 * the DOCX thread through the team charters and the DOCX thread for the worker through the role
 * charters (on L, 2.5–4 s each; docs/performance.md, round six). A document one thread has
 * reached stays composed until the other has made its format too: on L, the worker runs up to
 * about 170 role charters ahead of the DOCX thread (their PDFs are ~14 MB).
 */
export interface Lead {
  /**
   * Each format, how many of its jobs may be handed over and not finished at once, and whether
   * the calling thread renders it (`here`).
   */
  lanes: readonly { format: DocumentFormat; depth: number; here?: boolean }[];
  /** How far past the next output to write they may go, in outputs of the plan. */
  ahead: number;
  /** Bytes of finished outputs waiting to be written, past which no more are handed over. */
  bytes: number;
}

/**
 * The lead of a build with a PDF worker beside this thread's DOCX files: 16 PDFs handed over at
 * once cover the longest DOCX file this thread renders between two turns of its event loop (a
 * team charter, 150–300 ms, against 30–40 ms for a role charter's PDF), when it gives the worker
 * its next; the DOCX files one at a time, this thread's event loop turning between two.
 */
export const TWO_WRITERS: Lead = {
  lanes: [
    { format: 'pdf', depth: 16 },
    { format: 'docx', depth: 1, here: true },
  ],
  ahead: 1024,
  bytes: 64 * 1024 * 1024,
};

/**
 * The lead of a DOCX-only build in two threads: the early worker is kept {@link ONE_WRITER_DEPTH}
 * documents ahead, and this thread renders the next one nobody took while the next output to
 * write is the worker's and not ready, its event loop turning between two (the worker's replies
 * handled, its lane refilled, files written).
 */
export const ONE_WRITER_DEPTH = 4;
export const ONE_WRITER: Lead = {
  lanes: [
    { format: 'docx', depth: ONE_WRITER_DEPTH },
    { format: 'docx', depth: 1, here: true },
  ],
  ahead: 1024,
  bytes: 64 * 1024 * 1024,
};

/**
 * The renderer of a build, and how many outputs it makes at once (`ahead`). With `workers`, a
 * pool that takes the `early` worker (workflow/early-render.ts) as its first, and with `share`
 * this thread renders beside them. A smaller build
 * given an early worker, with both PDFs and DOCX files to render, renders its PDFs there and its
 * DOCX files in this thread, at once; with one of them, all in that worker, which has loaded its
 * writer while this thread read. Otherwise this thread alone, one output at a time.
 *
 * Outputs are made up to `ahead` at a time (in a pool, two given to each worker and two more
 * waiting in its queue) and written in plan order, so memory holds a few rendered documents,
 * never all of them, and a long document being rendered does not leave the other workers idle.
 */
export function buildRenderer(
  workers: number,
  early: Worker | null,
  formats: ReadonlySet<string>,
  /** A warm worker lent for this build (`watch`'s): used as `early` is, and left running. */
  lent: Worker | null = null,
  /** The calling thread renders too, beside the `workers` ({@link PoolOptions.share}). */
  share = false,
): { renderer: Renderer; ahead: number; lead?: Lead } {
  const adopt = early ? [early] : [];
  if (workers > 0) {
    const renderer = workerPool(workers, { adopt, share });
    return { renderer, ahead: (workers + (share && renderer !== inProcess ? 1 : 0)) * 4 };
  }
  const second = early ?? (lent && !ended.has(lent) ? lent : null);
  if (second && formats.has('pdf') && formats.has('docx')) {
    const renderer = workerPool(1, {
      adopt: [second],
      inline: (format) => format !== 'pdf',
      depth: Number.POSITIVE_INFINITY,
      ...(second === lent && !early ? { lent: true } : {}),
    });
    if (renderer === inProcess) return { renderer, ahead: 1 };
    return { renderer, ahead: 4, lead: TWO_WRITERS };
  }
  if (early && formats.has('docx') && !formats.has('pdf') && share) {
    // DOCX files only: the early worker has loaded docx while this thread read, and this thread
    // has it in its own code (it renders the DOCX files of a default build): both render, each
    // taking the next document nobody took (`ONE_WRITER`).
    const renderer = workerPool(1, { adopt: [early], depth: Number.POSITIVE_INFINITY });
    if (renderer === inProcess) return { renderer, ahead: 1 };
    return { renderer, ahead: 4, lead: ONE_WRITER };
  }
  if (early && (formats.has('pdf') || formats.has('docx'))) {
    // One writer only: the early worker has loaded it while this thread read, and renders all.
    const renderer = workerPool(1, { adopt: [early] });
    return { renderer, ahead: renderer === inProcess ? 1 : 4 };
  }
  return { renderer: inProcess, ahead: 1 };
}
