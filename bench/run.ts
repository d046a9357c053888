/**
 * `npm run bench`: whole-process measurements of rolemark the way users run it, side by side with
 * the alternatives in the same run, reported as medians and ratios. Not part of `npm test`.
 *
 * Every measurement runs the command once to warm the file cache, then RUNS more times under
 * `/usr/bin/time`, and reports the median wall time, CPU time (user + system) and peak RSS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrg, SIZES } from './generate.js';
import { median } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORK = 'bench/.work';
/** The installed `rolemark`: the bundle `npm install` builds (package.json `bin`). */
const CLI = 'dist/bundle/rolemark.js';
/** tsc's output, one module per file: what `check` would cost without the bundle. */
const UNBUNDLED = 'dist/bin.js';
/**
 * An older build to measure side by side ("before"), e.g. a copy of `dist/` made before a change:
 * BENCH_BASE=bench/.work/base-dist/bundle/rolemark.js. Its library is the `index.js` two folders up.
 */
const BASE = process.env.BENCH_BASE;
/** pandoc is compared with when it is installed; without it, rolemark's side is still measured. */
const HAS_PANDOC = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
/** BENCH_SKIP_MATRIX=1 leaves out the matrix pager benchmark (minutes under load; npm run bench:matrix). */
const SKIP_MATRIX = process.env.BENCH_SKIP_MATRIX === '1';
/** The goal table of issue 16, with the figures it started from (2026-12-05, bench/results.md then). */
const ISSUE_TODAY = {
  warm: '~370 ms',
  checkS: '0.41 s',
  buildS: '1.9–2.2 s',
  pandoc: '1.0×',
  buildL: '44.5 s, 738 MB',
};

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

interface Result {
  label: string;
  runs: number;
  wall: number;
  cpu: number;
  rssMb: number;
}

function timeOnce(command: string, args: string[]): Sample {
  const report = join(mkdtempSync(join(tmpdir(), 'rolemark-bench-')), 'time.txt');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  const [wall, user, sys, rssKb] =
    readFileSync(report, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
  return { wall: wall ?? 0, cpu: (user ?? 0) + (sys ?? 0), rssMb: (rssKb ?? 0) / 1024 };
}

/**
 * Runs `warmUp` (by default `step` itself) once, then `step` `runs` times; medians of each measure.
 * The builds of M and L take many seconds each: their warm-up is the `check` of the same files just
 * before, which reads them into the file cache too, so that the whole bench stays under 10 minutes.
 */
function measure(label: string, step: () => Sample, runs = RUNS, warmUp: () => unknown = step): Result {
  warmUp();
  const samples = Array.from({ length: runs }, step);
  const result = {
    label,
    runs,
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
    rssMb: median(samples.map((s) => s.rssMb)),
  };
  process.stderr.write(
    `  ${label}: ${result.wall.toFixed(2)} s wall, ${result.cpu.toFixed(2)} s CPU, ${result.rssMb.toFixed(0)} MB\n`,
  );
  return result;
}

/**
 * Two commands measured side by side: warmed up, then run in turn, A B A B…, so that a machine
 * that slows down or speeds up during the bench (a shared 2-core VM does) weighs on both alike.
 */
function measurePair(
  a: [label: string, step: () => Sample, warmUp?: () => unknown],
  b: [label: string, step: () => Sample, warmUp?: () => unknown],
  runs = RUNS,
  runsOfB = runs,
): [Result, Result] {
  (a[2] ?? a[1])();
  (b[2] ?? b[1])();
  const samples: [Sample[], Sample[]] = [[], []];
  for (let i = 0; i < Math.max(runs, runsOfB); i++) {
    if (i < runs) samples[0].push(a[1]());
    if (i < runsOfB) samples[1].push(b[1]());
  }
  return [a, b].map(([label], k) => {
    const list = samples[k] as Sample[];
    const result = {
      label,
      runs: list.length,
      wall: median(list.map((x) => x.wall)),
      cpu: median(list.map((x) => x.cpu)),
      rssMb: median(list.map((x) => x.rssMb)),
    };
    process.stderr.write(
      `  ${label}: ${result.wall.toFixed(2)} s wall, ${result.cpu.toFixed(2)} s CPU, ${result.rssMb.toFixed(0)} MB\n`,
    );
    return result;
  }) as [Result, Result];
}

const rolemark =
  (args: string[], cli = CLI) =>
  () =>
    timeOnce(process.execPath, [cli, ...args]);

/**
 * The import graph of `rolemark check` on S: every module Node resolves, recorded by a loader hook
 * (ES modules) and a `require` hook (CommonJS),
 * with the bytes of JavaScript read and whether any PDF or DOCX writer code is among them.
 */
function importGraph(cli: string): { modules: number; kb: number; writers: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rolemark-graph-'));
  const record = join(dir, 'loaded.txt');
  writeFileSync(record, '');
  writeFileSync(
    join(dir, 'register.mjs'),
    "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
  );
  writeFileSync(
    join(dir, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.ROLEMARK_LOADED, r.url + '\\n'); return r; }\n",
  );
  // And require(): `check` runs from the bundle's chunks/check.cjs (scripts/bundle.mjs).
  writeFileSync(
    join(dir, 'require.cjs'),
    "const M = require('node:module'); const { appendFileSync } = require('node:fs'); const { pathToFileURL } = require('node:url'); const r = M._resolveFilename; M._resolveFilename = function (...a) { const f = r.apply(this, a); if (!M.isBuiltin(f)) appendFileSync(process.env.ROLEMARK_LOADED, pathToFileURL(f).href + '\\n'); return f; };\n",
  );
  execFileSync(
    process.execPath,
    ['--require', join(dir, 'require.cjs'), '--import', join(dir, 'register.mjs'), cli, 'check', 'content'],
    {
      env: { ...process.env, ROLEMARK_LOADED: record },
      stdio: 'ignore',
    },
  );
  const urls = [
    ...new Set(
      readFileSync(record, 'utf8')
        .split('\n')
        .filter((u) => u.startsWith('file:')),
    ),
  ];
  const bytes = urls.reduce((sum, u) => sum + readFileSync(fileURLToPath(u)).length, 0);
  const writers = urls.filter((u) =>
    /\/node_modules\/(pdfkit|docx|fontkit)\/|\/render\/(pdf|docx)\/|\/chunks\/(pdf|docx|render-worker)[-.]/.test(
      u,
    ),
  );
  rmSync(dir, { recursive: true, force: true });
  return { modules: urls.length, kb: bytes / 1024, writers };
}

