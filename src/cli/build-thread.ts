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
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RolemarkError } from '../errors.js';
import type { BuildOptions, BuildProgress, BuildResult, Model } from '../index.js';
import { abandonOutput } from '../outputs.js';
import type { BuildJob, FromBuild, Prestarted, SentError, ToBuild } from './build-worker.js';

type Built = BuildResult & { model: Model };

/** How long a build stopped by a signal may take to stop by itself before its thread is ended. */
export const STOP_DEADLINE_MS = 2000;
/** How long a terminated thread may take to end (a long garbage collection) before the process does. */
const TERMINATE_WAIT_MS = 3000;

export interface ThreadHooks {
  out: string;
  onProgress: (event: BuildProgress) => void;
  stderr: (text: string) => void;
}

/** The worker's compiled file: beside this module under `tsc`, or among the bundle's chunks. */
function workerFile(): string | null {
  const here = import.meta.url;
  if (!here.endsWith('.js')) return null; // running from TypeScript sources (tests): in this thread
  for (const candidate of ['./build-worker.js', './chunks/build-worker.js']) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return path;
  }
  return null;
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

/** The build's thread, started by bin.ts before the command line is read; taken by {@link buildInThread}. */
let prestarted: Worker | undefined;

/**
 * A signal that came after the build's thread was started and before the build took it (while this
 * thread loaded the CLI and read the configuration: more than a second on a busy machine). Without
 * a handler Node would end the process at once, with no message and no exit code of ours.
 */
let earlySignal: NodeJS.Signals | undefined;
const exitCodeOf = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? (130 as const) : (143 as const));
function onEarlySignal(signal: NodeJS.Signals): void {
  // A second signal, or a command line that never reaches the build: end now; nothing was written.
  const now = () => {
    process.stderr.write(`rolemark: build stopped by ${signal} before it began; nothing was written\n`);
    process.exit(exitCodeOf(signal));
  };
  if (earlySignal) now();
  earlySignal = signal;
  setTimeout(now, STOP_DEADLINE_MS).unref();
}
const earlySignals = (on: boolean) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    on ? process.on(signal, onEarlySignal) : process.off(signal, onEarlySignal);
};

/**
 * Starts the build's thread now, for `rolemark build`: it loads the reader, the rules and the
 * composer (about a third of a second) while this thread loads the CLI and reads the command line
 * and the configuration, and is given its job when they are read; given the command line after
 * `build`, it may start its render worker at once (workflow/early-render.ts, `guessEarlyRenderer`).
 * It keeps nothing alive: a command line that turns out not to build (`--help`, a mistake) ends
 * with it unused.
 */
export function prestartBuildThread(argv: readonly string[] = []): void {
  const file = workerFile();
  if (!file || prestarted) return;
  const workerData: Prestarted = { prestarted: true, argv: [...argv] };
  const worker = new Worker(file, { workerData });
  // An error while loading is reported by the build that takes it, or by a new thread's.
  worker.on('error', () => {});
  worker.once('exit', () => {
    if (prestarted === worker) prestarted = undefined;
  });
  worker.unref();
  prestarted = worker;
  earlySignals(true);
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

  earlySignals(false);
  if (earlySignal) {
    // Stopped before it began: the job is never sent, `out` never touched.
    const { message, exitCode } = stopped(earlySignal);
    throw new RolemarkError(message, exitCode);
  }
  const job: BuildJob = { inputs: [...inputs], options };
  const early = prestarted;
  prestarted = undefined;
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
