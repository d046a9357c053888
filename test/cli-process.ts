import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The CLI compiled from the current source into a folder of this test process's own (inside
 * node_modules, so that it finds rolemark's dependencies, fonts and templates), for tests that
 * must run it in a child process: with a timeout, a memory cap, or a signal to kill it with.
 * Compiling takes a second; a folder per process keeps test files from racing each other.
 */
export function compileCli(): { bin: string; remove: () => void } {
  const dir = resolve(`node_modules/.cache/rolemark-cli-${process.pid}`);
  const tsc = resolve('node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', dir], { stdio: 'ignore' });
  return { bin: join(dir, 'bin.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Finished {
  /** The exit code; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time, in milliseconds. */
  ms: number;
  /** True when the timeout killed it. */
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** Killed with SIGKILL after this long. */
  timeout?: number;
  /** V8's old-space limit, in MB: an input that needs more ends in an out-of-memory crash. */
  maxOldSpace?: number;
  env?: NodeJS.ProcessEnv;
  /** Run as this user and group (the tests that need permissions to hold, when run as root). */
  uid?: number;
  gid?: number;
  /** Called once the process has started, with it. */
  started?: (child: ChildProcess) => void;
  /** Node's own options, before the CLI's file (e.g. `--import` of a loader). */
  nodeArgs?: string[];
}

/** Runs the compiled CLI and resolves when it ends, however it ends. */
export function runCli(bin: string, args: string[], options: RunOptions = {}): Promise<Finished> {
  const begin = performance.now();
  const node = [
    ...(options.maxOldSpace ? [`--max-old-space-size=${options.maxOldSpace}`] : []),
    ...(options.nodeArgs ?? []),
  ];
  const child = spawn(process.execPath, [...node, bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  options.started?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeout ?? 60_000);
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: performance.now() - begin, timedOut });
    });
  });
}

/** Every file below `dir` with the SHA-256 of its bytes: a folder's exact state. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, f);
    if (statSync(path).isFile()) out[f] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}
