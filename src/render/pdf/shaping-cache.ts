/**
 * The shaping of words kept between processes: fontkit's layout of each (font file, word), as
 * shared-layout.ts records it (the glyph requests the shaper made, the characters of the glyphs
 * they returned, the glyph ids and positions), written to a file per font next to the code cache
 * and read by the next process that uses the font.
 *
 * Shaping a word for the first time in a process is most of a cold build's first PDF: fontkit
 * decodes, lazily, the GSUB and GPOS lookups the word reaches, and runs its layout engine for the
 * first time (docs/performance.md, round six). A word found here is replayed instead, as a word
 * shaped by another document of the same process is: only when each glyph request returns a glyph
 * made from the characters the recording saw, otherwise fontkit shapes it. So the output is
 * fontkit's own, byte for byte, and a word not found costs what it did.
 *
 * A file is named by the font (a hash of the font file's bytes, and the PostScript name in a
 * collection) and by the code that shapes (fontkit, restructure and unicode-properties as
 * installed, and rolemark's own code fingerprint): a new font file or an upgrade never reads
 * another's layouts. Its first line holds those names and a hash of the rest, so that a file cut
 * short, damaged or written for something else is ignored. Files are written whole, under a name
 * of their own and renamed, as the code cache's are; a folder that cannot be written is no error.
 *
 * Where: `shaping/` in the code cache's folder (src/code-cache.ts): beside the installed bundle,
 * or where `ROLEMARK_CODE_CACHE` says; `ROLEMARK_CODE_CACHE=off` turns both off. The library run
 * from its modules (not the bundle) keeps none unless `ROLEMARK_CODE_CACHE` names a folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { encodeEntry, FORMAT, fileText, readLayouts, sha256 } from './shaping-file.js';
import { adoptLayouts, listenToRecorded, type Recorded } from './shared-layout.js';

/** The folder of the shaping cache, or null: none. */
export function shapingCacheFolder(
  env: NodeJS.ProcessEnv = process.env,
  base = import.meta.url,
): string | null {
  const chosen = env.ROLEMARK_CODE_CACHE;
  if (chosen === 'off' || chosen === '0') return null;
  if (chosen) return join(chosen, 'shaping');
  // The bundle's chunks are in dist/bundle/chunks/, and its code cache in dist/bundle/code-cache/.
  const here = dirname(fileURLToPath(base));
  return here.endsWith('chunks') ? join(dirname(here), 'code-cache', 'shaping') : null;
}

const readOrEmpty = (path: string): Buffer | string => {
  try {
    return readFileSync(path);
  } catch {
    return '';
  }
};

/**
 * The code that shapes, as a hash: the format, rolemark's code fingerprint (the bundle's, which
 * covers package.json and so fontkit's pinned version) or else this module's file, and the files
 * of fontkit and of the two libraries it shapes with, as installed (their versions are not pinned
 * for a user's installation).
 */
function codeKey(base: string): string {
  const hash = createHash('sha256').update(`rolemark shaping ${FORMAT}\0`);
  const here = dirname(fileURLToPath(base));
  const fingerprint = here.endsWith('chunks') ? readOrEmpty(join(dirname(here), 'code-fingerprint.txt')) : '';
  hash.update(fingerprint.length > 0 ? fingerprint : readOrEmpty(fileURLToPath(base)));
  const require = createRequire(base);
  const fontkit = require.resolve('fontkit');
  const fromFontkit = createRequire(fontkit);
  for (const path of [fontkit, fromFontkit.resolve('restructure'), fromFontkit.resolve('unicode-properties')])
    hash.update('\0').update(readOrEmpty(path));
  return hash.digest('hex');
}

interface Store {
  folder: string;
  code: string;
  /** False once a write failed: a read-only installation is not asked again. */
  writable: boolean;
}

let store: Store | null | undefined;

/** The shaping cache of this thread, decided on first use; null: none. */
function theStore(): Store | null {
  if (store === undefined) {
    const folder = shapingCacheFolder();
    store = folder === null ? null : { folder, code: codeKey(import.meta.url), writable: true };
  }
  return store;
}

/** For the tests: a cache in `folder` (null: none), keyed as the installed code is. */
export function useShapingCache(folder: string | null): void {
  store = folder === null ? null : { folder, code: codeKey(import.meta.url), writable: true };
  kept.clear();
  keptByKey.clear();
}

/** A font's layouts as its file holds them, and those recorded since, appended as they come. */
interface Kept {
  file: string;
  font: string;
  texts: string[];
  data: number[];
  /** The texts of `texts`: two keys of one file (bold and headings) may shape the same word. */
  has: Set<string>;
  /** How many of `texts` the file holds. */
  stored: number;
  /** The layouts the file held, for another key of the same font file. */
  read: [string, Recorded][];
}

