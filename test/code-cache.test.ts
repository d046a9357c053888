import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cachedRequire, cacheFolder, writePending } from '../src/code-cache.js';
import { tempDir } from './helpers.js';

const nodeRequire = createRequire(import.meta.url);
/** src/code-cache.ts as JavaScript, for new processes: V8 also caches what one process compiled. */
const MODULE = join(tempDir('rolemark-code-cache-module-'), 'code-cache.mjs');

beforeAll(() => {
  buildSync({
    entryPoints: [resolve('src/code-cache.ts')],
    outfile: MODULE,
    format: 'esm',
    platform: 'node',
  });
});

/** Requires `main` in a new process with the cache in `cache`: its value, and the caches it wrote. */
function run(main: string, cache: string): { value: number; written: number } {
  const script = `import { cachedRequire, writePending } from ${JSON.stringify(MODULE)};
const { value } = cachedRequire(${JSON.stringify(main)});
console.log(JSON.stringify({ value, written: writePending() }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ROLEMARK_CODE_CACHE: cache },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { value: number; written: number };
}

/** A CommonJS library of two files, as the writers' libraries are, in a folder of its own. */
function library(value: number): { dir: string; main: string } {
  const dir = tempDir('rolemark-code-cache-lib-');
  writeFileSync(join(dir, 'dep.cjs'), 'exports.twice = (x) => 2 * x;\n');
  writeFileSync(
    join(dir, 'main.cjs'),
    `const { twice } = require('./dep.cjs');\nexports.value = twice(${value});\nexports.file = __filename;\n`,
  );
  return { dir, main: join(dir, 'main.cjs') };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the code cache of the writers’ libraries', () => {
  it('writes a cache per file, which the next process compiles from, with the same results', () => {
    const cache = tempDir('rolemark-code-cache-');
    const { main } = library(21);
    expect(run(main, cache)).toEqual({ value: 42, written: 2 });
    expect(readdirSync(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    // Accepted by V8: nothing is left to write.
    expect(run(main, cache)).toEqual({ value: 42, written: 0 });
  });

  it('never runs a stale cache: a file changed to the same length gets its own', () => {
    const cache = tempDir('rolemark-code-cache-');
    const { main } = library(21);
    expect(run(main, cache).value).toBe(42);
    writeFileSync(
      main,
      `const { twice } = require('./dep.cjs');\nexports.value = twice(12);\nexports.file = __filename;\n`,
    );
    // The changed file's cache is new; the unchanged dependency's is reused.
    expect(run(main, cache)).toEqual({ value: 24, written: 1 });
  });

  it('compiles from source when a cache is damaged, and writes it again', () => {
    const cache = tempDir('rolemark-code-cache-');
    const { main } = library(5);
    run(main, cache);
    for (const file of readdirSync(cache)) writeFileSync(join(cache, file), 'not a code cache');
    expect(run(main, cache)).toEqual({ value: 10, written: 2 });
    expect(run(main, cache)).toEqual({ value: 10, written: 0 });
  });

  it('writes nothing where it cannot, and loads the library all the same', () => {
    const file = join(tempDir('rolemark-code-cache-'), 'a-file');
    writeFileSync(file, '');
    // A folder inside a file cannot be made.
    vi.stubEnv('ROLEMARK_CODE_CACHE', join(file, 'cache'));
    const { main } = library(3);
    expect((cachedRequire(main) as { value: number }).value).toBe(6);
    expect(writePending()).toBe(0);
    expect(nodeRequire.cache[main]).toBeDefined();
  });

  it('is off with ROLEMARK_CODE_CACHE=off, and beside the bundle by default', () => {
    expect(cacheFolder({ ROLEMARK_CODE_CACHE: 'off' })).toBeNull();
    expect(cacheFolder({ ROLEMARK_CODE_CACHE: '/tmp/cc' })).toBe('/tmp/cc');
    expect(cacheFolder({}, 'file:///opt/rolemark/dist/bundle/chunks/docx-ABC.js')).toBe(
      '/opt/rolemark/dist/bundle/code-cache',
    );
    expect(cacheFolder({}, 'file:///opt/rolemark/dist/bundle/rolemark.js')).toBe(
      '/opt/rolemark/dist/bundle/code-cache',
    );
  });

  it('loads pdfkit without its AES module, which loads when a PDF is encrypted', () => {
    const cache = tempDir('rolemark-code-cache-');
    const script = `import Module from 'node:module';
import { cachedRequire } from ${JSON.stringify(MODULE)};
const aes = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@noble/ciphers/aes') aes.push(request);
  return load.call(this, request, ...rest);
};
const PDFDocument = cachedRequire(${JSON.stringify(nodeRequire.resolve('pdfkit'))});
const loaded = aes.length;
const doc = new PDFDocument({ userPassword: 'secret', pdfVersion: '1.7ext3' });
const chunks = [];
doc.on('data', (c) => chunks.push(c));
doc.on('end', () => {
  const pdf = Buffer.concat(chunks).toString('latin1');
  console.log(JSON.stringify({ loaded, encrypting: aes.length, aesv3: pdf.includes('/AESV3'), hello: pdf.includes('Hello') }));
});
doc.text('Hello');
doc.end();`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ROLEMARK_CODE_CACHE: cache },
      encoding: 'utf8',
    });
    // Not at start-up; once encrypting (AES-256, /AESV3), and the text is no longer in clear.
    expect(JSON.parse(out)).toEqual({ loaded: 0, encrypting: 1, aesv3: true, hello: false });
  });
});
