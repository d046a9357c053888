#!/usr/bin/env node
import { exitOnClosedPipe } from './cli/io.js';

exitOnClosedPipe(process.stdout);
exitOnClosedPipe(process.stderr);
// `rolemark check` with a plain command line skips yargs (src/cli/check-fast.ts: start-up for
// pre-commit hooks); every other command line, and any check it does not take, goes to the full CLI.
const argv = process.argv.slice(2);
const fast =
  argv[0] === 'check' ? await (await import('./cli/check-fast.js')).fastCheck(argv.slice(1)) : undefined;
process.exitCode = fast ?? (await (await import('./cli/main.js')).main(argv));
