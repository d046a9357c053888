#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitOnClosedPipe } from './cli/io.js';

type FastCheck = typeof import('./cli/check-fast.js');

/**
 * The `check` path: in the installed bundle, one CommonJS file (`chunks/check.cjs`, written by
 * scripts/bundle.mjs) compiled through the V8 code cache (src/code-cache.ts), as Node 20 caches the
 * compilation of scripts and not of ES modules; in tsc's output, which has no such file, the modules.
 */
async function loadFastCheck(): Promise<FastCheck> {
  const bundled = fileURLToPath(new URL('./chunks/check.cjs', import.meta.url));
  if (!existsSync(bundled)) return import('./cli/check-fast.js');
  const { cachedRequire } = await import('./code-cache.js');
  return cachedRequire(bundled) as FastCheck;
}

exitOnClosedPipe(process.stdout);
exitOnClosedPipe(process.stderr);
// `rolemark check` with a plain command line skips yargs (src/cli/check-fast.ts: start-up for
// pre-commit hooks); every other command line, and any check it does not take, goes to the full CLI.
const argv = process.argv.slice(2);
// `rolemark build` (not `--watch`, which builds in this thread): the build's thread starts now and
// loads the API while this one loads yargs and reads the configuration (src/cli/build-thread.ts);
// from a module of Node's built-ins only, src/cli/build-start.ts, so that it starts sooner.
if (argv[0] === 'build' && !argv.some((a) => /^(-w|--watch|-h|--help)$/u.test(a))) {
  (await import('./cli/build-start.js')).prestartBuildThread(argv.slice(1));
}
const fast = argv[0] === 'check' ? await (await loadFastCheck()).fastCheck(argv.slice(1)) : undefined;
process.exitCode = fast ?? (await (await import('./cli/main.js')).main(argv));
