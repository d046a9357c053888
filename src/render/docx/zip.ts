import * as zlib from 'node:zlib';
import { deflateSync, strToU8, type ZipOptions, zipSync } from 'fflate';

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
  const checksum = crc32(data);
  const key = `${path}\u0000${data.length}\u0000${checksum}\u0000${options.level}\u0000${options.mtime}`;
  const hit = cache.get(key);
  if (hit && Buffer.from(hit.data.buffer, hit.data.byteOffset, hit.data.byteLength).equals(data)) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const record = { data: data.slice(), ...zipRecord(path, data, options, checksum) };
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

/** One part's records, cut out of the zip `zipSync` makes of it alone. */
function viaZipSync(
  path: string,
  data: Uint8Array,
  options: ZipOptions,
): { local: Uint8Array; central: Uint8Array } {
  const one = zipSync({ [path]: [data, options] }, { mtime: options.mtime });
  // [local header + data][central entry][end of central directory: 22 bytes]
  const view = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const centralSize = view.getUint32(one.length - 22 + 12, true);
  const centralStart = view.getUint32(one.length - 22 + 16, true);
  return {
    local: one.subarray(0, centralStart),
    central: one.subarray(centralStart, centralStart + centralSize),
  };
}

/**
 * One part's local record (header and deflated data) and central directory entry, as `zipSync`
 * writes them for a part with these options (level 1–9, a time, no comment or extra field), with
 * the checksum already worked out (Node's, for the cache key): zipSync worked it out again with
 * its own, in JavaScript (~1% of a cold DOCX worker's rendering, docs/performance.md round
 * seven). Anything else is left to `zipSync` itself.
 */
function zipRecord(
  path: string,
  data: Uint8Array,
  options: ZipOptions,
  checksum: number,
): { local: Uint8Array; central: Uint8Array } {
  const level = options.level ?? 6;
  const plain = !(
    level === 0 ||
    options.extra ||
    options.comment ||
    options.os !== undefined ||
    options.attrs
  );
  const date = new Date(options.mtime == null ? Date.now() : options.mtime);
  const year = date.getFullYear() - 1980;
  // zipSync's own for anything else (it refuses a year MS-DOS cannot write).
  if (!plain || year < 0 || year > 119) return viaZipSync(path, data, options);
  const deflated = deflateSync(data, options);
  const name = strToU8(path);
  // Bit 11, UTF-8 names, where the name is not one byte a character (as zipSync tells).
  const utf8 = name.length !== path.length ? 8 : 0;
  // The modification time in MS-DOS's form, in local time, as zipSync writes it.
  const dos =
    (year << 25) |
    ((date.getMonth() + 1) << 21) |
    (date.getDate() << 16) |
    (date.getHours() << 11) |
    (date.getMinutes() << 5) |
    (date.getSeconds() >> 1);
  const local = new Uint8Array(30 + name.length + deflated.length);
  const central = new Uint8Array(46 + name.length);
  const l = new DataView(local.buffer);
  const c = new DataView(central.buffer);
  l.setUint32(0, 0x04034b50, true);
  c.setUint32(0, 0x02014b50, true);
  // Central: version made by 2.0 (MS-DOS); both: version needed 2.0.
  c.setUint8(4, 20);
  for (const [view, at] of [
    [l, 4],
    [c, 6],
  ] as const) {
    view.setUint8(at, 20);
    view.setUint8(at + 3, utf8);
    view.setUint16(at + 4, 8, true);
    view.setUint32(at + 6, dos >>> 0, true);
    view.setUint32(at + 10, checksum >>> 0, true);
    view.setUint32(at + 14, deflated.length, true);
    view.setUint32(at + 18, data.length, true);
    view.setUint16(at + 22, name.length, true);
  }
  local.set(name, 30);
  local.set(deflated, 30 + name.length);
  central.set(name, 46);
  return { local, central };
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
