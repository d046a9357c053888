import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateOrg } from '../bench/generate.js';
import { outputFiles, tempDir, withMistakes } from './helpers.js';

/**
 * The installed CLI's `build` starts its threads early (docs/performance.md, round four): bin.ts
 * starts the build's thread before it reads the command line, and the build's thread starts a
 * render worker, which loads the PDF writer while the content is read, before it loads the reader.
 * A small build then renders its PDFs in that worker and its DOCX files in the build's thread, at
 * once. This bundles the CLI as `npm install` does and runs it under a require hook that records
 * which thread loads pdfkit and docx (the bundle requires both, through the code cache).
 */
const ROOT = resolve('.');
// Inside the repository, so that the bundle finds node_modules.
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'rolemark-build-threads-bundle');
const HOOK = join(tempDir('rolemark-thread-hook-'), 'require.cjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** `threadId library` for each of pdfkit, docx, docx/layout, fontkit and brotli's modules required, in order. */
  loaded: string[];
  /** `threadId build-worker.cjs` for each thread that ran the build's thread's CommonJS file. */
  threads: string[];
  /** In order: `threadId build-worker.cjs`, and `threadId render-thread` for each render worker started. */
  starts: string[];
  /** The thread of each `Atomics.add`: a file taken to parse (workflow/parallel-read.ts). */
  atomics: number[];
}

