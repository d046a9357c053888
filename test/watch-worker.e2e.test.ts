import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../bench/generate.js';
import type * as Api from '../src/index.js';
import type * as Files from '../src/read/files.js';
import type * as Load from '../src/read/load.js';
import type * as Pool from '../src/render/pool.js';
import { outputFiles, tempDir } from './helpers.js';
import { save, until } from './watch-helpers.js';

/**
 * `watch` keeps one render worker warm from build to build (docs/performance.md, round four,
 * second half): a save's PDFs are rendered there while the DOCX files are rendered in the watch
 * thread. Workers only run from compiled code, so this imports tsc's dist/, compiled first.
 */
const ROOT = process.cwd();
const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(ROOT, 'dist', path)).href);

function expectSameFiles(actual: string, expected: string) {
  const a = outputFiles(actual, false);
  const b = outputFiles(expected, false);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [path, data] of b) expect(a.get(path)?.equals(data), path).toBe(true);
}

let api: typeof Api;
let pool: typeof Pool;
let model: (dir: string) => Promise<Api.Model>;

describe('watch with a warm render worker', () => {
  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
      },
    );
    api = await dist<typeof Api>('index.js');
    pool = await dist<typeof Pool>('render/pool.js');
    const { findInputs, readSources } = await dist<typeof Files>('read/files.js');
    const { loadSources } = await dist<typeof Load>('read/load.js');
    model = async (dir) => loadSources(await readSources(await findInputs([dir]))) as Api.Model;
  }, 120_000);

  it('renders the PDFs of build after build in the lent worker, the same bytes, and leaves it running', async () => {
    const content = join(tempDir(), 'org');
    generateOrg(content, { files: 1, roles: 4, activities: 12 }, 3);
    const m = await model(content);
    const options = { formats: ['pdf', 'docx'] as Api.Format[], date: '2026-01-02', force: true };
    const serial = join(tempDir(), 'serial');
    await api.buildModel(m, { ...options, out: serial, jobs: 1 });

    const worker = pool.startRenderWorker(['pdf']) as Worker;
    expect(worker).not.toBeNull();
    let replies = 0;
    let exited = false;
    worker.on('message', () => replies++);
    worker.once('exit', () => {
      exited = true;
    });
    try {
      for (const round of [1, 2]) {
        const out = join(tempDir(), `lent-${round}`);
        const before = replies;
        const result = await api.buildModel(m, { ...options, out }, null, worker);
        expect(result.ok).toBe(true);
        expectSameFiles(out, serial);
        // One reply a PDF (a team charter and four role charters): the worker rendered them all.
        expect(replies - before).toBe(5);
        // The build ended; the worker lent to it did not, and serves the next build warm.
        await new Promise((r) => setTimeout(r, 50));
        expect(exited).toBe(false);
      }
    } finally {
      await worker.terminate();
    }
  }, 120_000);

  it('never takes a reply to a pool that stopped as the answer to the next pool’s job', async () => {
    const content = join(tempDir(), 'org');
    generateOrg(content, { files: 1, roles: 6, activities: 30 }, 5);
    const m = await model(content);
    const plan = api
      .planOutputs(m, { formats: ['pdf'], date: '2026-01-02' })
      .filter((p) => p.path.endsWith('.pdf'));
    const [first, second] = plan as [Api.PlannedOutput, Api.PlannedOutput];
    expect(first.path).not.toBe(second.path);
    const worker = pool.startRenderWorker(['pdf']) as Worker;
    try {
      const formats = new Set(['pdf', 'docx']);
      // A build stopped (aborted) while its PDF was in the worker: the pool closes, the job runs on.
      const stopped = pool.buildRenderer(0, null, formats, worker).renderer;
      const abandoned = first.produce(stopped);
      abandoned.catch(() => {});
      await stopped.close();
      // The next build's first job: its bytes are its own document's, not the stopped one's.
      const next = pool.buildRenderer(0, null, formats, worker).renderer;
      const bytes = await second.produce(next);
      expect(Buffer.from(bytes).equals(Buffer.from(await second.produce(pool.inProcess)))).toBe(true);
      await next.close();
    } finally {
      await worker.terminate();
    }
  }, 120_000);

  it('after quick saves, a deleted file and a renamed one, out/ holds what a one-thread build writes', async () => {
    const dir = tempDir();
    const content = join(dir, 'org');
    const written = generateOrg(content, { files: 3, roles: 8, activities: 20 }, 11);
    const out = join(dir, 'out');
    const events: Api.WatchEvent[] = [];
    const watcher = await api.watch([content], {
      out,
      formats: ['pdf', 'docx', 'md'],
      date: '2026-01-02',
      debounceMs: 20,
      onBuild: (e) => events.push(e),
    });
    try {
      await until(() => events.length > 0, 'the first build', 60_000);
      const [a, b, c] = written as [string, string, string];
      const text = readFileSync(a, 'utf8');
      // Two saves of one file, the second before the first's build is over.
      expect(text).toMatch(/\((\w+) 1\)/u);
      save(a, text.replace(/\((\w+) 1\)/u, '($1 1, first edit)'));
      await new Promise((r) => setTimeout(r, 5));
      save(a, text.replace(/\((\w+) 1\)/u, '($1 1, second edit)'));
      rmSync(b);
      const moved = join(content, 'moved.md');
      writeFileSync(moved, readFileSync(c));
      rmSync(c);
      await until(() => events.length > 1, 'the builds after the edits', 60_000);
      await watcher.idle();
      expect(events.every((e) => e.error === undefined && e.result?.ok !== false)).toBe(true);
    } finally {
      await watcher.close();
    }
    const fresh = join(dir, 'fresh');
    await api.buildModel(await model(content), {
      out: fresh,
      formats: ['pdf', 'docx', 'md'],
      date: '2026-01-02',
      jobs: 1,
      force: true,
    });
    expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toContain('1, second edit)');
    expectSameFiles(out, fresh);
  }, 180_000);
});
