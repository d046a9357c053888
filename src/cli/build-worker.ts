/**
 * The thread `rolemark build` runs in (see cli/build-thread.ts): it reads, checks, composes and
 * renders, and reports progress and the result to the main thread, which stays free to answer
 * signals. An `abort` message stops the build as the library's `signal` does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writePending } from '../code-cache.js';
import { RolemarkError } from '../errors.js';
import type { BuildOptions, BuildProgress, BuildResult, Model } from '../index.js';
import { guessEarlyRenderer, startEarlyRenderer } from '../workflow/early-render.js';

export interface BuildJob {
  inputs: string[];
  options: Omit<BuildOptions, 'onProgress' | 'signal'>;
}

/** An error as it crosses threads: a RolemarkError keeps its exit code and diagnostics. */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  exitCode?: number;
  diagnostics?: unknown;
}

/** The job, to a thread started before the command line was read; or a signal's stop. */
export type ToBuild =
  | { type: 'job'; job: BuildJob }
  | { type: 'abort'; message: string; exitCode: 130 | 143 };

/** What a thread started ahead of its job (bin.ts) is given: the job comes as a message. */
export interface Prestarted {
  prestarted: true;
  /** The command line after `build`, for the early render worker's guess. */
  argv?: string[];
}

export type FromBuild =
  | { type: 'progress'; event: BuildProgress }
  | { type: 'done'; result: BuildResult & { model: Model } }
  | { type: 'failed'; error: SentError };

function sent(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const e: SentError = { name: error.name, message: error.message };
  if (error.stack) e.stack = error.stack;
  if (error instanceof RolemarkError) {
    e.exitCode = error.exitCode;
    const { diagnostics } = error as { diagnostics?: unknown };
    if (diagnostics !== undefined) e.diagnostics = diagnostics;
  }
  return e;
}

/**
 * The thread's work, in a function rather than at the module's top level: in the installed bundle
 * this module is part of a CommonJS file (cli/build-worker-entry.ts), which has no top-level await.
 */
async function serve(port: NonNullable<typeof parentPort>): Promise<void> {
  const data = workerData as BuildJob | Prestarted;
  // A build whose command line says it will render PDFs and DOCX files starts its render worker
  // now, before the job (workflow/early-render.ts); the job's options keep or end it.
  if ('prestarted' in data && data.argv) guessEarlyRenderer(data.argv);
  const stop = new AbortController();
  const jobs = new Promise<BuildJob>((resolve) => {
    if (!('prestarted' in data)) resolve(data);
    port.on('message', (m: ToBuild) => {
      if (m.type === 'job') resolve(m.job);
      else stop.abort(new RolemarkError(m.message, m.exitCode));
    });
  });
  // The reader, the rules and the composer load at once: in a thread started early (bin.ts), while
  // the main thread still reads the command line and the configuration.
  const api = import('../index.js');
  api.catch(() => {});
  const post = (m: FromBuild) => port.postMessage(m);
  try {
    const job = await jobs;
    // The render worker of a build that will render starts before the API has loaded: its start-up
    // and loading the PDF writer overlap the reading (workflow/early-render.ts).
    startEarlyRenderer(job.options);
    const { build } = await api;
    const result = await build(job.inputs, {
      ...job.options,
      signal: stop.signal,
      onProgress: (event) => post({ type: 'progress', event }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', error: sent(error) });
  } finally {
    // The writers' libraries were compiled in this thread: their code cache is written from here.
    writePending();
    // Nothing keeps the thread alive now: it ends once the reply is sent.
    port.unref();
  }
}

if (parentPort) void serve(parentPort);
