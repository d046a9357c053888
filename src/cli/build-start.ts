/**
 * The start of `rolemark build`'s thread, before the command line is read (cli/build-thread.ts
 * runs the build in it): its own small module, with Node's built-ins only, so that bin.ts starts
 * the thread without first loading build-thread.ts and what it imports (the output folder's
 * machinery, errors): 20–37 ms before the thread could start, on the path every cold build waits
 * on (docs/performance.md, round six). It also holds the thread, and a signal that comes before
 * the build takes it, until {@link takePrestarted}.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Prestarted } from './build-worker.js';

/** How long a build stopped by a signal may take to stop by itself before its thread is ended. */
export const STOP_DEADLINE_MS = 2000;

/** The worker's compiled file: beside this module under `tsc`, or among the bundle's chunks. */
export function workerFile(): string | null {
  const here = import.meta.url;
  if (!here.endsWith('.js')) return null; // running from TypeScript sources (tests): in this thread
  for (const candidate of ['./build-worker.js', './chunks/build-worker.js']) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return path;
  }
  return null;
}

/** The build's thread, started by bin.ts before the command line is read; taken by {@link takePrestarted}. */
let prestarted: Worker | undefined;

/**
 * A signal that came after the build's thread was started and before the build took it (while this
 * thread loaded the CLI and read the configuration: more than a second on a busy machine). Without
 * a handler Node would end the process at once, with no message and no exit code of ours.
 */
let earlySignal: NodeJS.Signals | undefined;
export const exitCodeOf = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? (130 as const) : (143 as const));
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

/**
 * The thread started ahead (undefined if none, or if it ended), and the signal that came before
 * this call, if one did; from now on signals are the build's to answer.
 */
export function takePrestarted(): { worker: Worker | undefined; signal: NodeJS.Signals | undefined } {
  earlySignals(false);
  const worker = prestarted;
  prestarted = undefined;
  return { worker, signal: earlySignal };
}
