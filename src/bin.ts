#!/usr/bin/env node
import { exitOnClosedPipe } from './cli/io.js';
import { main } from './cli/main.js';

exitOnClosedPipe(process.stdout);
exitOnClosedPipe(process.stderr);
process.exitCode = await main(process.argv.slice(2));
