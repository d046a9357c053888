/**
 * The render worker a build starts before it reads its content (docs/performance.md, round four).
 * Its own small module, so that the CLI's build thread can start it as soon as it has the job,
 * before it has loaded the reader and the composer (the API, index.ts); `build` then takes it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { DocumentFormat } from '../ir/types.js';
import { startRenderWorker } from '../render/pool.js';
import { threadState } from '../thread-state.js';
import { CACHE_FILE } from './cache.js';

/** What decides whether to start early: the build's options as `build` takes them. */
export interface EarlyOptions {
  out?: string;
  formats?: readonly string[];
  force?: boolean;
  jobs?: number;
}

/**
 * Whether a build will most likely render PDF or DOCX files, known before reading: its formats
 * have one or both, it may use a second thread (not `jobs: 1`, at least 2 cores), and `--force`
 * or no previous build in `out` whose outputs it could reuse. An incremental build (a manifest in
 * `out`) renders few or none, and a worker would cost it its start-up for nothing.
 */
export function rendersEarly(options: EarlyOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  if (preloadOf(options) === null) return false;
  if ((options.jobs ?? (Number(env.ROLEMARK_JOBS) || 0)) === 1 || availableParallelism() < 2) return false;
  return options.force === true || !existsSync(join(options.out ?? 'out', CACHE_FILE));
}

/**
 * The writer the early worker loads while the build reads: the PDF writer when the build makes
 * PDFs (a small build renders its PDFs there, its DOCX files in the build's thread), else the
 * DOCX writer (a build of DOCX files only renders them there); null for neither.
 */
export function preloadOf(options: EarlyOptions): DocumentFormat | null {
  const formats = options.formats ?? ['pdf', 'docx'];
  return formats.includes('pdf') ? 'pdf' : formats.includes('docx') ? 'docx' : null;
}

/**
 * The worker started, held in one place for the whole thread: in the installed bundle the build
 * thread's entry (cli/build-worker-entry.ts, an ES chunk) starts it on the command line's guess
 * before it loads its CommonJS file, which holds its own copy of this module (bundle.mjs); the two
 * copies share it through this global.
 */
const state = threadState<{ started?: Started }>('rolemark.earlyRender', () => ({}));
interface Started {
  options: EarlyOptions;
  worker: Worker;
  guessed?: true;
}

/**
 * What the command line of `rolemark build` says of the options {@link rendersEarly} looks at, read
 * before yargs and the configuration are (the build's thread starts then, cli/build-thread.ts):
 * `--force`, `--out`/`-o`, `--jobs`/`-j`, `--format`/`-f` (comma lists, repeated). Null when
 * formats are given in a way only yargs reads (`-qf pdf`). The configuration may still change
 * `out`, `formats` or `jobs`: {@link startEarlyRenderer} checks the guess against the build's options.
 */
export function earlyOptionsFromArgv(argv: readonly string[]): EarlyOptions | null {
  const options: EarlyOptions = {};
  const formats: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (name === '--force') options.force = true;
    else if (name === '--no-force') options.force = false;
    else if (name === '--out' || name === '-o') options.out = value();
    else if (name === '--jobs' || name === '-j') options.jobs = Number(value());
    else if (name === '--format' || name === '-f') {
      const list = value();
      if (list === undefined || list.startsWith('-')) return null;
      formats.push(...list.split(',').map((f) => f.trim().toLowerCase()));
    } else if (/^-[a-z]*f/u.test(name) || name.startsWith('--format')) return null;
  }
  if (formats.length > 0) options.formats = formats;
  return options;
}

/**
 * Starts the render worker on a guess from the command line ({@link earlyOptionsFromArgv}), before
 * the build's options are known: the CLI's build thread does, as it starts, so that the worker's
 * start-up and its loading of the PDF writer and fonts overlap the loading of the CLI and the API.
 * {@link startEarlyRenderer} keeps it for the build's options, or ends it.
 */
export function guessEarlyRenderer(argv: readonly string[]): Worker | null {
  const guess = earlyOptionsFromArgv(argv);
  if (state.started || !guess || !rendersEarly(guess)) return null;
  const worker = startRenderWorker([preloadOf(guess) as DocumentFormat]);
  if (worker) state.started = { options: guess, worker, guessed: true };
  return worker;
}

/**
 * Starts the early render worker when {@link rendersEarly} says so, loading a writer
 * ({@link preloadOf}) while this thread reads; kept until {@link takeEarlyRenderer} asks for it with the same options. A
 * worker started on a guess ({@link guessEarlyRenderer}) is kept when the options render early
 * too with the same writer first, and ended when they do not (a configuration that builds
 * Markdown only, or reuses a build) or want the other writer (a new one is started for it).
 */
export function startEarlyRenderer(options: EarlyOptions): Worker | null {
  if (state.started?.guessed) {
    const { worker } = state.started;
    // Kept when it loads the writer these options want first.
    if (rendersEarly(options) && preloadOf(options) === preloadOf(state.started.options)) {
      state.started = { options, worker };
      return worker;
    }
    state.started = undefined;
    void worker.terminate();
  }
  if (!rendersEarly(options)) return null;
  const worker = startRenderWorker([preloadOf(options) as DocumentFormat]);
  if (worker) state.started = { options, worker };
  return worker;
}

/**
 * The worker started for a build with these options (the CLI's build thread starts it before it
 * loads the API), or a new one when there is none.
 */
export function takeEarlyRenderer(options: EarlyOptions): Worker | null {
  const early = state.started;
  state.started = undefined;
  const same =
    early !== undefined &&
    early.options.out === options.out &&
    early.options.force === options.force &&
    early.options.jobs === options.jobs &&
    String(early.options.formats) === String(options.formats);
  if (same) return early.worker;
  void early?.worker.terminate();
  return startEarlyRenderer(options);
}
