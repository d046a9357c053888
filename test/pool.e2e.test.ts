import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../bench/generate.js';
import type * as Api from '../src/index.js';
import type * as Pool from '../src/render/pool.js';
import { MIN_OUTPUTS_FOR_WORKERS, workerCount } from '../src/render/pool.js';
import { outputFiles, tempDir } from './helpers.js';

/**
 * Rendering in worker threads must give exactly the bytes of rendering in the main thread, in the
 * same files. Workers only run from compiled code, so this builds with the compiled CLI (tsc's
 * dist/, made by `npm install`), in child processes.
 */
const ROOT = process.cwd();

describe('rendering in worker threads', () => {
  let content: string;
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
      },
    );
    content = join(tempDir(), 'org');
    // 2 teams and 8 roles: 10 documents, 20 PDF and DOCX files.
    generateOrg(content, { files: 2, roles: 8, activities: 16 }, 7);
  }, 120_000);

  it('writes the same files, byte for byte, with 2 workers as in the main thread', () => {
    const serial = join(tempDir(), 'serial');
    const parallel = join(tempDir(), 'parallel');
    const build = (out: string, jobs: string) =>
      execFileSync(process.execPath, ['dist/bin.js', 'build', content, '--out', out, '--jobs', jobs, '-q'], {
        cwd: ROOT,
        env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
      });
    build(serial, '1');
    build(parallel, '2');
    const a = outputFiles(serial);
    const b = outputFiles(parallel);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(a.size).toBeGreaterThan(20);
    for (const [path, data] of a) expect(b.get(path)?.equals(data), path).toBe(true);
  }, 120_000);

  it('renders in the calling thread too when shared, the bytes of one thread, in order', async () => {
    const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(ROOT, 'dist', path)).href);
    const api = await dist<typeof Api>('index.js');
    const pool = await dist<typeof Pool>('render/pool.js');
    const model = await api.load([content]);
    const plan = api.planOutputs(model, { formats: ['docx'], date: '2026-01-02' });
    expect(plan.length).toBe(10);
    const worker = pool.startRenderWorker(['docx']) as Worker;
    expect(worker).not.toBeNull();
    let replies = 0;
    worker.on('message', () => replies++);
    const shared = pool.workerPool(1, { adopt: [worker], share: true });
    try {
      // All asked at once: the worker takes two, this thread one, and each the next when done.
      const bytes = await Promise.all(plan.map((p) => p.produce(shared)));
      // The worker rendered some, this thread the others.
      expect(replies).toBeGreaterThanOrEqual(2);
      expect(replies).toBeLessThan(plan.length);
      for (const [i, p] of plan.entries()) {
        const one = await p.produce(pool.inProcess);
        expect(Buffer.from(bytes[i] as Buffer).equals(Buffer.from(one as Buffer)), p.path).toBe(true);
      }
    } finally {
      await shared.close();
    }
  }, 120_000);

  it('uses workers only when there are enough documents, unless told', () => {
    expect(workerCount(MIN_OUTPUTS_FOR_WORKERS - 1)).toBe(0);
    expect(workerCount(10, 3)).toBe(3);
    expect(workerCount(1000, 1)).toBe(0);
    // By default one worker fewer than cores (the build's thread renders too), at most 4; none on
    // 2 cores, where the early worker and the build's thread each render one writer.
    const cores = availableParallelism();
    expect(workerCount(1000)).toBe(cores <= 2 ? 0 : Math.min(cores - 1, 4));
  });
});
