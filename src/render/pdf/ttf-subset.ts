/**
 * A TrueType subset encoded from glyph entries kept per process, with the bytes fontkit's own
 * `TTFSubset.encode` gives. fontkit encodes a document's subset by decoding every glyph it holds
 * (the whole outline, only to find a composite's parts), its metrics, and then writing the font's
 * directory with restructure, number by number: the instructions tables (`cvt `, `prep`, `fpgm`,
 * several KB in DejaVu) are decoded into arrays and encoded again for every document. In a long
 * build each document has another glyph list, so shared-subset.ts's cache of whole subsets rarely
 * hits there, and this was 6% of the PDF writer's thread in a build of M.
 *
 * What a subset's bytes depend on: each glyph's entry in `glyf` (its bytes as in the font, a
 * composite's parts renumbered), its advance and left side bearing, and per font, the `head`,
 * `hhea`, `maxp`, `cvt `, `prep` and `fpgm` tables as fontkit encodes them, where only `maxp`'s
 * glyph count and `hhea`'s number of metrics change with the glyphs. The per-font tables are read
 * once from what fontkit encodes for a one-glyph subset; the glyph entries are read once per
 * (font, glyph). Fonts this does not cover (CFF outlines, variation instances) keep fontkit's
 * encoder. test/ttf-subset.test.ts compares the bytes with fontkit's on random glyph lists.
 */

/** The parts of a fontkit font this module reads. */
interface TrueTypeFont {
  directory: { tables: Record<string, unknown> };
  /** The font file's bytes (fontkit's DecodeStream). */
  stream?: { buffer?: unknown };
  loca?: { offsets: number[]; version: number };
  _variationProcessor?: unknown;
  getGlyph(id: number): Glyph;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
}

interface Glyph {
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics(): { leftBearing: number };
}

/** The parts of fontkit's `TTFSubset` this module uses. */
export interface TrueTypeSubset {
  font: unknown;
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
}

/** One glyph as a subset embeds it. */
interface Entry {
  /** The glyph's bytes in `glyf`, as in the font (shared: copied before a composite is renumbered). */
  bytes: Uint8Array;
  /** A composite's parts: each part's glyph id and where it sits in `bytes`. */
  parts: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

/** The tables of a font that every subset of it holds, as fontkit encodes them. */
interface FontTables {
  head: Uint8Array;
  hhea: Uint8Array;
  maxp: Uint8Array;
  /** `cvt `, `prep`, `fpgm`, those the font has. */
  hinting: Map<string, Uint8Array>;
  locaVersion: number;
  glyphs: Map<number, Entry>;
}

/** Per font file and name (fonts.ts's key). Fonts are few per process; their glyphs are bounded. */
const fonts = new Map<string, FontTables>();

/**
 * How many subsets this module encoded, fonts whose tables it read, and of those how many from the
 * font's own bytes (not fontkit's probe), since the process started.
 */
export const ttfSubsetCounts = { encoded: 0, fonts: 0, read: 0 };

/** `maxp`'s glyph count and `hhea`'s number of metrics, where fontkit writes them. */
const MAXP_NUM_GLYPHS = 4;
const HHEA_NUMBER_OF_METRICS = 34;

/** Whether this module can encode the subsets of `font` (TrueType outlines, no variation instance). */
function covers(font: TrueTypeFont): boolean {
  const tables = font.directory.tables;
  return (
    tables.glyf !== undefined &&
    tables.loca !== undefined &&
    tables['CFF '] === undefined &&
    tables.CFF2 === undefined &&
    !font._variationProcessor &&
    font.loca !== undefined
  );
}

/** The tables of a font file fontkit encodes, read from its directory (tag, offset, length). */
function readTables(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, Uint8Array>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    tables.set(tag, bytes.subarray(offset, offset + view.getUint32(at + 12)));
  }
  return tables;
}

/** Where fontkit's `head` keeps `macStyle` and `hhea` its four reserved numbers. */
const HEAD_MAC_STYLE = 44;
const HHEA_RESERVED = 24;