/** A sequence of processes timed as one: wall and CPU add up, RSS is the largest. */
function sequence(steps: [string, string[]][]): Sample {
  const samples = steps.map(([cmd, args]) => timeOnce(cmd, args));
  return {
    wall: samples.reduce((s, x) => s + x.wall, 0),
    cpu: samples.reduce((s, x) => s + x.cpu, 0),
    rssMb: Math.max(...samples.map((x) => x.rssMb)),
  };
}

/**
 * The pandoc side of the comparison: one Markdown file per team document and per role section,
 * each converted by its own `pandoc` process, as a user would script it.
 */
function pandocInputs(dir: string, target: string): string[] {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    const team = join(target, name);
    writeFileSync(team, text);
    files.push(team);
    const roles = text.split(/^## Roles$/m)[1]?.split(/^## /m)[0] ?? '';
    roles
      .split(/^(?=### )/m)
      .filter((s) => s.startsWith('### '))
      .forEach((section, i) => {
        const file = join(target, `${name.replace(/\.md$/, '')}-role-${i + 1}.md`);
        writeFileSync(file, section.replace(/^### /, '# '));
        files.push(file);
      });
  }
  return files;
}

interface Warm {
  pdf: { wall: number; cpu: number };
  docx: { wall: number; cpu: number };
  both: { wall: number; cpu: number; runs: number };
}

/** The warm per-document cost (bench/warm.ts), of this checkout or of another build's library. */
function warm(library?: string): Warm {
  const out = execFileSync(
    process.execPath,
    ['dist-bench/bench/warm.js', String(Math.max(RUNS, 5)), ...(library ? [library] : [])],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Warm;
}

interface WatchLatency {
  saveToOutputs: number;
  cpu: number;
  runs: number;
}

/** watch: save → the team charter's PDF and DOCX on disk (bench/watch.ts), of this CLI or another. */
function watchLatency(cli?: string): WatchLatency {
  const args = ['dist-bench/bench/watch.js', String(Math.max(RUNS, 5)), ...(cli ? [cli] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as WatchLatency;
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const node = process.version;
  const pandoc = HAS_PANDOC
    ? execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0]
    : 'no pandoc installed';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${node}, ${pandoc}`;
}

const fmt = (r: Result) =>
  `| ${r.label} | ${r.wall.toFixed(3)} | ${r.cpu.toFixed(3)} | ${r.rssMb.toFixed(0)} | ${r.runs} |`;

function main(): void {
  const started = performance.now();
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  mkdirSync(WORK, { recursive: true });
  const dirs: Record<string, string> = { S: 'content' };
  for (const [name, size] of Object.entries(SIZES)) {
    dirs[name] = join(WORK, name.replace('/', '-half'));
    generateOrg(dirs[name] as string, size);
  }
  const out = join(WORK, 'out');
  const results: Result[] = [];
  const loadAtStart = loadavg()[0] as number;
  const lines: string[] = [];

  process.stderr.write('rolemark check and build (whole processes)\n');
  // The floor under every whole-process number: starting Node itself.
  const floor = measure('node -e "" (Node start-up, the floor)', () =>
    timeOnce(process.execPath, ['-e', '']),
  );
  const unbundled = measure('check S, unbundled tsc output', rolemark(['check', 'content'], UNBUNDLED));
  const before: Result[] = [];
  for (const size of ['S', 'M', 'L']) {
    const dir = dirs[size] as string;
    if (size === 'S' && BASE) {
      // Before and after, in turn. The first run of each writes its code cache (warm-up).
      const [old, now] = measurePair(
        ['check S (before)', rolemark(['check', dir], BASE)],
        ['check S', rolemark(['check', dir])],
      );
      const [oldBuild, nowBuild] = measurePair(
        ['build S (before)', rolemark(['build', dir, '--out', `${out}-before`, '-q', '--force'], BASE)],
        ['build S (PDF + DOCX + md + json)', rolemark(['build', dir, '--out', out, '-q', '--force'])],
      );
      before.push(old, oldBuild);
      results.push(now, nowBuild);
      // The PDF writer keeps the shaping of words between processes (render/pdf/shaping-cache.ts),
      // so every build above but the first found it; a build right after installing has none.
      const shaping = join(dirname(CLI), 'code-cache', 'shaping');
      results.push(
        measure('build S without a shaping cache (the first build after install)', () => {
          rmSync(shaping, { recursive: true, force: true });
          return rolemark(['build', dir, '--out', out, '-q', '--force'])();
        }),
      );
      continue;
    }
    results.push(measure(`check ${size}`, rolemark(['check', dir])));
    // L is built below, side by side with L/2.
    if (size === 'L') continue;

    // --force: every document is rendered; the incremental cache would otherwise reuse them all.
    results.push(
      measure(
        `build ${size} (PDF + DOCX + md + json)`,
        rolemark(['build', dir, '--out', out, '-q', '--force']),
        RUNS,
        size === 'M' ? rolemark(['check', dir]) : undefined,
      ),
    );
  }

  // The watch-mode and CI case: nothing changed since the last build, the cache reuses everything.
  const again = measure(
    'build M again, nothing changed (cache)',
    rolemark(['build', dirs.M as string, '--out', out, '-q']),
  );
  process.stderr.write('warm render of the team charter, PDF + DOCX, one process\n');
  const warmNow = warm();
  const warmBefore = BASE ? warm(join(dirname(dirname(BASE)), 'index.js')) : undefined;
  process.stderr.write(`  warm: ${JSON.stringify(warmNow)}\n  warm before: ${JSON.stringify(warmBefore)}\n`);
  process.stderr.write('watch: save → team charter PDF + DOCX on disk\n');
  const watchNow = watchLatency();
  const watchBefore = BASE ? watchLatency(BASE) : undefined;
  process.stderr.write(
    `  watch: ${JSON.stringify(watchNow)}\n  watch before: ${JSON.stringify(watchBefore)}\n`,
  );
  process.stderr.write('pandoc vs rolemark, DOCX for every team document and role (M)\n');
  const pandocFiles = pandocInputs(dirs.M as string, join(WORK, 'pandoc-in'));
  const pandocOut = join(WORK, 'pandoc-out');
  mkdirSync(pandocOut, { recursive: true });
  const docxOnly = rolemark(['build', dirs.M as string, '--out', out, '-q', '--force', '--format', 'docx']);
  const [pandoc, ours] = !HAS_PANDOC
    ? [undefined, measure('rolemark build --format docx (M)', docxOnly, Math.min(3, RUNS))]
    : measurePair(
        [
          `pandoc, ${pandocFiles.length} processes (M)`,
          () =>
            sequence(
              pandocFiles.map((f) => ['pandoc', [f, '-o', join(pandocOut, `${f.split('/').pop()}.docx`)]]),
            ),
        ],
        ['rolemark build --format docx (M)', docxOnly],
        Math.min(3, RUNS),
      );

  process.stderr.write('scaling: L vs half of L, side by side\n');
  const [full, half] = measurePair(
    [
      'build L (PDF + DOCX + md + json)',
      rolemark(['build', dirs.L as string, '--out', out, '-q', '--force']),
      rolemark(['check', dirs.L as string]),
    ],
    [
      'build L/2',
      rolemark(['build', dirs['L/2'] as string, '--out', out, '-q', '--force']),
      rolemark(['check', dirs['L/2'] as string]),
    ],
    RUNS,
    // Three runs of L/2 (and five of L, in turn while both run) keep the bench under 10 minutes.
    Math.min(3, RUNS),
  );
  results.push(full);

  lines.push(
    `# rolemark benchmark`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
    '',
  );
  lines.push(
    'Medians of N runs after one warm-up run (for the builds of M, L and L/2, a `check` of the same files),',
    'whole processes, timed with `/usr/bin/time`. pandoc and rolemark, and L and L/2, ran in turn, side by side.',
    '',
  );
  const checkS = results.find((r) => r.label === 'check S') as Result;
  const buildS = results.find((r) => r.label.startsWith('build S')) as Result;
  const firstBuildS = results.find((r) => r.label.startsWith('build S without'));
  const ms = (x: { wall: number; cpu: number }) => `${x.wall.toFixed(0)} ms (CPU ${x.cpu.toFixed(0)} ms)`;
  const sec = (r: Result | undefined) => (r ? `${r.wall.toFixed(2)} s (CPU ${r.cpu.toFixed(2)} s)` : '–');
  lines.push(
    `Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] as number).toFixed(1)} at the end, on ${cpus().length} cores:`,
    'other work was running, so compare the before and now columns, measured in turn in this run,',
    "rather than with the issue's figures, measured on a quieter machine. CPU time (user + system) is",
    'less disturbed by other processes than wall time.',
    '',
    '## Goals of issue 16',
    '',
    '| measure | issue (2026-12-05) | before (this run) | now (this run) | goal |',
    '|---|--:|--:|--:|--:|',
    `| warm render of the example's team charter, PDF + DOCX, one process (PDF / DOCX) | ${ISSUE_TODAY.warm} | ${warmBefore ? `${ms(warmBefore.both)}: ${warmBefore.pdf.cpu.toFixed(0)} / ${warmBefore.docx.cpu.toFixed(0)} ms CPU` : '–'} | ${ms(warmNow.both)}: ${warmNow.pdf.cpu.toFixed(0)} / ${warmNow.docx.cpu.toFixed(0)} ms CPU | ≤ 60 ms |`,
    `| \`check\` on S | ${ISSUE_TODAY.checkS} | ${sec(before[0])} | ${sec(checkS)} | ≤ 0.25 s |`,
    `| \`build --force\` on S (all PDF + DOCX) | ${ISSUE_TODAY.buildS} | ${sec(before[1])} | ${sec(buildS)}${firstBuildS ? `; without a shaping cache (first build after install) ${sec(firstBuildS)}` : ''} | ≤ 0.6 s |`,
    `| M DOCX set vs pandoc, contents page numbers kept | ${ISSUE_TODAY.pandoc} | – | ${pandoc ? `${(pandoc.wall / ours.wall).toFixed(1)}× (${pandoc.wall.toFixed(1)} s / ${ours.wall.toFixed(1)} s)` : `pandoc not installed; rolemark ${ours.wall.toFixed(1)} s (CPU ${ours.cpu.toFixed(1)} s) against pandoc's 7.2 s of 2026-12-05`} | ≥ 5× |`,
    `| L \`build --force\` | ${ISSUE_TODAY.buildL} | – | ${full.wall.toFixed(1)} s, ${full.rssMb.toFixed(0)} MB | ≤ 15 s, ≤ 1 GB |`,
    `| watch: save → changed team charter's PDF and DOCX on disk | (measure) | ${watchBefore ? `${watchBefore.saveToOutputs.toFixed(0)} ms (CPU ${watchBefore.cpu.toFixed(0)} ms)` : '–'} | ${watchNow.saveToOutputs.toFixed(0)} ms (CPU ${watchNow.cpu.toFixed(0)} ms) | ≤ 150 ms |`,
    '',
    `Warm render: medians of ${warmNow.both.runs} renders after 3 warm-ups, in one process (\`bench/warm.ts\`).`,
    `watch: median of ${watchNow.runs} edits of the team charter's introduction after one warm-up edit, wall time from the write to both files replaced, \`rolemark build --watch\` as a process (\`bench/watch.ts\`); its debounce, the quiet time it waits for after a change (50 ms, 150 ms before 2026-12-07), is part of it.`,
    '',
    '## Every measure',
    '',
  );
  lines.push('| command | wall (s) | CPU (s) | peak RSS (MB) | N |', '|---|--:|--:|--:|--:|');
  for (const r of [floor, unbundled, ...before, ...results, again, ...(pandoc ? [pandoc] : []), ours, half])
    lines.push(fmt(r));
  lines.push('', '## Import graph of `rolemark check` on S', '');
  lines.push(
    '| CLI | modules resolved | JavaScript read (KB) | PDF/DOCX writer modules |',
    '|---|--:|--:|---|',
  );
  for (const [label, cli] of [
    ['bundle (installed `rolemark`)', CLI],
    ['unbundled tsc output', UNBUNDLED],
  ] as const) {
    const g = importGraph(cli);
    lines.push(
      `| ${label} | ${g.modules} | ${g.kb.toFixed(0)} | ${g.writers.length ? g.writers.join(', ') : 'none'} |`,
    );
  }
  lines.push('', '## Ratios', '');
  lines.push('| comparison | ratio | target |', '|---|--:|---|');
  lines.push(
    `| pandoc time / rolemark time, same DOCX set (M) | ${pandoc ? `${(pandoc.wall / ours.wall).toFixed(1)}×` : 'no pandoc'} | ≥ 5× (issue 16) |`,
  );
  lines.push(
    `| check S, wall time | ${checkS.wall.toFixed(2)} s (Node alone: ${floor.wall.toFixed(2)} s) | ≤ 0.25 s |`,
  );
  lines.push(`| build S, wall time | ${buildS.wall.toFixed(2)} s | ≤ 0.6 s |`);
  lines.push(
    `| build L, wall time and peak RSS | ${full.wall.toFixed(1)} s, ${full.rssMb.toFixed(0)} MB | ≤ 15 s, ≤ 1 GB (issue 16) |`,
  );
  lines.push(`| build L / build L/2, wall time | ${(full.wall / half.wall).toFixed(2)} | ≈ 2 (linear) |`);
  lines.push(`| build L / build L/2, peak RSS | ${(full.rssMb / half.rssMb).toFixed(2)} | ≤ 2 |`);
  if (SKIP_MATRIX) {
    lines.push(
      '',
      'The matrix pager benchmark was left out (BENCH_SKIP_MATRIX=1): see `npm run bench:matrix`.',
    );
  }
  process.stderr.write('matrix layout: our pager vs pdfkit doc.table(), in one process\n');
  const matrix = SKIP_MATRIX
    ? ''
    : execFileSync(process.execPath, ['dist-bench/bench/matrix.js'], {
        encoding: 'utf8',
        env: { ...process.env, BENCH_LARGE_TABLE_RUNS: '1' },
      });
  if (!SKIP_MATRIX) {
    lines.push('', '## Matrix layout: our pager vs pdfkit `doc.table()`', '');
    lines.push('Same data, same embedded font, one process (`npm run bench:matrix`; target ≥ 20×).', '');
    lines.push(...matrix.split('\n').filter((l) => l.startsWith('|')));
  }
  const minutes = (performance.now() - started) / 60_000;
  lines.push('', `The whole benchmark took ${minutes.toFixed(1)} minutes.`);
  const text = `${lines.join('\n')}\n`;
  process.stdout.write(text);
  writeFileSync('bench/results.md', text);
  cpSync('bench/results.md', join(WORK, `results-${Date.now()}.md`));
}

main();
