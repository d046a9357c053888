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
import { adoptLayouts, type Call, type Recorded, takeNewLayouts } from './shared-layout.js';

/** The version of the file format and of the recording it holds (shared-layout.ts). */
const FORMAT = 1;

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

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

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
  attached.clear();
}

/** Per font key (shared-layout.ts), its file and the font's identity. */
const attached = new Map<string, { file: string; font: string }>();

/**
 * Reads the layouts kept for a font the process has just parsed (fonts.ts, `load`), and makes
 * the font's new layouts kept by {@link saveShapingCache}. Nothing without a cache.
 */
export function attachShapingCache(key: string, data: Uint8Array, postscriptName?: string): void {
  const s = theStore();
  if (!s || attached.has(key)) return;
  const font = `${sha256(data)}#${postscriptName ?? ''}`;
  const file = join(s.folder, `${sha256(`${s.code}\0${font}`).slice(0, 32)}.json`);
  attached.set(key, { file, font });
  const entries = readLayouts(file, s.code, font);
  if (entries) adoptLayouts(key, entries);
}

/**
 * Writes, for each font with new layouts, all its layouts. A small cache is written whenever it
 * grows (the words of a build's first documents are its next build's); a large one when it has
 * grown by an eighth, so that a long build writes each layout a few times, not once per document.
 */
export function saveShapingCache(): number {
  const s = store;
  if (!s?.writable) return 0;
  let written = 0;
  for (const [key, { file, font }] of attached) {
    const entries = takeNewLayouts(key, (added, total) => total <= 4096 || added * 8 >= total);
    if (!entries) continue;
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.${threadId}.tmp`;
      writeFileSync(temp, encodeLayouts(entries, s.code, font));
      renameSync(temp, file);
      written++;
    } catch {
      s.writable = false;
      return written;
    }
  }
  return written;
}

let scheduled = false;

/** {@link saveShapingCache} once the current document is handed over (after its reply is sent). */
export function saveShapingCacheSoon(): void {
  if (scheduled || !store?.writable || attached.size === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    saveShapingCache();
  });
}

// A call's flags: its kind, and how its characters and what it returned are written.
const BASE = 1;
const NO_CHARACTERS = 2;
const SEEN_AS_ASKED = 4;
const SEEN_NULL = 8;
const SEEN_UNDEFINED = 16;

const sameList = (a: readonly number[] | undefined, b: readonly number[]): boolean =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * One layout, appended to `data` as numbers: the count of calls, each call (id, flags, then its
 * characters and what it returned as count and list, unless the flags say), the count of glyphs,
 * each glyph's call, and four numbers per glyph (xAdvance, yAdvance, xOffset, yOffset).
 */
function encodeEntry(entry: Recorded, data: number[]): void {
  data.push(entry.calls.length);
  for (const call of entry.calls) {
    const seen = call.seen;
    let flags = call.base ? BASE : 0;
    if (call.characters === undefined) flags |= NO_CHARACTERS;
    if (seen === null) flags |= SEEN_NULL;
    else if (seen === undefined) flags |= SEEN_UNDEFINED;
    else if (sameList(call.characters, seen)) flags |= SEEN_AS_ASKED;
    data.push(call.id, flags);
    if (call.characters !== undefined) data.push(call.characters.length, ...call.characters);
    if (seen && !(flags & SEEN_AS_ASKED)) data.push(seen.length, ...seen);
  }
  data.push(entry.glyphs.length, ...entry.glyphs);
  for (const p of entry.positions) data.push(p);
}

/**
 * The file: a header line naming the code, the font and the hash of the body, then the body,
 * `[texts, numbers]`: one flat list of numbers rather than a list per layout, which JSON.parse
 * reads several times faster (a cold process reads it, and every array is garbage to collect).
 */
export function encodeLayouts(
  entries: readonly (readonly [string, Recorded])[],
  code: string,
  font: string,
): string {
  const data: number[] = [];
  for (const [, entry] of entries) encodeEntry(entry, data);
  const body = JSON.stringify([entries.map(([text]) => text), data]);
  return `${JSON.stringify({ format: FORMAT, code, font, sha256: sha256(body) })}\n${body}`;
}

/**
 * Decodes the layouts of `texts` from `data`. The body's hash has already shown the file to be
 * whole and as written; what is checked here is only what keeps a file written by other code
 * from throwing or from asking fontkit for glyphs that are not numbers: a count that runs past
 * the end, a glyph that is not one a request returned, a value that is not a number. (One loop,
 * its index a local: a cold process runs it before V8 has compiled it.)
 */
function decodeEntries(texts: unknown[], data: unknown[]): [string, Recorded][] | undefined {
  const end = data.length;
  for (let i = 0; i < end; i++) if (typeof data[i] !== 'number') return undefined;
  const n = data as number[];
  let at = 0;
  const entries: [string, Recorded][] = new Array(texts.length);
  for (let e = 0; e < texts.length; e++) {
    const text = texts[e];
    const count = n[at++] as number;
    if (typeof text !== 'string' || !(count >= 0 && at + 2 * count <= end)) return undefined;
    const calls: Call[] = new Array(count);
    for (let c = 0; c < count; c++) {
      const id = n[at++] as number;
      const flags = n[at++] as number;
      if (!(Number.isInteger(id) && id >= 0 && flags >= 0 && flags < 32)) return undefined;
      let characters: number[] | undefined;
      if (!(flags & NO_CHARACTERS)) {
        const length = n[at++] as number;
        if (!(length >= 0 && at + length <= end)) return undefined;
        characters = n.slice(at, at + length);
        at += length;
      }
      let seen: number[] | null | undefined;
      if (flags & SEEN_NULL) seen = null;
      else if (flags & SEEN_UNDEFINED) seen = undefined;
      else if (flags & SEEN_AS_ASKED) {
        if (!characters) return undefined;
        seen = characters.slice();
      } else {
        const length = n[at++] as number;
        if (!(length >= 0 && at + length <= end)) return undefined;
        seen = n.slice(at, at + length);
        at += length;
      }
      calls[c] = { base: (flags & BASE) !== 0, id, characters, seen };
    }
    const glyphCount = n[at++] as number;
    if (!(glyphCount >= 0 && at + 5 * glyphCount <= end)) return undefined;
    const glyphs = n.slice(at, at + glyphCount);
    at += glyphCount;
    // A glyph of the run is a glyph a request returned.
    for (const g of glyphs) if (!calls[g]?.seen) return undefined;
    const positions = new Float64Array(n.slice(at, at + 4 * glyphCount));
    at += 4 * glyphCount;
    entries[e] = [text, { calls, glyphs, positions }];
  }
  return at === end ? entries : undefined;
}

/** The layouts of a file, or undefined when it is damaged or made for another font or code. */
export function decodeLayouts(text: string, code: string, font: string): [string, Recorded][] | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    const body = text.slice(newline + 1);
    if (header.format !== FORMAT || header.code !== code || header.font !== font) return undefined;
    if (header.sha256 !== sha256(body)) return undefined;
    const parsed = JSON.parse(body) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [texts, data] = parsed as unknown[];
    return Array.isArray(texts) && Array.isArray(data) ? decodeEntries(texts, data) : undefined;
  } catch {
    return undefined;
  }
}

function readLayouts(file: string, code: string, font: string): [string, Recorded][] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return decodeLayouts(text, code, font);
}
