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
const started: { terminate: ReturnType<typeof vi.fn>; preload: string[] }[] = [];
vi.mock('../src/render/pool.js', () => ({
  startRenderWorker: (preload: string[]) => {
    const worker = { terminate: vi.fn(async () => 0), preload };
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
  it('reads --force, --out, --jobs, --format from the command line, and gives up on what only yargs reads', () => {
    expect(earlyOptionsFromArgv(['content', '--force', '-q'])).toEqual({ force: true });
    expect(earlyOptionsFromArgv(['--out', 'site', '-j', '1', 'content'])).toEqual({ out: 'site', jobs: 1 });
    expect(earlyOptionsFromArgv(['--out=site', '--jobs=3', '--no-force'])).toEqual({
      out: 'site',
      jobs: 3,
      force: false,
    });
    expect(earlyOptionsFromArgv(['-o', 'x', 'content'])).toEqual({ out: 'x' });
    expect(earlyOptionsFromArgv(['content', '--format', 'pdf'])).toEqual({ formats: ['pdf'] });
    expect(earlyOptionsFromArgv(['content', '-f', 'docx', '--force'])).toEqual({
      formats: ['docx'],
      force: true,
    });
    expect(earlyOptionsFromArgv(['content', '--format=md,docx', '-f', 'json'])).toEqual({
      formats: ['md', 'docx', 'json'],
    });
    // As the CLI reads them (cli/io.ts, `canonicalFormat`): `PDF` is `pdf`.
    expect(earlyOptionsFromArgv(['content', '-f', 'PDF, Docx'])).toEqual({ formats: ['pdf', 'docx'] });
    expect(earlyOptionsFromArgv(['content', '-qf', 'pdf'])).toBeNull();
    expect(earlyOptionsFromArgv(['content', '--format'])).toBeNull();
    expect(earlyOptionsFromArgv(['content', '--format', '--force'])).toBeNull();
    expect(earlyOptionsFromArgv(['content', '--formats', 'pdf'])).toBeNull();
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

  it('ends the guessed worker when the configuration says the build renders no writer, another first, or reuses a build', () => {
    if (availableParallelism() < 2) return;
    const out = join(tempDir(), 'out');
    const guessed = guessEarlyRenderer(['content', '--out', out]);
    expect(guessed).not.toBeNull();
    // The configuration builds PDFs only: the guessed worker, loading the PDF writer, is kept.
    expect(startEarlyRenderer({ out, formats: ['pdf'] })).toBe(guessed);
    expect(takeEarlyRenderer({ out, formats: ['pdf'] })).toBe(guessed);
    // DOCX files only: a worker loading the DOCX writer instead.
    const pdf = guessEarlyRenderer(['content', '--out', out]);
    const docx = startEarlyRenderer({ out, formats: ['docx'] });
    expect(started[1]).toBe(pdf);
    expect(started[1]?.terminate).toHaveBeenCalledTimes(1);
    expect(docx).toBe(started[2]);
    expect(started.map((w) => w.preload)).toEqual([['pdf'], ['pdf'], ['docx']]);
    expect(takeEarlyRenderer({ out, formats: ['docx'] })).toBe(docx);
    // Markdown only: no worker, the guessed one ended.
    expect(guessEarlyRenderer(['content', '--out', out])).toBe(started[3]);
    expect(startEarlyRenderer({ out, formats: ['md'] })).toBeNull();
    expect(started[3]?.terminate).toHaveBeenCalledTimes(1);
    expect(takeEarlyRenderer({ out, formats: ['md'] })).toBeNull();
    expect(started).toHaveLength(4);
    started.length = 0;

    // A configuration's `out` with a previous build to reuse: ended too.
    const reused = join(tempDir(), 'site');
    mkdirSync(reused);
    writeFileSync(join(reused, CACHE_FILE), '{}');
    expect(guessEarlyRenderer(['content', '--out', join(tempDir(), 'fresh')])).not.toBeNull();
    expect(startEarlyRenderer({ out: reused })).toBeNull();
    expect(started[0]?.terminate).toHaveBeenCalledTimes(1);
  });

  it('does not start for a build that reuses its previous outputs, or one told to use one thread', () => {
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, CACHE_FILE), '{}');
    expect(guessEarlyRenderer(['content', '--out', out])).toBeNull();
    expect(guessEarlyRenderer(['content', '--force', '--jobs', '1'])).toBeNull();
    expect(guessEarlyRenderer(['content', '--force', '--format', 'md,json'])).toBeNull();
    expect(started).toHaveLength(0);
  });
});
