/**
 * The thread `rolemark build` runs in (see cli/build-thread.ts): it reads, checks, composes and
 * renders, and reports progress and the result to the main thread, which stays free to answer
 * signals. An `abort` message stops the build as the library's `signal` does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writePending } from '../code-cache.js';
import { RolemarkError } from '../errors.js';
import type { BuildOptions, BuildProgress, BuildResult, Model } from '../index.js';

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

export type ToBuild = { type: 'abort'; message: string; exitCode: 130 | 143 };

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

const port = parentPort;
if (port) {
  const job = workerData as BuildJob;
  const stop = new AbortController();
  port.on('message', (m: ToBuild) => {
    if (m.type === 'abort') stop.abort(new RolemarkError(m.message, m.exitCode));
  });
  const post = (m: FromBuild) => port.postMessage(m);
  try {
    const { build } = await import('../index.js');
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
