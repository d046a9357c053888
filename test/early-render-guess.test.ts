import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CACHE_FILE } from '../src/workflow/cache.js';
import { tempDir } from './helpers.js';

/**
 * The CLI's build thread starts its render worker as it starts, on a guess from the command line
 * (workflow/early-render.ts, `guessEarlyRenderer`), before yargs and the configuration have given
 * the build's options; those keep the worker or end it. Workers do not run from TypeScript
 * sources, so the pool's `startRenderWorker` is replaced by one that hands out stand-ins.
 */
const started: { terminate: ReturnType<typeof vi.fn> }[] = [];
vi.mock('../src/render/pool.js', () => ({
  startRenderWorker: () => {
    const worker = { terminate: vi.fn(async () => 0) };
    started.push(worker);
    return worker;
  },
}));

const { earlyOptionsFromArgv, guessEarlyRenderer, startEarlyRenderer, takeEarlyRenderer } = await import(
  '../src/workflow/early-render.js'
);

afterEach(() => {
  // Whatever a test left started is taken (and so forgotten) before the next one.
  takeEarlyRenderer({ formats: ['md'] });
  started.length = 0;
});

describe('the render worker started from the command line, before the options are known', () => {
  it('reads --force, --out, --jobs from the command line, and gives up on --format', () => {
    expect(earlyOptionsFromArgv(['content', '--force', '-q'])).toEqual({ force: true });
    expect(earlyOptionsFromArgv(['--out', 'site', '-j', '1', 'content'])).toEqual({ out: 'site', jobs: 1 });
    expect(earlyOptionsFromArgv(['--out=site', '--jobs=3', '--no-force'])).toEqual({
      out: 'site',
      jobs: 3,
      force: false,
    });
    expect(earlyOptionsFromArgv(['-o', 'x', 'content'])).toEqual({ out: 'x' });
    expect(earlyOptionsFromArgv(['content', '--format', 'pdf'])).toBeNull();
    expect(earlyOptionsFromArgv(['content', '-f', 'docx'])).toBeNull();
    expect(earlyOptionsFromArgv(['content', '--format=pdf'])).toBeNull();
    expect(earlyOptionsFromArgv(['content', '-qf', 'pdf'])).toBeNull();
  });

  it('starts for `build --force`, and the build with the same options takes that worker', () => {
    const out = join(tempDir(), 'out');
    const guessed = guessEarlyRenderer(['content', '--force', '--out', out]);
    if (availableParallelism() < 2) {
      expect(guessed).toBeNull();
      return;
    }
    expect(started).toHaveLength(1);
    // The job's options (read by yargs and the configuration) agree: the same worker, no second.
    const options = { out, force: true, formats: ['pdf', 'docx', 'md', 'json'] };
    expect(startEarlyRenderer(options)).toBe(guessed);
    expect(takeEarlyRenderer(options)).toBe(guessed);
    expect(started).toHaveLength(1);
    expect(started[0]?.terminate).not.toHaveBeenCalled();
  });

  it('ends the guessed worker when the configuration says the build renders one writer or reuses a build', () => {
    if (availableParallelism() < 2) return;
    const out = join(tempDir(), 'out');
    const guessed = guessEarlyRenderer(['content', '--out', out]);
    expect(guessed).not.toBeNull();
    // The configuration builds PDFs only: no worker, the guessed one ended.
    expect(startEarlyRenderer({ out, formats: ['pdf'] })).toBeNull();
    expect(started[0]?.terminate).toHaveBeenCalledTimes(1);
    expect(takeEarlyRenderer({ out, formats: ['pdf'] })).toBeNull();
    expect(started).toHaveLength(1);

    // A configuration's `out` with a previous build to reuse: ended too.
    const reused = join(tempDir(), 'site');
    mkdirSync(reused);
    writeFileSync(join(reused, CACHE_FILE), '{}');
    expect(guessEarlyRenderer(['content', '--out', join(tempDir(), 'fresh')])).not.toBeNull();
    expect(startEarlyRenderer({ out: reused })).toBeNull();
    expect(started[1]?.terminate).toHaveBeenCalledTimes(1);
  });

  it('does not start for a build that reuses its previous outputs, or one told to use one thread', () => {
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, CACHE_FILE), '{}');
    expect(guessEarlyRenderer(['content', '--out', out])).toBeNull();
    expect(guessEarlyRenderer(['content', '--force', '--jobs', '1'])).toBeNull();
    expect(guessEarlyRenderer(['content', '--force', '--format', 'pdf'])).toBeNull();
    expect(started).toHaveLength(0);
  });
});
