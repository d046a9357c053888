import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cachedRequire, cacheFolder, nativeInflate, writePending } from '../src/code-cache.js';
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
    // With the one module of its own it imports (thread-state.ts); Node's built-ins stay imports.
    bundle: true,
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

  it('loads fontkit without brotli’s decoder, which loads on its first call (a WOFF2 font) and decodes the same', () => {
    // A library that requires the decoder as fontkit does, inside the repository (node_modules).
    const dir = join(resolve('node_modules'), '.cache', 'rolemark-code-cache-brotli');
    mkdirSync(dir, { recursive: true });
    const main = join(dir, 'woff2-like.cjs');
    writeFileSync(
      main,
      "const decompress = require('brotli/decompress.js');\nexports.decode = (data, size) => decompress(data, size);\n",
    );
    const text = 'Définir la vision du produit — 製品の責任者 '.repeat(40);
    const packed = brotliCompressSync(Buffer.from(text)).toString('base64');
    const script = `import Module from 'node:module';
import { cachedRequire } from ${JSON.stringify(MODULE)};
const brotli = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^(brotli|\\.\\/dec\\/)/.test(request)) brotli.push(request);
  return load.call(this, request, ...rest);
};
const fontkit = cachedRequire(${JSON.stringify(nodeRequire.resolve('fontkit'))});
const withFontkit = brotli.length;
const { decode } = cachedRequire(${JSON.stringify(main)});
const before = brotli.length;
const bytes = Buffer.from(${JSON.stringify(packed)}, 'base64');
const out = Buffer.from(decode(bytes, ${Buffer.byteLength(text)})).toString();
const again = Buffer.from(decode(bytes, ${Buffer.byteLength(text)})).toString();
console.log(JSON.stringify({ fontkit: typeof fontkit.create, withFontkit, before, after: brotli.length, out, same: again === out }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ROLEMARK_CODE_CACHE: tempDir('rolemark-code-cache-') },
      encoding: 'utf8',
    });
    const got = JSON.parse(out) as Record<string, unknown>;
    // fontkit and the library load none of brotli's modules; the first call loads the decoder
    // (decompress.js and its ./dec/ files), which gives the text back, and the second nothing new.
    expect(got).toMatchObject({ fontkit: 'function', withFontkit: 0, before: 0, out: text, same: true });
    expect(got.after).toBeGreaterThan(1);
  });
});

type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const tinyInflate = nodeRequire('tiny-inflate') as Inflate;

describe('tiny-inflate, replaced by zlib for the writers’ libraries', () => {
  it('gives the bytes tiny-inflate gives, in the same array, for stored, fixed and dynamic blocks', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.string({ maxLength: 3000 }).map((t) => Buffer.from(t.repeat(3))),
        ),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: -5, max: 5 }),
        (data, level, slack) => {
          const source = deflateRawSync(data, { level });
          const size = Math.max(0, data.length + slack);
          const dest = new Uint8Array(size);
          const expected = tinyInflate(source, new Uint8Array(size));
          const got = nativeInflate(source, dest);
          expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
          // Written into `dest` itself when it is the right size, as unicode-trie reads it.
          if (size <= data.length) expect(got).toBe(dest);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodes fontkit’s own Unicode tables as tiny-inflate does (unicode-trie inflates twice)', () => {
    const shapers = join(dirname(nodeRequire.resolve('fontkit')), '..', 'src', 'opentype', 'shapers');
    for (const name of ['data.trie', 'indic.trie', 'use.trie']) {
      const file = readFileSync(join(shapers, name));
      const length = file.readUInt32LE(8);
      const twice = (inflate: Inflate) =>
        inflate(inflate(file.subarray(12), new Uint8Array(length)), new Uint8Array(length));
      expect(Buffer.from(twice(nativeInflate)).equals(Buffer.from(twice(tinyInflate))), name).toBe(true);
    }
  });

  it('fails on a stream it cannot read with tiny-inflate’s message', () => {
    const bad = Uint8Array.from([0xff, 0xff, 0xff, 0xff]);
    expect(() => tinyInflate(bad, new Uint8Array(10))).toThrow('Data error');
    expect(() => nativeInflate(bad, new Uint8Array(10))).toThrow('Data error');
  });

  it('fontkit and linebreak, loaded through the code cache, never load tiny-inflate, and work the same', () => {
    const font = join(dirname(nodeRequire.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
    const script = (
      load: 'cachedRequire' | 'require',
    ) => `import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { cachedRequire } from ${JSON.stringify(MODULE)};
const require = createRequire(import.meta.url);
let tiny = 0;
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'tiny-inflate') tiny++;
  return load.call(this, request, ...rest);
};
const LineBreaker = ${load}(${JSON.stringify(nodeRequire.resolve('linebreak'))});
const fontkit = ${load}(${JSON.stringify(nodeRequire.resolve('fontkit'))});
const text = 'Die Produktverantwortliche (PO) priorisiert — 製品の責任者は、優先順位を決めます。 مالك المنتج';
const breaker = new LineBreaker(text);
const breaks = [];
for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) breaks.push([b.position, b.required]);
const glyphs = fontkit.create(readFileSync(${JSON.stringify(font)})).layout('مالك المنتج office').glyphs.map((g) => g.id);
console.log(JSON.stringify({ tiny, breaks, glyphs }));`;
    const run = (load: 'cachedRequire' | 'require') =>
      JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script(load)], {
          env: { ...process.env, ROLEMARK_CODE_CACHE: tempDir('rolemark-code-cache-') },
          encoding: 'utf8',
        }),
      ) as { tiny: number; breaks: [number, boolean][]; glyphs: number[] };
    const plain = run('require');
    const ours = run('cachedRequire');
    // The control: loaded as usual, unicode-trie requires tiny-inflate (the hook sees it).
    expect(plain.tiny).toBeGreaterThan(0);
    expect(ours.tiny).toBe(0);
    expect(plain.breaks.length).toBeGreaterThan(8);
    expect(ours.breaks).toEqual(plain.breaks);
    // Arabic joining forms and ligatures come from fontkit's Unicode tables.
    expect(plain.glyphs.length).toBeGreaterThan(10);
    expect(ours.glyphs).toEqual(plain.glyphs);
  });
});
