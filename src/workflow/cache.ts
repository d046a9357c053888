import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
}

export interface CacheManifest {
  version: typeof MANIFEST_VERSION;
  outputs: Record<string, CacheEntry>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

let fingerprint: Promise<string> | undefined;

/**
 * A hash of rolemark's code and package.json (which pins the versions of the PDF and DOCX
 * libraries). Part of every key, so that upgrading rolemark, or editing its writers while
 * developing it, never reuses an output made by other code.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256');
    hash.update(await readFile(join(packageRoot, 'package.json')));
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.(js|ts|json)$/u.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
      }
    };
    await walk(codeRoot);
    files.sort();
    for (const file of files) hash.update(file.slice(codeRoot.length)).update(await readFile(file));
    return hash.digest('hex');
  })();
  return fingerprint;
}

/** The key of an output made by `format` from `what` (any JSON-serialisable value). */
export function outputKey(fingerprint: string, format: string, what: unknown): string {
  return sha256(`${fingerprint}\n${format}\n${JSON.stringify(what)}`);
}

/** Reads the previous build's manifest; null when there is none or it cannot be trusted. */
export async function readManifest(out: string): Promise<CacheManifest | null> {
  try {
    const parsed = JSON.parse(await readFile(join(out, CACHE_FILE), 'utf8')) as Partial<CacheManifest>;
    if (parsed.version !== MANIFEST_VERSION || typeof parsed.outputs !== 'object' || parsed.outputs === null)
      return null;
    return parsed as CacheManifest;
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
  try {
    const data = await readFile(join(out, path));
    return sha256(data) === entry.sha256 ? data : null;
  } catch {
    return null;
  }
}

export function serializeManifest(outputs: Record<string, CacheEntry>): string {
  const manifest: CacheManifest = { version: MANIFEST_VERSION, outputs };
  return `${JSON.stringify(manifest, null, 1)}\n`;
}
