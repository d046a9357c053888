/**
 * A V8 code cache for the writers' libraries (pdfkit, fontkit, docx and what they require), for
 * the installed CLI's start-up. Node 20 compiles every module from source on every start (it has
 * no module compile cache; Node 22 does), and pdfkit, fontkit and docx are ~3.5 MB of JavaScript:
 * compiling them, and the functions a first document runs, is a large part of a cold `build`.
 *
 * The bundle (scripts/bundle.mjs) loads those libraries through `cachedRequire`, as CommonJS (the
 * packages ship both builds). While it runs, each CommonJS file is compiled with `vm.Script` and
 * the code cache of a previous run, when there is one for the same source, Node and architecture.
 * At exit the main thread writes the caches it lacked, taken after the work, so that they hold the
 * functions the document needed too. A cache V8 rejects is compiled as usual and written again; a
 * folder that cannot be written is no error, only no cache. The cache goes next to the bundle
 * (`dist/bundle/code-cache/`), or where `ROLEMARK_CODE_CACHE` says; `ROLEMARK_CODE_CACHE=off`
 * turns it off. docs/performance.md has the measurements.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { threadState } from './thread-state.js';

interface Pending {
  script: Script;
  file: string;
}

type Compile = (this: Module, content: string, filename: string) => unknown;

const proto = Module.prototype as unknown as { _compile: Compile };
/**
 * The caches this thread lacked, one list per thread however many copies of this module it runs:
 * the build's thread loads `chunks/build-worker.cjs` with the bundle's copy, and that file has its
 * own, whose {@link writePending} must write the file's cache too.
 */
const pending = threadState<Pending[]>('rolemark.code-cache.pending', () => []);
let writeAtExit = false;

/** The folder of the cache: `ROLEMARK_CODE_CACHE`, else `code-cache/` beside the bundle; null: off. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, base = import.meta.url): string | null {
  const chosen = env.ROLEMARK_CODE_CACHE;
  if (chosen === 'off' || chosen === '0') return null;
  if (chosen) return chosen;
  // The bundle's chunks are in dist/bundle/chunks/; the cache goes in dist/bundle/code-cache/.
  const here = dirname(fileURLToPath(base));
  return join(here.endsWith('chunks') ? dirname(here) : here, 'code-cache');
}

/** The cache file of a source: its hash, Node's version and the architecture name it. */
function cacheFile(folder: string, content: string): string {
  const key = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(content)
    .digest('hex')
    .slice(0, 32);
  return join(folder, `${key}.bin`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the caches this process lacked; a folder that cannot be written is left as it is. */
export function writePending(): number {
  let written = 0;
  for (const { script, file } of pending.splice(0)) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      // A name of its own, then a rename: processes (and threads) that run at once never read half a file.
      const temp = `${file}.${process.pid}.${threadId}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, file);
      written++;
    } catch {
      // A read-only installation: no cache, the libraries compile as they did without one.
    }
  }
  return written;
}

/**
 * Modules the writers' libraries require that rolemark never runs, loaded on first use instead:
 * pdfkit requires `@noble/ciphers/aes` for encrypted PDFs, and loading it builds AES tables
 * (about 1% of a cold build, in the thread that renders the PDFs). pdfkit reads its exports only
 * when it encrypts (`aes.cbc`, `aes.ecb`), so a stand-in that loads the module on the first read
 * of any of them behaves the same. fontkit requires brotli's decoder (`brotli/decompress.js`, a
 * function) for WOFF2 fonts only, which a theme may name and the built-in fonts are not; loading it
 * reads, hashes and compiles its 756 kB dictionary: ~20 ms of each thread that loads fontkit, the
 * DOCX thread (Carlito's widths) and the PDF worker (docs/performance.md, round six). fontkit calls
 * it (after `$parcel$interopDefault`, which reads `__esModule`) when it decodes a WOFF2 font: a
 * function that loads the module on its first call behaves the same.
 */
const DEFERRED: Record<string, 'object' | 'function'> = {
  '@noble/ciphers/aes': 'object',
  'brotli/decompress.js': 'function',
};

/**
 * `tiny-inflate`'s `inflate(source, dest)` on Node's zlib: the same bytes, written into `dest` the
 * same way (a shorter result is returned as a slice of it, a longer one cut at its end). fontkit,
 * unicode-properties and linebreak inflate their Unicode tables (unicode-trie) with tiny-inflate,
 * in JavaScript, each time they load: ~0.1 s of a cold build's CPU, in both threads that render
 * (docs/performance.md, round four, second half). zlib does it natively in a few milliseconds.
 */
export function nativeInflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  let out: Buffer;
  try {
    out = inflateRawSync(source);
  } catch {
    throw new Error('Data error'); // tiny-inflate's message for a stream it cannot read
  }
  const length = Math.min(out.length, dest.length);
  dest.set(length === out.length ? out : out.subarray(0, length));
  return length < dest.length ? dest.slice(0, length) : dest;
}

/** Modules required by the writers' libraries that are replaced by rolemark's own, same behaviour. */
const REPLACED: Record<string, unknown> = { 'tiny-inflate': nativeInflate };

/** `require`, with the modules of {@link DEFERRED} loaded on first use, and {@link REPLACED}'s. */
function deferring(require: NodeJS.Require): NodeJS.Require {
  const wrapped = ((id: string) =>
    id in REPLACED
      ? REPLACED[id]
      : DEFERRED[id] === 'object'
        ? deferred(() => require(id))
        : DEFERRED[id] === 'function'
          ? deferredFunction(() => require(id))
          : require(id)) as NodeJS.Require;
  return Object.assign(wrapped, require);
}

/** A function that calls `load()`'s, which runs on the first call. */
export function deferredFunction(load: () => unknown): (...args: unknown[]) => unknown {
  let loaded: ((...args: unknown[]) => unknown) | undefined;
  return function call(this: unknown, ...args: unknown[]) {
    loaded ??= load() as (...args: unknown[]) => unknown;
    return loaded.apply(this, args);
  };
}

/** An object whose properties are those of `load()`'s, which runs on the first read of any. */
export function deferred(load: () => object): object {
  let loaded: object | undefined;
  const target = () => {
    loaded ??= load();
    return loaded;
  };
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(target(), key),
      has: (_, key) => Reflect.has(target(), key),
    },
  );
}

/** Compiles CommonJS files with the code cache of `folder` while `load` runs. */
function withCache<T>(folder: string, load: () => T): T {
  const original = proto._compile;
  proto._compile = function compileWithCache(this: Module, content: string, filename: string) {
    const file = cacheFile(folder, content);
    const cachedData = readCache(file);
    const script = new Script(Module.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
    });
    if (!cachedData || script.cachedDataRejected) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = deferring(createRequire(filename));
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  try {
    return load();
  } finally {
    proto._compile = original;
  }
}

const nodeRequire = createRequire(import.meta.url);

/**
 * `require(id)` of a writer library, compiled with the code cache (see above). The main thread
 * writes the missing caches when the process exits, after the documents are rendered.
 */
export function cachedRequire(id: string): unknown {
  const folder = cacheFolder();
  if (folder === null) return nodeRequire(id);
  const exports = withCache(folder, () => nodeRequire(id));
  if (isMainThread && !writeAtExit && pending.length > 0) {
    writeAtExit = true;
    process.once('exit', writePending);
  }
  return exports;
}
