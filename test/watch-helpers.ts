import { renameSync, writeFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { type WatchEvent, type Watcher, type WatchOptions, watch } from '../src/index.js';

/** Polls until `ready()` holds, failing after `ms`: a bounded wait instead of a fixed sleep. */
export async function until(ready: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `watch()` with a short debounce, every build's event collected in `events` as it comes. */
export async function watching(
  inputs: readonly string[],
  options: Omit<WatchOptions, 'debounceMs' | 'onBuild'>,
): Promise<{ events: WatchEvent[]; watcher: Watcher }> {
  const events: WatchEvent[] = [];
  const watcher = await watch(inputs, { ...options, debounceMs: 40, onBuild: (e) => events.push(e) });
  return { events, watcher };
}

/** Saves like an editor does: a new file renamed over the old one, so no build sees half a file. */
export function save(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** `rolemark build <input> --out … --format md --config … --watch` in this process, its output kept. */
export interface WatchCli {
  /** What it printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** The lines of stdout that report a build. */
  builds(): string[];
  /** Stops the watch and resolves to the exit code. */
  stop(): Promise<number>;
}

export function watchCli(input: string, out: string, config: string): WatchCli {
  const abort = new AbortController();
  const printed = { stdout: '', stderr: '' };
  const running = main(['build', input, '--out', out, '--format', 'md', '--config', config, '--watch'], {
    stdout: (t) => {
      printed.stdout += t;
    },
    stderr: (t) => {
      printed.stderr += t;
    },
    signal: abort.signal,
  });
  return {
    get stdout() {
      return printed.stdout;
    },
    get stderr() {
      return printed.stderr;
    },
    builds: () => printed.stdout.split('\n').filter((l) => l.includes(' built ')),
    stop: () => {
      abort.abort();
      return running;
    },
  };
}
