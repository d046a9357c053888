import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegular } from '../read/regular-file.js';
import { codeRoot, packageRoot } from './package.js';

/**
 * The incremental build cache. Each output of a build has a key, a hash of everything its bytes
 * depend on: the composed document (so the inputs as far as they matter to it, and the options),
 * the format, and rolemark's own code. The previous build's keys are kept in a small manifest
 * inside the output folder; an output whose key is unchanged is copied from the previous output
 * instead of being rendered again. The copy is checked against the hash of the bytes recorded when
 * it was written, so a file edited or damaged by hand is rendered again, never reused.
 */

/** The manifest's name inside the output folder. A dot file, so listings and globs skip it. */
export const CACHE_FILE = '.rolemark-cache.json';
const MANIFEST_VERSION = 1;

export interface CacheEntry {
  /** What the output was made from. */
  key: string;
  /** The SHA-256 of the bytes written. */
  sha256: string;
  /** Their length (absent in manifests of older versions). */
  size?: number;
}

export interface CacheManifest {
  version: typeof MANIFEST_VERSION;
  outputs: Record<string, CacheEntry>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

let fingerprint: Promise<string> | undefined;

/**
 * The fingerprint of the installed bundle, worked out when it is made (scripts/bundle.mjs, in the
 * same way as {@link hashCode}) instead of on every build: hashing the bundle's 2 MB took 25–50 ms
 * of each cold build, before its first render.
 */
export const FINGERPRINT_FILE = 'code-fingerprint.txt';

/**
 * A hash of rolemark's code and package.json (which pins the versions of the PDF and DOCX
 * libraries). Part of every key, so that upgrading rolemark, or editing its writers while
 * developing it, never reuses an output made by other code.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= readFile(join(codeRoot, FINGERPRINT_FILE), 'utf8').then(
    (text) => (/^[0-9a-f]{64}$/u.test(text.trim()) ? text.trim() : hashCode(codeRoot, packageRoot)),
    () => hashCode(codeRoot, packageRoot),
  );
  return fingerprint;
}

/** The folder beside the bundle where runs keep compiled code and shaped words (code-cache.ts). */
const CODE_CACHE_FOLDER = 'code-cache';

/**
 * The hash of package.json and every .js, .cjs, .ts and .json file under `root`, with their paths:
 * the bundle's CommonJS files (`chunks/check.cjs`, `chunks/build-worker.cjs`) are code that runs too.
 * `code-cache/` is not: the shaping cache's JSON files there change with every build that sets new
 * words, and would make every fingerprint worked out after them another.
 */
export async function hashCode(root: string, pkg: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(join(pkg, 'package.json')));
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // The code cache and the shaping cache beside the bundle are made by runs, not code.
        if (!(dir === root && entry.name === CODE_CACHE_FOLDER)) await walk(path);
      } else if (/\.(c?js|ts|json)$/u.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  await walk(root);
  files.sort();
  for (const file of files) hash.update(file.slice(root.length)).update(await readFile(file));
  return hash.digest('hex');
}

/**
 * The key of an output made by `format` from `what` (any JSON-serialisable value); `replacer`
 * leaves out what does not change the output (JSON.stringify's).
 */
export function outputKey(
  fingerprint: string,
  format: string,
  what: unknown,
  replacer?: (key: string, value: unknown) => unknown,
): string {
  return keyOfJson(fingerprint, format, JSON.stringify(what, replacer));
}

/** {@link outputKey} of a value already turned into JSON (the same text for a document's formats). */
export function keyOfJson(fingerprint: string, format: string, json: string): string {
  return sha256(`${fingerprint}\n${format}\n${json}`);
}

/** The manifest's own limit: a manifest lists paths and hashes, a few hundred bytes an output. */
const MANIFEST_MAX = 64 * 1024 * 1024;
/** An output larger than this is never reused (nor read to be checked): it is rendered again. */
const OUTPUT_MAX = 1024 * 1024 * 1024;

/** Reads the previous build's manifest; null when there is none or it cannot be trusted. */
export async function readManifest(out: string): Promise<CacheManifest | null> {
  try {
    const read = await readRegular(join(out, CACHE_FILE), { maxBytes: MANIFEST_MAX, noFollow: true });
    if (read.bytes === undefined) return null;
    const parsed = JSON.parse(read.bytes.toString('utf8')) as Partial<CacheManifest>;
    if (
      parsed.version !== MANIFEST_VERSION ||
      typeof parsed.outputs !== 'object' ||
      parsed.outputs === null ||
      Array.isArray(parsed.outputs)
    )
      return null;
    // Entries as data only: a `__proto__` key is an own entry here, never the prototype.
    const outputs: Record<string, CacheEntry> = Object.create(null);
    for (const [path, entry] of Object.entries(parsed.outputs)) {
      const e = entry as Partial<CacheEntry> | null;
      if (typeof e?.key !== 'string' || typeof e.sha256 !== 'string') return null;
      outputs[path] = {
        key: e.key,
        sha256: e.sha256,
        ...(typeof e.size === 'number' ? { size: e.size } : {}),
      };
    }
    return { version: MANIFEST_VERSION, outputs };
  } catch {
    return null;
  }
}