/**
 * The tables fontkit's subset copies from the font, as it encodes them, read from the font's own
 * bytes: decoding `cvt `, `prep` and `fpgm` into arrays through restructure and encoding them
 * again, number by number, was 5–10 ms a font in a cold process (most of a build's subset probes).
 * fontkit's structs give back the bytes they read, except where they cannot: `head`'s `macStyle`
 * keeps its 7 named bits, `hhea`'s reserved numbers are written as 0, and each struct has one
 * size (`head` 54 bytes, `hhea` 36, `maxp` 32, whatever the table's); `cvt ` is read as 16-bit
 * numbers up to its end (an odd length reads a byte past it). A font whose tables are not those
 * sizes (or `cvt ` of odd length) is left to fontkit's probe; null then.
 */
function ownTables(font: TrueTypeFont): Map<string, Uint8Array> | null {
  const bytes = font.stream?.buffer;
  if (!(bytes instanceof Uint8Array)) return null;
  const table = (tag: string): Uint8Array | undefined => {
    const entry = font.directory.tables[tag] as { offset?: unknown; length?: unknown } | undefined;
    if (!entry || typeof entry.offset !== 'number' || typeof entry.length !== 'number') return undefined;
    if (entry.offset + entry.length > bytes.length) return undefined;
    return Uint8Array.from(bytes.subarray(entry.offset, entry.offset + entry.length));
  };
  const head = table('head');
  const hhea = table('hhea');
  const maxp = table('maxp');
  if (head?.length !== 54 || hhea?.length !== 36 || maxp?.length !== 32) return null;
  const tables = new Map([
    ['head', head],
    ['hhea', hhea],
    ['maxp', maxp],
  ]);
  for (const tag of ['cvt ', 'prep', 'fpgm']) {
    if (font.directory.tables[tag] === undefined) continue;
    const bytes = table(tag);
    if (!bytes || (tag === 'cvt ' && bytes.length % 2 !== 0)) return null;
    tables.set(tag, bytes);
  }
  const headView = new DataView(head.buffer);
  headView.setUint16(HEAD_MAC_STYLE, headView.getUint16(HEAD_MAC_STYLE) & 0x7f);
  hhea.fill(0, HHEA_RESERVED, HHEA_RESERVED + 8);
  return tables;
}

/**
 * The per-font tables: from the font's own bytes ({@link ownTables}), or else from fontkit's
 * encoding of a subset holding glyph 0 alone.
 */
function tablesOf(key: string, subset: TrueTypeSubset, encode: () => Uint8Array): FontTables {
  let tables = fonts.get(key);
  if (tables) return tables;
  const font = subset.font as TrueTypeFont;
  let encoded = ownTables(font);
  if (encoded) ttfSubsetCounts.read++;
  else {
    const probe = Object.create(Object.getPrototypeOf(subset) as object) as TrueTypeSubset;
    Object.assign(probe, subset, { glyphs: [], mapping: {} });
    probe.includeGlyph(0);
    encoded = readTables(encode.call(probe));
  }
  const found = encoded;
  const copy = (tag: string) => Uint8Array.from(found.get(tag) ?? []);
  tables = {
    head: copy('head'),
    hhea: copy('hhea'),
    maxp: copy('maxp'),
    hinting: new Map(['cvt ', 'prep', 'fpgm'].filter((t) => encoded.has(t)).map((t) => [t, copy(t)])),
    locaVersion: font.loca?.version ?? 0,
    glyphs: new Map(),
  };
  fonts.set(key, tables);
  ttfSubsetCounts.fonts++;
  return tables;
}

/**
 * Reads the per-font tables of the font keyed `key` now, from `font` (a copy sharing its tables),
 * instead of at its first subset: fontkit's one-glyph subset decodes and encodes `cvt `, `prep`
 * and `fpgm` number by number, 10–30 ms a font in a cold process, at the end of the first PDF. A
 * render worker does this before its first job (warm-fonts.ts, `warmFonts`).
 */
export function warmTrueTypeTables(key: string, font: { createSubset(): unknown }): void {
  const subset = font.createSubset() as TrueTypeSubset;
  if (covers(subset.font as TrueTypeFont)) tablesOf(key, subset, subset.encode);
}

/** A glyph's entry, read as fontkit's `TTFSubset._addGlyph` reads it. */
function entryOf(font: TrueTypeFont, tables: FontTables, gid: number): Entry {
  let entry = tables.glyphs.get(gid);
  if (entry) return entry;
  const glyph = font.getGlyph(gid);
  const offsets = (font.loca as { offsets: number[] }).offsets;
  const start = offsets[gid] ?? 0;
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = Uint8Array.from(stream.readBuffer((offsets[gid + 1] ?? 0) - start));
  // Only a composite (its header's contour count below 0) is decoded, for its parts: fontkit's
  // `_addGlyph` decodes every glyph's whole outline to find out (restructure, point by point).
  const composite = bytes.length >= 2 && (bytes[0] as number) >= 0x80;
  const glyf = composite ? glyph._decode() : null;
  const parts =
    glyf && glyf.numberOfContours < 0
      ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos }))
      : null;
  entry = { bytes, parts, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
  tables.glyphs.set(gid, entry);
  return entry;
}

