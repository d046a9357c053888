/**
 * watch: save → the changed team charter's PDF and DOCX on disk. Starts `rolemark build --watch`
 * (the installed bundle, a whole process, as a user runs it) on a copy of content/, waits for its
 * first build, then edits a sentence of the team charter's introduction `runs` times (each save a
 * minute after the one before, by its modification time), each time
 * timing from the write to both outputs being replaced, and waiting for the watcher's report of
 * that build (and of the build that follows it, when it left role charters to be dated anew) before
 * the next edit. Prints medians in milliseconds as JSON: wall time from the write to both outputs
 * replaced (`saveToOutputs`), to the watcher's last report of the save (`saveToSettled`: every
 * output, the role charters' new dates included), and the CPU time the watch process spent on
 * the save, all of it (from /proc).
 *
 *   node dist-bench/bench/watch.js [runs] [cli]
 *
 * `cli` is another build of the CLI (its `bundle/rolemark.js`), to measure side by side.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median.js';

const RUNS = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 5);
const CLI = process.argv[3] ?? 'dist/bundle/rolemark.js';
const SENTENCE = 'they serve distinctly different functions';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mtime = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * CPU milliseconds (user + system) a process has used, from /proc (Linux; 0 elsewhere): what a
 * save costs the watcher, less disturbed than wall time by other work on the machine.
 */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rolemark-watch-'));
  const content = join(dir, 'content');
  cpSync('content', content, { recursive: true });
  const source = join(content, 'product-roles.md');
  const text = readFileSync(source, 'utf8');
  if (!text.includes(SENTENCE)) throw new Error(`content/product-roles.md no longer says "${SENTENCE}"`);
  const out = join(dir, 'out');
  const outputs = ['pdf', 'docx'].map((ext) => join(out, 'product-roles', `charter.${ext}`));
  const child = spawn(process.execPath, [CLI, 'build', '--watch', content, '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let builds = 0;
  /** Builds that left outputs to date anew, and the builds that did (`rolemark build --watch`'s lines). */
  let toFollow = 0;
  let followed = 0;
  let log = '';
  const onData = (data: Buffer) => {
    log += data.toString();
    builds = (log.match(/ built /g) ?? []).length;
    toFollow = (log.match(/with a new date to follow\)/g) ?? []).length;
    followed = (log.match(/ anew: /g) ?? []).length;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitForBuilds = async (n: number) => {
    const deadline = Date.now() + 120_000;
    while (builds < n || followed < toFollow) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch did not build:\n${log}`);
      await sleep(1);
    }
  };
  try {
    await waitForBuilds(1);
    const saveToOutputs: number[] = [];
    const saveToSettled: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const before = outputs.map(mtime);
      await sleep(50);
      const t0 = performance.now();
      const cpu0 = cpuOf(child.pid);
      // Saved as most editors save (a new file renamed over the old one), a minute after the
      // previous save: as a person's saves are, each in a second of its own, which dates every
      // document of the file anew (a save within the same second as the last one does not).
      writeFileSync(`${source}.tmp`, text.replace(SENTENCE, `${SENTENCE} (edit ${i + 1})`));
      const when = new Date(Date.UTC(2026, 0, 1) + 60_000 * (i + 1));
      utimesSync(`${source}.tmp`, when, when);
      renameSync(`${source}.tmp`, source);
      while (outputs.some((f, k) => mtime(f) <= (before[k] as number))) {
        if (performance.now() - t0 > 120_000) throw new Error(`watch did not write the outputs:\n${log}`);
        await sleep(1);
      }
      // The first edit warms the watch process up; the medians are of the others.
      if (i > 0) saveToOutputs.push(performance.now() - t0);
      await waitForBuilds(i + 2);
      if (i > 0) saveToSettled.push(performance.now() - t0);
      if (i > 0) cpu.push(cpuOf(child.pid) - cpu0);
    }
    const result = {
      saveToOutputs: median(saveToOutputs),
      saveToSettled: median(saveToSettled),
      cpu: median(cpu),
      runs: saveToOutputs.length,
      all: saveToOutputs.map(Math.round),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
