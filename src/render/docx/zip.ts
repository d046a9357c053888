import * as zlib from 'node:zlib';
import { type ZipOptions, zipSync } from 'fflate';

/**
 * Zips a package's parts as fflate's `zipSync` does, byte for byte, but deflates each part only
 * once per process: most parts of a DOCX (styles, theme, numbering, settings, fonts, relationships)
 * are the same in every document of a build, and a document rendered again (watch) repeats all but
 * its body. Deflating was the largest single step of packaging (docs/performance.md, round four).
 *
 * Each part is zipped alone by `zipSync` (its local header and data, then its central directory
 * entry); the archive is those records one after another, each entry given its record's offset,
 * and the end of the central directory. `test/docx-zip.test.ts` compares the bytes with
 * `zipSync`'s on many sets of parts.
 */

interface Record_ {
  /** The part, to tell a cache hit from another part with the same checksum. */
  data: Uint8Array;
  /** Local file header and compressed data. */
  local: Uint8Array;
  /** Central directory entry, with the local header's offset still 0. */
  central: Uint8Array;
}

/** At most this many bytes of parts are kept (a few documents' worth), the oldest dropped first. */
const CACHE_BYTES = 8 << 20;
const cache = new Map<string, Record_>();
let cached = 0;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? -306674912 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-32 of the bytes: Node's own where it has one (20.15+), else a table. */
const crc32: (data: Uint8Array) => number =
  (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ??
  ((data) => {
    let c = -1;
    for (let i = 0; i < data.length; i++)
      c = (CRC_TABLE[(c ^ (data[i] as number)) & 255] as number) ^ (c >>> 8);
    return ~c >>> 0;
  });

function recordOf(path: string, data: Uint8Array, options: ZipOptions): Record_ {
  const key = `${path}\u0000${data.length}\u0000${crc32(data)}\u0000${options.level}\u0000${options.mtime}`;
  const hit = cache.get(key);
  if (hit && Buffer.from(hit.data.buffer, hit.data.byteOffset, hit.data.byteLength).equals(data)) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const one = zipSync({ [path]: [data, options] }, { mtime: options.mtime });
  // [local header + data][central entry][end of central directory: 22 bytes]
  const view = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const centralSize = view.getUint32(one.length - 22 + 12, true);
  const centralStart = view.getUint32(one.length - 22 + 16, true);
  const record = {
    data: data.slice(),
    local: one.subarray(0, centralStart),
    central: one.subarray(centralStart, centralStart + centralSize),
  };
  if (hit) cached -= hit.data.length;
  cache.set(key, record);
  cached += data.length;
  for (const [old, value] of cache) {
    if (cached <= CACHE_BYTES) break;
    cache.delete(old);
    cached -= value.data.length;
  }
  return record;
}

/** The zip of the parts, in the order given, each with `options` (fflate's), as `zipSync` makes it. */
export function zipParts(parts: [string, Uint8Array][], options: ZipOptions): Uint8Array {
  const records = parts.map(([path, data]) => recordOf(path, data, options));
  let localSize = 0;
  let centralSize = 0;
  for (const r of records) {
    localSize += r.local.length;
    centralSize += r.central.length;
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let offset = 0;
  let at = localSize;
  for (const r of records) {
    out.set(r.local, offset);
    out.set(r.central, at);
    // The central entry's "relative offset of local header".
    view.setUint32(at + 42, offset, true);
    offset += r.local.length;
    at += r.central.length;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, records.length, true);
  view.setUint16(at + 10, records.length, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, localSize, true);
  return out;
}
