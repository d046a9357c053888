import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../src/workflow/cache.js';
import { preloadOf, rendersEarly } from '../src/workflow/early-render.js';
import { tempDir } from './helpers.js';

/**
 * A build starts its render worker before reading (workflow/early-render.ts) only when it will
 * most likely render PDFs or DOCX files: a worker started for a build that renders nothing
 * (nothing changed since the last build, Markdown and JSON only) costs its start-up for nothing.
 */
describe('starting the render worker before the content is read', () => {
  const cores = availableParallelism();
  const none = {};

  it('starts for a first or forced build of PDFs and DOCX files, on 2 cores or more', () => {
    const out = join(tempDir(), 'out');
    expect(rendersEarly({ out }, none)).toBe(cores >= 2);
    expect(rendersEarly({ out, formats: ['pdf', 'docx', 'md'] }, none)).toBe(cores >= 2);
    expect(rendersEarly({ out, force: true, jobs: 2 }, none)).toBe(cores >= 2);
  });

  it('does not start when the previous build can be reused, unless --force', () => {
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, CACHE_FILE), '{}');
    expect(rendersEarly({ out }, none)).toBe(false);
    expect(rendersEarly({ out, force: true }, none)).toBe(cores >= 2);
  });

  it('starts for one writer too, loading that one; not for no writer, or when told to use one thread', () => {
    const out = join(tempDir(), 'out');
    expect(rendersEarly({ out, formats: ['pdf'] }, none)).toBe(cores >= 2);
    expect(rendersEarly({ out, formats: ['docx', 'json'] }, none)).toBe(cores >= 2);
    expect([preloadOf({}), preloadOf({ formats: ['docx', 'pdf'] })]).toEqual(['pdf', 'pdf']);
    expect([preloadOf({ formats: ['docx', 'json'] }), preloadOf({ formats: ['md'] })]).toEqual([
      'docx',
      null,
    ]);
    expect(rendersEarly({ out, formats: ['md', 'json'] }, none)).toBe(false);
    expect(rendersEarly({ out, jobs: 1 }, none)).toBe(false);
    expect(rendersEarly({ out }, { ROLEMARK_JOBS: '1' })).toBe(false);
    // --jobs wins over the environment, as everywhere else.
    expect(rendersEarly({ out, jobs: 2 }, { ROLEMARK_JOBS: '1' })).toBe(cores >= 2);
  });
});