/** Per font file, and per font key (shared-layout.ts) the file's. */
const kept = new Map<string, Kept>();
const keptByKey = new Map<string, Kept>();
let listening = false;

/** A font's file holds at most this many layouts; a long build's later words are not kept. */
const MAX_KEPT = 50_000;

/**
 * Each new layout is encoded as it is recorded (appended to its font's numbers), so that writing
 * the file is JSON.stringify of two arrays: encoding them all at each write was 10–50 ms of a
 * cold build's render worker, once per document.
 */
function keep(key: string, text: string, entry: Recorded): void {
  const k = keptByKey.get(key);
  if (!k || k.texts.length >= MAX_KEPT || k.has.has(text)) return;
  encodeEntry(entry, k.data);
  k.texts.push(text);
  k.has.add(text);
}

/** The hash of each font file's bytes, by the buffer fonts.ts read it into (once per path). */
const fontHashes = new WeakMap<Uint8Array, string>();

/**
 * Reads the layouts kept for a font the process has just parsed (fonts.ts, `load`), and keeps
 * the layouts it records from now on for {@link saveShapingCache}. Nothing without a cache.
 */
export function attachShapingCache(key: string, data: Uint8Array, postscriptName?: string): void {
  const s = theStore();
  if (!s || keptByKey.has(key)) return;
  let hash = fontHashes.get(data);
  if (hash === undefined) {
    hash = sha256(data);
    fontHashes.set(data, hash);
  }
  const font = `${hash}#${postscriptName ?? ''}`;
  const file = join(s.folder, `${sha256(`${s.code}\0${font}`).slice(0, 32)}.json`);
  let k = kept.get(file);
  if (!k) {
    const read = readLayouts(file, s.code, font);
    const texts = read?.texts ?? [];
    k = {
      file,
      font,
      texts,
      data: read?.data ?? [],
      has: new Set(texts),
      stored: texts.length,
      read: read?.entries ?? [],
    };
    kept.set(file, k);
  }
  keptByKey.set(key, k);
  adoptLayouts(key, k.read);
  if (!listening) {
    listening = true;
    listenToRecorded(keep);
    process.once('exit', saveShapingCache);
  }
}

/**
 * Writes the file of each font with new layouts. A small file is written whenever it grows (the
 * words of a build's first documents are its next build's); a large one when it has grown by an
 * eighth, so that a long build writes each layout a few times, not once per document.
 */
export function saveShapingCache(): number {
  const s = store;
  if (!s?.writable) return 0;
  let written = 0;
  for (const k of kept.values()) {
    const added = k.texts.length - k.stored;
    if (added === 0 || (k.texts.length > 4096 && added * 8 < k.stored)) continue;
    try {
      mkdirSync(dirname(k.file), { recursive: true });
      const temp = `${k.file}.${process.pid}.${threadId}.tmp`;
      writeFileSync(temp, fileText(k.texts, k.data, s.code, k.font));
      renameSync(temp, k.file);
      k.stored = k.texts.length;
      written++;
    } catch {
      s.writable = false;
      return written;
    }
  }
  return written;
}

/** How long a thread must have rendered nothing before it writes the files. */
const IDLE_MS = 25;
/** Layouts not yet written that are worth writing at once, after the document. */
const MANY = 256;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * {@link saveShapingCache} after a document: at once (after the document is handed over) when it
 * shaped many new words, as a cold build's first document does; otherwise once the thread has
 * rendered nothing for {@link IDLE_MS}. Written after every document, the files delayed the next
 * one of a cold build, whose render worker is its critical path, by 5–20 ms each time. A render
 * worker waiting for its next job writes then. A thread that ends of itself (a pool asks its
 * workers to, render/pool.ts `endWorker`), or the process, writes as it exits; one terminated
 * (a discarded or failed worker) may leave the words of its last documents to the next build.
 */
export function saveShapingCacheWhenIdle(): void {
  if (!store?.writable || kept.size === 0) return;
  clearTimeout(timer);
  let unsaved = 0;
  for (const k of kept.values()) unsaved += k.texts.length - k.stored;
  if (unsaved === 0) return;
  if (unsaved >= MANY) {
    timer = undefined;
    setImmediate(saveShapingCache);
    return;
  }
  timer = setTimeout(saveShapingCache, IDLE_MS);
  timer.unref();
}

/** A document is being rendered: not idle. */
export function renderingStarted(): void {
  clearTimeout(timer);
  timer = undefined;
}