/**
 * Encodes `subset` (fontkit's TTFSubset of the font keyed `key`) as fontkit would, adding the parts
 * of composite glyphs to it as fontkit does; `encode` is fontkit's own method, used for fonts this
 * module does not cover and once per font for its fixed tables.
 */
export function encodeTrueTypeSubset(
  subset: TrueTypeSubset,
  key: string,
  encode: () => Uint8Array,
): Uint8Array {
  const font = subset.font as TrueTypeFont;
  if (!covers(font)) return encode.call(subset);
  const tables = tablesOf(key, subset, encode);
  const glyf: Uint8Array[] = [];
  const offsets: number[] = [];
  const metrics: number[] = [];
  let offset = 0;
  // Not a for-of: composite glyphs add their parts to the list while it is walked.
  for (let i = 0; i < subset.glyphs.length; i++) {
    const entry = entryOf(font, tables, subset.glyphs[i] as number);
    let bytes = entry.bytes;
    if (entry.parts) {
      bytes = Uint8Array.from(bytes);
      const view = new DataView(bytes.buffer);
      for (const part of entry.parts) view.setUint16(part.pos, subset.includeGlyph(part.glyphID));
    }
    glyf.push(bytes);
    offsets.push(offset);
    metrics.push(entry.advance, entry.bearing);
    offset += bytes.length;
  }
  offsets.push(offset);
  ttfSubsetCounts.encoded++;
  return writeFont(tables, glyf, offsets, metrics);
}

/** The font file: fontkit's directory (tag `true`, checksums 0) and its tables, in fontkit's order. */
function writeFont(tables: FontTables, glyf: Uint8Array[], offsets: number[], metrics: number[]): Uint8Array {
  const count = glyf.length;
  const short = tables.locaVersion === 0;
  const loca = new Uint8Array(offsets.length * (short ? 2 : 4));
  const locaView = new DataView(loca.buffer);
  for (let i = 0; i < offsets.length; i++) {
    // fontkit halves a short table's offsets and writes them as 16 bits (wrapping, as here).
    const at = offsets[i] as number;
    if (short) locaView.setUint16(2 * i, at >>> 1);
    else locaView.setUint32(4 * i, at);
  }
  const hmtx = new Uint8Array(metrics.length * 2);
  const hmtxView = new DataView(hmtx.buffer);
  for (let i = 0; i < metrics.length; i += 2) {
    hmtxView.setUint16(2 * i, metrics[i] as number);
    hmtxView.setInt16(2 * i + 2, metrics[i + 1] as number);
  }
  const maxp = Uint8Array.from(tables.maxp);
  new DataView(maxp.buffer).setUint16(MAXP_NUM_GLYPHS, count);
  const hhea = Uint8Array.from(tables.hhea);
  new DataView(hhea.buffer).setUint16(HHEA_NUMBER_OF_METRICS, count);
  const hint = (tag: string): [string, Uint8Array[]][] => {
    const bytes = tables.hinting.get(tag);
    return bytes ? [[tag, [bytes]]] : [];
  };
  const order: [string, Uint8Array[]][] = [
    ['head', [tables.head]],
    ['hhea', [hhea]],
    ['loca', [loca]],
    ['maxp', [maxp]],
    ...hint('cvt '),
    ...hint('prep'),
    ['glyf', glyf],
    ['hmtx', [hmtx]],
    ...hint('fpgm'),
  ];
  const header = 12 + 16 * order.length;
  let size = header;
  for (const [, parts] of order) for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true'
  const power = 2 ** Math.floor(Math.log(order.length) / Math.LN2);
  view.setUint16(4, order.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log(power) / Math.LN2);
  view.setUint16(10, order.length * 16 - power * 16);
  let at = header;
  order.forEach(([tag, parts], i) => {
    const entry = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[entry + c] = tag.charCodeAt(c);
    view.setUint32(entry + 8, at);
    const start = at;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    view.setUint32(entry + 12, at - start);
  });
  return out;
}
