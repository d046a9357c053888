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
import { CACHE_FILE } from './cache.js';

/** What decides whether to start early: the build's options as `build` takes them. */
export interface EarlyOptions {
  out?: string;
  formats?: readonly string[];
  force?: boolean;
  jobs?: number;
}

/**
 * Whether a build will most likely render both PDF and DOCX files, known before reading: its
 * formats have both, it may use a second thread (not `jobs: 1`, at least 2 cores), and `--force`
 * or no previous build in `out` whose outputs it could reuse. An incremental build (a manifest in
 * `out`) renders few or none, and a worker would cost it its start-up for nothing.
 */
export function rendersEarly(options: EarlyOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  const formats = options.formats ?? ['pdf', 'docx'];
  if (!formats.includes('pdf') || !formats.includes('docx')) return false;
  if ((options.jobs ?? (Number(env.ROLEMARK_JOBS) || 0)) === 1 || availableParallelism() < 2) return false;
  return options.force === true || !existsSync(join(options.out ?? 'out', CACHE_FILE));
}

let started: { options: EarlyOptions; worker: Worker } | undefined;

/**
 * Starts the early render worker when {@link rendersEarly} says so, loading the PDF writer while
 * this thread reads; kept until {@link takeEarlyRenderer} asks for it with the same options.
 */
export function startEarlyRenderer(options: EarlyOptions): Worker | null {
  if (!rendersEarly(options)) return null;
  const preload: DocumentFormat[] = ['pdf'];
  const worker = startRenderWorker(preload);
  if (worker) started = { options, worker };
  return worker;
}

/**
 * The worker started for a build with these options (the CLI's build thread starts it before it
 * loads the API), or a new one when there is none.
 */
export function takeEarlyRenderer(options: EarlyOptions): Worker | null {
  const early = started;
  started = undefined;
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