/**
 * The bytes of a file of the previous output, when it is a regular file (never followed through
 * a symbolic link: an `out` restored from a CI cache may link to a FIFO or `/dev/zero`) of the
 * size recorded, whose hash is the one recorded; otherwise null.
 */
async function readOutput(out: string, path: string, entry: CacheEntry): Promise<Buffer | null> {
  try {
    const info = await lstat(join(out, path));
    if (!info.isFile() || (entry.size !== undefined && info.size !== entry.size)) return null;
    const read = await readRegular(join(out, path), {
      maxBytes: Math.min(entry.size ?? OUTPUT_MAX, OUTPUT_MAX),
      noFollow: true,
    });
    return read.bytes !== undefined && sha256(read.bytes) === entry.sha256 ? read.bytes : null;
  } catch {
    return null;
  }
}

/**
 * The previous bytes of an output, when its key is unchanged and the file still holds exactly what
 * was written; otherwise null, and the output must be rendered.
 */
export async function reusable(
  out: string,
  manifest: CacheManifest | null,
  path: string,
  key: string,
): Promise<Buffer | null> {
  const entry = manifest?.outputs[path];
  if (!entry || entry.key !== key) return null;
  return readOutput(out, path, entry);
}

/** Files an output folder may hold besides rolemark's, and still be replaced: placeholders. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '.gitkeep',
  '.keep',
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
]);

/** Entries of a folder that are looked at, at most, to decide that rolemark wrote it. */
const MAX_ENTRIES = 200_000;

/** What looking at an output folder and its manifest found. */
export interface OutputCheck {
  /** Why the folder is not an output rolemark wrote; null when it is. */
  refused: string | null;
  /** Files its manifest lists that are gone (deleted by hand), when the folder is rolemark's. */
  missing: string[];
}

/**
 * Whether the folder `out` is an output rolemark wrote: its manifest must be one rolemark writes
 * and list every file the folder holds (placeholders aside) with the hash of its bytes. A planted
 * `{}`, a README beside the outputs, an output edited by hand, a symbolic link: each is a reason,
 * and the folder is not replaced. A listed file that is gone does not make the folder someone
 * else's: every file it still holds is rolemark's, byte for byte, so replacing it loses nothing
 * the build does not write again. Those files are returned, so that the build can say so.
 */
export async function checkOutput(out: string): Promise<OutputCheck> {
  const refuse = (refused: string): OutputCheck => ({ refused, missing: [] });
  const manifest = await readManifest(out);
  if (!manifest) return refuse(`its ${CACHE_FILE} is not a manifest rolemark wrote`);
  const listed = new Map(Object.entries(manifest.outputs));
  const folders = new Set<string>();
  for (const path of listed.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const pending = [''];
  let seen = 0;
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of await readdir(join(out, dir), { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES) return refuse(`it holds more than ${MAX_ENTRIES.toLocaleString('en')} files`);
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!folders.has(rel))
          return refuse(`it holds a folder \`${rel}\` that its ${CACHE_FILE} does not list`);
        pending.push(rel);
      } else if (!entry.isFile()) {
        return refuse(`\`${rel}\` is not a regular file (a symbolic link?), which rolemark never writes`);
      } else if (rel !== CACHE_FILE && !PLACEHOLDERS.has(entry.name)) {
        const e = listed.get(rel);
        if (!e) return refuse(`it holds \`${rel}\`, which its ${CACHE_FILE} does not list`);
        if ((await readOutput(out, rel, e)) === null)
          return refuse(`\`${rel}\` changed since rolemark wrote it`);
        listed.delete(rel);
      }
    }
  }
  return { refused: null, missing: [...listed.keys()].sort() };
}

/** Why the folder `out` is not an output rolemark wrote, or null when it is ({@link checkOutput}). */
export async function unprovenOutput(out: string): Promise<string | null> {
  return (await checkOutput(out)).refused;
}

export function serializeManifest(outputs: Record<string, CacheEntry>): string {
  const manifest: CacheManifest = { version: MANIFEST_VERSION, outputs };
  return `${JSON.stringify(manifest, null, 1)}\n`;
}