function run(args: string[], cwd = ROOT, more: NodeJS.ProcessEnv = {}): Run {
  const record = join(tempDir('rolemark-threads-'), 'loaded.txt');
  writeFileSync(record, '');
  const r = spawnSync(process.execPath, ['--require', HOOK, join(BUNDLE, 'rolemark.js'), ...args], {
    cwd,
    env: {
      ...process.env,
      ROLEMARK_LOADED: record,
      ROLEMARK_JOBS: '',
      SOURCE_DATE_EPOCH: '1700000000',
      NO_COLOR: '1',
      ...more,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  const loaded = lines.filter((l) => !/ (build-worker\.cjs|render-thread)$/u.test(l));
  const threads = lines.filter((l) => l.endsWith(' build-worker.cjs'));
  const starts = lines.filter((l) => / (build-worker\.cjs|render-thread)$/u.test(l));
  const counted = `${record}.atomics`;
  const atomics = existsSync(counted)
    ? readFileSync(counted, 'utf8').split('\n').filter(Boolean).map(Number)
    : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded, threads, starts, atomics };
}

const threadOf = (loaded: string[], library: string) =>
  new Set(loaded.filter((l) => l.endsWith(` ${library}`)).map((l) => Number(l.split(' ')[0])));

describe('a cold build starts its threads early', () => {
  beforeAll(async () => {
    const { bundle } = (await import(join(ROOT, 'scripts', 'bundle.mjs'))) as {
      bundle: (outdir: string) => Promise<void>;
    };
    await bundle(BUNDLE);
    writeFileSync(
      HOOK,
      [
        "const Module = require('node:module');",
        "const { appendFileSync } = require('node:fs');",
        "const { threadId } = require('node:worker_threads');",
        'const load = Module._load;',
        'Module._load = function (request, ...rest) {',
        "  if (/^(pdfkit|docx|docx\\/layout|fontkit|brotli(\\/.*)?)$/.test(request)) appendFileSync(process.env.ROLEMARK_LOADED, threadId + ' ' + request + '\\n');",
        "  else if (/[\\\\/]chunks[\\\\/]build-worker\\.cjs$/.test(request)) appendFileSync(process.env.ROLEMARK_LOADED, threadId + ' build-worker.cjs\\n');",
        '  return load.call(this, request, ...rest);',
        '};',
        // Render workers started (render/pool.ts): the ES chunks import this class too.
        "const threads = require('node:worker_threads');",
        'const Worker = threads.Worker;',
        'threads.Worker = class extends Worker {',
        "  constructor(file, ...rest) { if (/render-thread/.test(String(file))) appendFileSync(process.env.ROLEMARK_LOADED, threadId + ' render-thread\\n'); super(file, ...rest); }",
        '};',
        // Files taken from the shared counter of parallel reading (workflow/parallel-read.ts).
        'const add = Atomics.add;',
        "Atomics.add = function (...a) { appendFileSync(process.env.ROLEMARK_LOADED + '.atomics', threadId + '\\n'); return add.apply(this, a); };",
      ].join('\n'),
    );
  }, 120_000);

  it('renders the PDFs and the DOCX files of a small build in two threads, with the bytes of one', () => {
    const split = join(tempDir(), 'out');
    const one = join(tempDir(), 'out');
    const a = run(['build', 'content', '--out', split, '--force']);
    expect(a.status, a.stderr).toBe(0);
    const pdf = threadOf(a.loaded, 'pdfkit');
    const docx = threadOf(a.loaded, 'docx');
    // Each library in one thread only, neither the main thread (0), and not the same one.
    expect([pdf.size, docx.size]).toEqual([1, 1]);
    expect([...pdf, ...docx]).not.toContain(0);
    expect([...pdf][0]).not.toBe([...docx][0]);
    // The build's thread started the render worker before it loaded its CommonJS file (after it,
    // before: cli/build-worker-entry.ts), and one worker only.
    const [builder] = [...docx];
    expect(a.starts).toEqual([`${builder} render-thread`, `${builder} build-worker.cjs`]);

    const b = run(['build', 'content', '--out', one, '--force', '--jobs', '1']);
    expect(b.status, b.stderr).toBe(0);
    expect(threadOf(b.loaded, 'pdfkit')).toEqual(threadOf(b.loaded, 'docx'));
    const [x, y] = [outputFiles(split, false), outputFiles(one, false)];
    expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
    expect(x.size).toBe(10);
    for (const [path, data] of y) expect(x.get(path)?.equals(data), path).toBe(true);
  }, 120_000);

  it('renders a small build of one writer in the worker that loaded it while the content was read', () => {
    const one = join(tempDir(), 'out');
    const b = run(['build', 'content', '--out', one, '--force', '--jobs', '1', '--format', 'docx']);
    expect(b.status, b.stderr).toBe(0);
    const [buildThread] = [...threadOf(b.loaded, 'docx')];
    const early = join(tempDir(), 'out');
    const a = run(['build', 'content', '--out', early, '--force', '--format', 'docx']);
    expect(a.status, a.stderr).toBe(0);
    const docx = threadOf(a.loaded, 'docx');
    expect(docx.size).toBe(1);
    // Not the main thread, not the build's: the render worker, which loaded no PDF writer.
    expect([...docx]).not.toContain(0);
    expect([...docx]).not.toContain(buildThread);
    expect(threadOf(a.loaded, 'pdfkit').size).toBe(0);
    const [x, y] = [outputFiles(early, false), outputFiles(one, false)];
    expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
    expect(x.size).toBe(4);
    for (const [path, data] of y) expect(x.get(path)?.equals(data), path).toBe(true);
  }, 120_000);

  it('writes the code cache of the libraries a render worker loaded, as of those the build’s thread did', () => {
    // The same libraries loaded, in one thread or in two: the same cache files (src/code-cache.ts).
    const cacheOf = (...more: string[]) => {
      const cache = tempDir('rolemark-threads-cache-');
      const r = run(['build', 'content', '--out', join(tempDir(), 'out'), '--force', ...more], ROOT, {
        ROLEMARK_CODE_CACHE: cache,
      });
      expect(r.status, r.stderr).toBe(0);
      // Beside the code cache, the shaped words of the PDFs' fonts (render/pdf/shaping-cache.ts).
      const shaping = readdirSync(join(cache, 'shaping'));
      expect(shaping.length).toBeGreaterThan(0);
      expect(shaping.filter((f) => !f.endsWith('.json'))).toEqual([]);
      return readdirSync(cache)
        .filter((f) => f !== 'shaping')
        .sort();
    };
    const one = cacheOf('--jobs', '1');
    expect(one.length).toBeGreaterThan(3);
    expect(one.filter((f) => !f.endsWith('.bin'))).toEqual([]);
    // The PDFs in the render worker (pdfkit, fontkit), the DOCX files in the build's thread.
    expect(cacheOf()).toEqual(one);
  }, 120_000);

  it('renders a large build in the build’s thread beside cores − 1 workers, or one thread per writer on 2 cores', () => {
    const org = join(tempDir(), 'org');
    // 2 teams and 24 roles: 26 DOCX files, enough for the pool (render/pool.ts).
    generateOrg(org, { files: 2, roles: 24, activities: 12 }, 5);
    const build = (...more: string[]) => {
      const out = join(tempDir(), 'out');
      const r = run(['build', org, '--out', out, '--format', 'docx', '--force', ...more]);
      expect(r.status, r.stderr).toBe(0);
      const said = [r.stdout, r.stderr].map((text) => text.split(out).join('OUT'));
      return { docx: threadOf(r.loaded, 'docx'), files: outputFiles(out, false), said };
    };
    const one = build('--jobs', '1');
    expect(one.docx.size).toBe(1);
    const [buildThread] = [...one.docx];
    const shared = build();
    const cores = availableParallelism();
    if (cores > 2) {
      // The build's thread renders, and so do min(cores − 1, 4) workers.
      expect(shared.docx.has(buildThread as number)).toBe(true);
      expect(shared.docx.size).toBe(1 + Math.min(cores - 1, 4));
    } else if (cores === 2) {
      // On 2 cores the early worker, which loaded docx while the content was read, and the build's
      // thread once it has handed the worker its first documents (render/pool.ts, `ONE_WRITER`).
      expect(shared.docx.size).toBe(2);
      expect(shared.docx.has(buildThread as number)).toBe(true);
    } else {
      // On 1 core, this thread alone.
      expect(shared.docx.size).toBe(1);
      expect(shared.docx.has(buildThread as number)).toBe(true);
    }
    // `--jobs 2` still means two workers, and the build's thread renders nothing.
    const told = build('--jobs', '2');
    expect(told.docx.size).toBe(2);
    expect(told.docx.has(buildThread as number)).toBe(false);
    expect(one.files.size).toBe(26);
    for (const { files, said } of [shared, told]) {
      // The same report and diagnostics as one thread's.
      expect(said).toEqual(one.said);
      expect([...files.keys()].sort()).toEqual([...one.files.keys()].sort());
      for (const [path, data] of one.files) expect(files.get(path)?.equals(data), path).toBe(true);
    }
  }, 180_000);

  it('gives an incremental build with many documents to render the second thread a first build has', () => {
    const org = join(tempDir(), 'org');
    // 2 teams and 24 roles: 26 PDFs and 26 DOCX files to render again.
    generateOrg(org, { files: 2, roles: 24, activities: 12 }, 7);
    const out = join(tempDir(), 'out');
    expect(run(['build', org, '--out', out, '--jobs', '1']).status).toBe(0);
    const first = outputFiles(out, false);
    // Every output stale, as after a new version of rolemark or a theme every document shows.
    const manifestFile = join(out, '.rolemark-cache.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      outputs: Record<string, { key: string }>;
    };
    for (const entry of Object.values(manifest.outputs)) entry.key = `stale-${entry.key}`;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const r = run(['build', org, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: 5\d rendered, 0 unchanged/u);
    if (availableParallelism() === 2) {
      // The PDFs render in a worker of their own, the DOCX files in the build's thread (above 2
      // cores the shared pool renders both in every thread; on 1 core there is one thread).
      const pdf = threadOf(r.loaded, 'pdfkit');
      const docx = threadOf(r.loaded, 'docx');
      expect([pdf.size, docx.size]).toEqual([1, 1]);
      expect(pdf.has([...docx][0] as number)).toBe(false);
    }
    const again = outputFiles(out, false);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, data] of first) expect(again.get(path)?.equals(data), path).toBe(true);
  }, 180_000);

  it('loads no writer when nothing changed since the last build, and --help starts no build', () => {
    const out = join(tempDir(), 'out');
    expect(run(['build', 'content', '--out', out]).status).toBe(0);
    const again = run(['build', 'content', '--out', out]);
    expect([again.status, again.stdout]).toEqual([
      0,
      `Built 10 files into ${out}/: 0 rendered, 10 unchanged (0 errors, 0 warnings, 0 infos)\n`,
    ]);
    expect(again.loaded).toEqual([]);
    // Nor fontkit, which a theme's font file needs, for Markdown and JSON alone.
    const data = run(['build', 'content', '--out', join(tempDir(), 'out'), '--format', 'md,json']);
    expect([data.status, data.loaded]).toEqual([0, []]);
    const help = run(['build', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--force');
    expect(help.loaded).toEqual([]);
  }, 120_000);

  it('loads brotli for no built-in font, and docx’s page estimate for a reference DOCX with the library’s bytes', async () => {
    // One thread renders both writers: the hook sees all they load (a worker ended at exit is not heard).
    const own = run(['build', 'content', '--out', join(tempDir(), 'out'), '--force', '--jobs', '1']);
    expect(own.status, own.stderr).toBe(0);
    // The control: the hook sees the libraries that do load.
    expect(['pdfkit', 'docx', 'fontkit'].map((l) => threadOf(own.loaded, l).size)).toEqual([1, 1, 1]);
    // brotli's decoder (src/code-cache.ts, `DEFERRED`: WOFF2 fonts only) is not loaded at all.
    expect(own.loaded.filter((l) => / brotli.*$/u.test(l))).toEqual([]);
    // With a reference document's styles docx's estimate numbers the contents: through the build
    // thread's CommonJS file (src/cli/build-worker-entry.ts) it gives the library modules' bytes.
    const reference = resolve('test/fixtures/docx/reference.docx');
    const cli = join(tempDir(), 'out');
    const args = ['--force', '--jobs', '1', '--format', 'docx', '--reference-docx', reference];
    const styled = run(['build', 'content', '--out', cli, ...args]);
    expect(styled.status, styled.stderr).toBe(0);
    expect(threadOf(styled.loaded, 'docx/layout').size).toBe(1);
    const lib = join(tempDir(), 'out');
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    try {
      const { build } = await import('../src/index.js');
      const result = await build(['content'], {
        out: lib,
        force: true,
        jobs: 1,
        formats: ['docx'],
        referenceDocx: reference,
      });
      expect(result.ok).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
    const [x, y] = [outputFiles(cli, false), outputFiles(lib, false)];
    expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
    expect(x.size).toBe(4);
    for (const [path, data] of y) expect(x.get(path)?.equals(data), path).toBe(true);
  }, 120_000);

  it('runs the build’s thread from one CommonJS file through the code cache, and from the ES modules without it', () => {
    const cache = tempDir('rolemark-threads-cache-');
    const file = join(BUNDLE, 'chunks', 'build-worker.cjs');
    const keyOf = (source: string) =>
      `${createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex').slice(0, 32)}.bin`;
    const build = (out: string) => {
      const r = run(['build', 'content', '--out', out, '--force'], ROOT, { ROLEMARK_CODE_CACHE: cache });
      expect(r.status, r.stderr).toBe(0);
      return r;
    };
    const first = join(tempDir(), 'out');
    const a = build(first);
    // The build's thread (not the main one) loaded the file, and wrote its cache when it ended.
    const thread = threadOf(a.threads, 'build-worker.cjs');
    expect(thread.size).toBe(1);
    expect(thread.has(0)).toBe(false);
    expect(threadOf(a.loaded, 'docx')).toEqual(thread);
    const source = readFileSync(file, 'utf8');
    const cached = join(cache, keyOf(source));
    expect(existsSync(cached)).toBe(true);
    // Taken by the next build (V8 accepts it: not written again).
    const written = statSync(cached).mtimeMs;
    const second = join(tempDir(), 'out');
    build(second);
    expect(statSync(cached).mtimeMs).toBe(written);
    try {
      // A changed file gets a cache of its own (test/code-cache.test.ts: also at the same length).
      const changed = `${source}\n// changed\n`;
      writeFileSync(file, changed);
      build(join(tempDir(), 'out'));
      expect(existsSync(join(cache, keyOf(changed)))).toBe(true);
      // Without the file (an older bundle), the thread runs the ES modules, as before.
      rmSync(file);
      const modules = join(tempDir(), 'out');
      const b = build(modules);
      expect(b.threads).toEqual([]);
      const [x, y, z] = [outputFiles(first, false), outputFiles(second, false), outputFiles(modules, false)];
      expect(x.size).toBe(10);
      for (const [path, data] of x) {
        expect(y.get(path)?.equals(data), path).toBe(true);
        expect(z.get(path)?.equals(data), path).toBe(true);
      }
    } finally {
      writeFileSync(file, source);
    }
  }, 120_000);

  it('uses the code fingerprint written with the bundle, the hash a build would work out', async () => {
    const { FINGERPRINT_FILE, hashCode } = await import('../src/workflow/cache.js');
    const file = join(BUNDLE, FINGERPRINT_FILE);
    const written = readFileSync(file, 'utf8');
    const out = join(tempDir(), 'out');
    expect(run(['build', 'content', '--out', out]).status).toBe(0);
    // After a build has kept its shaped words beside the bundle (code-cache/shaping/*.json), which
    // are made by runs and are not code.
    const shaping = join(BUNDLE, 'code-cache', 'shaping');
    expect(readdirSync(shaping).some((name) => name.endsWith('.json'))).toBe(true);
    expect(written).toBe(`${await hashCode(BUNDLE, ROOT)}\n`);
    // The builds read it: another fingerprint is other code, whose outputs are not reused.
    try {
      writeFileSync(file, `${'0'.repeat(64)}\n`);
      const other = run(['build', 'content', '--out', out]);
      expect(other.stdout).toContain(': 10 rendered, 0 unchanged');
    } finally {
      writeFileSync(file, written);
    }
    expect(run(['build', 'content', '--out', out]).stdout).toContain(': 10 rendered, 0 unchanged');
    expect(run(['build', 'content', '--out', out]).stdout).toContain(': 0 rendered, 10 unchanged');
  }, 120_000);

  it('ends a build with errors, or a mistake on the command line, with its thread started early', () => {
    const content = tempDir();
    writeFileSync(
      join(content, 't.md'),
      '# Team\n\n| Activity | PM | PO |\n|---|---|---|\n| Define vision | A | A |\n',
    );
    const out = join(tempDir(), 'out');
    const failed = run(['build', content, '--out', out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('accountable-multiple');
    expect(failed.stderr).toContain('Build failed');
    // No writer in the build's thread, no DOCX writer anywhere. The render worker (thread 2),
    // started from the command line before the content was read (workflow/early-render.ts), may
    // have begun loading the PDF writer: how far it gets before the failed build ends it depends on
    // the machine's speed. Nothing is written.
    expect(failed.loaded.filter((l) => !/^2 (pdfkit|fontkit)$/.test(l))).toEqual([]);
    expect(existsSync(out)).toBe(false);
    const mistake = run(['build', content, '--out', out, '--format', 'pdff']);
    expect(mistake.status).toBe(2);
    expect(mistake.stderr).toContain('pdff');
  }, 120_000);

  it('parses a large build’s files in the build’s thread and the render worker: the diagnostics of one thread', () => {
    const org = join(tempDir(), 'org');
    // 24 files: the render worker has loaded the PDF writer before the build's thread has read them.
    const files = generateOrg(org, { files: 24, roles: 80, activities: 2400 }, 9);
    // Errors (a second A on a row) and reader findings (a code no scheme has) in every third file.
    for (const [i, file] of files.entries()) {
      if (i % 3 !== 0) continue;
      writeFileSync(file, withMistakes(readFileSync(file, 'utf8')));
    }
    const out = join(tempDir(), 'out');
    const together = run(['build', org, '--out', out, '--force']);
    const alone = run(['build', org, '--out', out, '--force', '--jobs', '1']);
    expect(together.status).toBe(1);
    expect(alone.status).toBe(1);
    expect(together.stderr).toContain('accountable-multiple');
    expect(together.stdout).toBe(alone.stdout);
    expect(together.stderr).toBe(alone.stderr);
    // Both threads took files: the build's, and the render worker (the one that loaded pdfkit).
    const [worker] = [...threadOf(together.loaded, 'pdfkit')];
    expect(together.atomics.filter((t) => t === worker).length).toBeGreaterThan(1);
    expect(together.atomics.filter((t) => t !== worker).length).toBeGreaterThan(1);
    // Alone: no second thread, no shared counter.
    expect(alone.atomics).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 240_000);
});
