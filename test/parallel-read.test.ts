/**
 * A build's files parsed in two threads at once (src/workflow/parallel-read.ts): whatever share
 * the worker takes, whenever its replies come, and whether it fails a file or ends midway, the
 * model and its diagnostics are those of one thread: same findings, same order, same positions.
 * The worker here runs in this thread (tests run from the TypeScript sources), taking its files
 * from the shared counter before this thread's turn and answering later, as a real one may;
 * test/build-threads.e2e.test.ts runs the real one.
 */
import { EventEmitter } from 'node:events';
import { deserialize, serialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { generateOrg } from '../bench/generate.js';
import { check } from '../src/lint.js';
import { readSources } from '../src/read/files.js';
import { loadSources, type SourceFile } from '../src/read/load.js';
import { withDefaultSeverities } from '../src/rules/engine.js';
import { guardShare, guardTogether, type ReadJob, type ReadReply } from '../src/workflow/parallel-read.js';
import { tempDir, withMistakes } from './helpers.js';

/** A generated organisation with errors and reader findings spread over several files. */
async function org(): Promise<SourceFile[]> {
  const dir = tempDir();
  const files = generateOrg(dir, { files: 9, roles: 30, activities: 90 }, 7);
  const sources = await readSources(files);
  return sources.map((s, i) => {
    if (i % 3 !== 1) return s;
    // A second A on a row (accountable-multiple, an error), a code no scheme has (the reader's).
    const text = withMistakes(s.text);
    return { ...s, text: `${text}\n\n| Activity | Ghost |\n|---|---|\n| Haunt (${i}) | R |\n` };
  });
}

interface Fake {
  worker: Worker;
  /** Files the fake worker took. */
  taken: number[];
}

/**
 * A worker in this thread: on the job it takes `take` files at once (before this thread's loop,
 * as a worker that was ready would have), then answers each in a later turn, copied as a message
 * is; `fail` files come back undone; `exitAfter` replies, it ends instead.
 */
function fakeWorker(take: number, options: { fail?: number[]; exitAfter?: number } = {}): Fake {
  const emitter = new EventEmitter();
  const taken: number[] = [];
  const postMessage = (m: ReadJob) => {
    const job = { ...(deserialize(serialize({ ...m, next: undefined })) as ReadJob), next: m.next };
    const replies: ReadReply[] = [];
    const stop = new Error('taken enough');
    try {
      if (take > 0)
        guardShare(job, (r) => {
          taken.push(r.index);
          replies.push(options.fail?.includes(r.index) ? { ...r, guarded: null } : r);
          // Stops taking files: this thread takes the rest from the shared counter.
          if (replies.length >= take) throw stop;
        });
    } catch (error) {
      if (error !== stop) throw error;
    }
    let sent = 0;
    const send = () => {
      const reply = replies.shift();
      if (!reply) return;
      if (options.exitAfter !== undefined && sent >= options.exitAfter) {
        emitter.emit('exit', 1);
        return;
      }
      sent++;
      emitter.emit('message', deserialize(serialize(reply)));
      setImmediate(send);
    };
    setImmediate(send);
  };
  const worker = Object.assign(emitter, { postMessage }) as unknown as Worker;
  return { worker, taken };
}

describe('guardTogether', () => {
  it('gives the model and diagnostics of one thread, whichever files the worker took', async () => {
    const sources = await org();
    const alone = withDefaultSeverities(loadSources(sources));
    const errors = check(alone).filter((d) => d.severity === 'error');
    // The chart has errors in several files, and reader findings.
    expect(new Set(errors.map((d) => d.file)).size).toBeGreaterThanOrEqual(3);
    expect(alone.diagnostics.some((d) => /Z/u.test(d.message))).toBe(true);
    for (const take of [0, 2, 9]) {
      const fake = fakeWorker(take);
      const guarded = await guardTogether(fake.worker, sources, undefined);
      expect(fake.taken.length).toBe(take);
      const together = withDefaultSeverities(loadSources(sources, {}, guarded));
      expect(together).toEqual(alone);
      expect(check(together)).toEqual(check(alone));
    }
  });

  it('parses again here a file the worker could not, and those it took when it ends midway', async () => {
    const sources = await org();
    const alone = withDefaultSeverities(loadSources(sources));
    const failing = fakeWorker(5, { fail: [0, 3] });
    const a = await guardTogether(failing.worker, sources, undefined);
    expect(withDefaultSeverities(loadSources(sources, {}, a))).toEqual(alone);
    const ending = fakeWorker(6, { exitAfter: 2 });
    const b = await guardTogether(ending.worker, sources, undefined);
    expect(withDefaultSeverities(loadSources(sources, {}, b))).toEqual(alone);
  });

  it('applies the limits it is given in both threads', async () => {
    const sources = await org();
    const limits = { lines: 40 };
    const alone = withDefaultSeverities(loadSources(sources, { limits }));
    expect(alone.diagnostics.filter((d) => d.ruleId === 'input-limit').length).toBe(sources.length);
    const fake = fakeWorker(4);
    const guarded = await guardTogether(fake.worker, sources, limits);
    expect(withDefaultSeverities(loadSources(sources, { limits }, guarded))).toEqual(alone);
  });
});
