/**
 * The entry of the build's thread in the installed bundle (`chunks/build-worker.js`, started by
 * cli/build-thread.ts): it runs cli/build-worker.ts from `chunks/build-worker.cjs`, one CommonJS
 * file of that module and everything it loads (the reader, the rules, the composer, the writers'
 * own code), compiled through the V8 code cache of src/code-cache.ts, as bin.ts runs `check` from
 * `chunks/check.cjs`. Node 20 caches the compilation of scripts, not of ES modules: compiling the
 * thread's ES chunks, and the functions a build calls for the first time, was 0.1 s or more of
 * every cold build's thread (docs/performance.md, round six). Without that file (an older bundle,
 * or one made without it) the thread runs the ES modules, as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import type { Prestarted } from './build-worker.js';

// The render worker a build's command line says it will use starts first, before this thread
// loads its 1 MB file: its start-up and its writer's loading overlap that loading too (the file's
// copy of workflow/early-render.ts finds it started; build-worker.ts `serve`).
const data = workerData as Partial<Prestarted> | undefined;
if (data?.prestarted && data.argv)
  (await import('../workflow/early-render.js')).guessEarlyRenderer(data.argv);
const bundled = fileURLToPath(new URL('./build-worker.cjs', import.meta.url));
if (existsSync(bundled)) (await import('../code-cache.js')).cachedRequire(bundled);
else await import('./build-worker.js');
