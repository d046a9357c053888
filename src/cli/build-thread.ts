/**
 * `rolemark build` runs in a thread of its own (cli/build-worker.ts), so that the main thread
 * never runs the build's code and is always free to answer a signal. A signal handler in Node is
 * JavaScript on the main thread's event loop: while the main thread read, composed or rendered a
 * huge input synchronously, SIGTERM waited for it (a CI job timeout's SIGTERM was answered only by
 * the out-of-memory crash minutes later). Now:
 * - the first SIGINT or SIGTERM asks the build to stop: it stops between two files, or its render
 *   is cut short, the staging folder is removed and `out` left as it was (exit 130 or 143);
 * - a second signal, or a build still running {@link STOP_DEADLINE_MS} after the first, ends the
 *   build thread wherever it is (reading, composing, rendering, whatever `--jobs` says), removes
 *   what it had beside `out` and undoes a swap it was in the middle of ({@link abandonOutput});
 * - should the thread not end (stuck in native code), the signal is raised again with its default
 *   action: the process ends at once.
 * It also means a small build no longer starts a render worker to keep the main thread free: the
 * build's own thread renders it.
 */
import { Worker } from 'node:worker_threads';
import { RolemarkError } from '../errors.js';
import type { BuildOptions, BuildProgress, BuildResult, Model } from '../index.js';
import { abandonOutput } from '../outputs.js';
import { exitCodeOf, STOP_DEADLINE_MS, takePrestarted, workerFile } from './build-start.js';
import type { BuildJob, FromBuild, SentError, ToBuild } from './build-worker.js';

type Built = BuildResult & { model: Model };

export { prestartBuildThread, STOP_DEADLINE_MS } from './build-start.js';

/** How long a terminated thread may take to end (a long garbage collection) before the process does. */
const TERMINATE_WAIT_MS = 3000;

export interface ThreadHooks {
  out: string;
  onProgress: (event: BuildProgress) => void;
  stderr: (text: string) => void;
}

function received(e: SentError): Error {
  if (e.exitCode !== undefined) {
    const error = new RolemarkError(e.message, e.exitCode as RolemarkError['exitCode']);
    if (e.diagnostics !== undefined) Object.assign(error, { diagnostics: e.diagnostics });
    return error;
  }
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

/** Runs `build(inputs, options)` the way the CLI does: in its own thread, stopped by signals. */
export async function buildInThread(
  inputs: readonly string[],
  options: Omit<BuildOptions, 'onProgress' | 'signal'>,
  hooks: ThreadHooks,
): Promise<Built> {
  const file = workerFile();
  const stopped = (signal: NodeJS.Signals) => ({
    message: `build stopped by ${signal}; nothing was written, ${hooks.out}/ is as it was`,
    exitCode: exitCodeOf(signal),
  });

  if (!file) {
    // From sources (tests): the build runs here, its renders in a worker thread when there is one.
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      const { message, exitCode } = stopped(signal);
      const now = () => {
        abandonOutput(hooks.out);
        hooks.stderr(`rolemark: ${message}\n`);
        process.exit(exitCode);
      };
      if (stop.signal.aborted) now();
      stop.abort(new RolemarkError(message, exitCode));
      setTimeout(now, STOP_DEADLINE_MS).unref();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const { build } = await import('../index.js');
      return await build(inputs, {
        ...options,
        onProgress: hooks.onProgress,
        signal: stop.signal,
        isolate: true,
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  const { worker: early, signal: earlySignal } = takePrestarted();
  if (earlySignal) {
    // Stopped before it began: the job is never sent, `out` never touched.
    const { message, exitCode } = stopped(earlySignal);
    throw new RolemarkError(message, exitCode);
  }
  const job: BuildJob = { inputs: [...inputs], options };
  const worker = early ?? new Worker(file, { workerData: job });
  if (early) {
    early.ref();
    early.postMessage({ type: 'job', job } satisfies ToBuild);
  }
  let stopping: (ReturnType<typeof stopped> & { signal: NodeJS.Signals }) | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let ending = false;
  const end = async () => {
    if (ending || !stopping) return;
    ending = true;
    const { message, exitCode, signal } = stopping;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const ended = await Promise.race([
      worker.terminate().then(() => true),
      sleep(TERMINATE_WAIT_MS).then(() => false),
    ]);
    abandonOutput(hooks.out);
    hooks.stderr(`rolemark: ${message}\n`);
    if (ended) process.exit(exitCode);
    // The thread is stuck in native code, and process.exit would wait for it: the signal's own
    // default action ends the process now (the handlers are gone).
    process.kill(process.pid, signal);
  };
  function onSignal(signal: NodeJS.Signals) {
    if (stopping) {
      void end();
      return;
    }
    stopping = { ...stopped(signal), signal };
    worker.postMessage({ type: 'abort', ...stopped(signal) } satisfies ToBuild);
    deadline = setTimeout(() => void end(), STOP_DEADLINE_MS);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await new Promise<Built>((resolve, reject) => {
      let replied = false;
      worker.on('message', (m: FromBuild) => {
        if (m.type === 'progress') hooks.onProgress(m.event);
        else {
          replied = true;
          if (m.type === 'done') resolve(m.result);
          else reject(received(m.error));
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        abandonOutput(hooks.out);
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new RolemarkError(
                `The build ran out of memory; nothing was written, ${hooks.out}/ is as it was. Lower the limits in rolemark.config.yaml, or build fewer documents at once (--shard)`,
              )
            : error,
        );
      });
      worker.on('exit', (code) => {
        if (replied || ending) return;
        abandonOutput(hooks.out);
        reject(new Error(`the build's thread ended with code ${code} before it replied`));
      });
    });
  } finally {
    if (deadline) clearTimeout(deadline);
    if (!ending) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
