/**
 * The file of the shaping cache (shaping-cache.ts): one font's recorded layouts (shared-layout.ts)
 * as a header line naming the code and the font, with the SHA-256 of the body, then the body,
 * `[texts, numbers]`. Reading checks the names and the hash, then decodes every layout, checking
 * what keeps a file written by other code from throwing or asking fontkit for what no recording
 * asks: anything else makes the whole file ignored.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Call, Recorded } from './shared-layout.js';

/** The version of the file format and of the recording it holds (shared-layout.ts). */
export const FORMAT = 2;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/*
 * The numbers of one layout. First `shape`: the count of calls times 4, plus 1 when the run's
 * glyphs are the calls' results in order (a word no substitution changed), plus 2 when every
 * glyph's position is its advance alone (no offset, no vertical advance). Then each call: a plain
 * call (`getGlyph(id, [c])` returning a glyph of [c]) as one number, `id * 0x110000 + c`;
 * another as its flags, negative (`-1 - flags`), its id, and its characters and what it returned
 * as count and list, unless the flags say. Then, unless in order, the count of glyphs and each
 * glyph's call; then per glyph its advance, or its four numbers (xAdvance, yAdvance, xOffset,
 * yOffset). Most words of Latin text are thus one number per letter and one per glyph, where a
 * number per field was four times as many: in a cold process every number costs the interpreter.
 */
const IN_ORDER = 1;
const ADVANCES_ONLY = 2;
const CODE_POINTS = 0x110000;

// A call's flags, when it is not a plain one.
const BASE = 1;
const NO_CHARACTERS = 2;
const SEEN_AS_ASKED = 4;
const SEEN_NULL = 8;
const SEEN_UNDEFINED = 16;

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pushList(data: number[], list: readonly number[]): void {
  data.push(list.length);
  for (let i = 0; i < list.length; i++) data.push(list[i] as number);
}

/** One layout, appended to `data` (see above). */
export function encodeEntry(entry: Recorded, data: number[]): void {
  const { calls, glyphs, positions } = entry;
  let inOrder = glyphs.length === calls.length;
  for (let i = 0; inOrder && i < glyphs.length; i++) inOrder = glyphs[i] === i;
  let advancesOnly = true;
  for (let i = 0; advancesOnly && i < positions.length; i += 4)
    advancesOnly = positions[i + 1] === 0 && positions[i + 2] === 0 && positions[i + 3] === 0;
  data.push(4 * calls.length + (inOrder ? IN_ORDER : 0) + (advancesOnly ? ADVANCES_ONLY : 0));
  for (let c = 0; c < calls.length; c++) {
    const { base, id, characters, seen } = calls[c] as Call;
    if (!base && characters?.length === 1 && seen?.length === 1 && seen[0] === characters[0]) {
      data.push(id * CODE_POINTS + (characters[0] as number));
      continue;
    }
    let flags = base ? BASE : 0;
    if (characters === undefined) flags |= NO_CHARACTERS;
    if (seen === null) flags |= SEEN_NULL;
    else if (seen === undefined) flags |= SEEN_UNDEFINED;
    else if (characters !== undefined && sameList(characters, seen)) flags |= SEEN_AS_ASKED;
    data.push(-1 - flags, id);
    if (characters !== undefined) pushList(data, characters);
    if (seen && !(flags & SEEN_AS_ASKED)) pushList(data, seen);
  }
  if (!inOrder) pushList(data, glyphs);
  for (let i = 0; i < positions.length; i += advancesOnly ? 4 : 1) data.push(positions[i] as number);
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
  return fileText(
    entries.map(([text]) => text),
    data,
    code,
    font,
  );
}

export function fileText(
  texts: readonly string[],
  data: readonly number[],
  code: string,
  font: string,
): string {
  const body = JSON.stringify([texts, data]);
  return `${JSON.stringify({ format: FORMAT, code, font, sha256: sha256(body) })}\n${body}`;
}

const isCount = (n: number, atMost: number): boolean => Number.isInteger(n) && n >= 0 && n <= atMost;

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
  const list = (): number[] | undefined => {
    const length = n[at++] as number;
    if (!isCount(length, end - at)) return undefined;
    const values = n.slice(at, at + length);
    at += length;
    return values;
  };
  const entries: [string, Recorded][] = new Array(texts.length);
  for (let e = 0; e < texts.length; e++) {
    const text = texts[e];
    const shape = n[at++] as number;
    if (typeof text !== 'string' || !isCount(shape, 4 * (end - at) + 3)) return undefined;
    const count = Math.floor(shape / 4);
    const calls: Call[] = new Array(count);
    for (let c = 0; c < count; c++) {
      const head = n[at++] as number;
      if (head >= 0) {
        const id = Math.floor(head / CODE_POINTS);
        const character = head % CODE_POINTS;
        if (!Number.isInteger(head) || id > 0xffff) return undefined;
        calls[c] = { base: false, id, characters: [character], seen: [character] };
        continue;
      }
      const flags = -1 - head;
      const id = n[at++] as number;
      if (!isCount(flags, 31) || !isCount(id, 0xffff)) return undefined;
      const characters = flags & NO_CHARACTERS ? undefined : list();
      if (!(flags & NO_CHARACTERS) && !characters) return undefined;
      let seen: number[] | null | undefined;
      if (flags & SEEN_NULL) seen = null;
      else if (flags & SEEN_UNDEFINED) seen = undefined;
      else if (flags & SEEN_AS_ASKED) {
        if (!characters) return undefined;
        seen = characters.slice();
      } else {
        seen = list();
        if (!seen) return undefined;
      }
      calls[c] = { base: (flags & BASE) !== 0, id, characters, seen };
    }
    let glyphs: number[] | undefined;
    if (shape & IN_ORDER) {
      glyphs = new Array(count);
      for (let g = 0; g < count; g++) glyphs[g] = g;
    } else glyphs = list();
    if (!glyphs) return undefined;
    // A glyph of the run is a glyph a request returned.
    for (const g of glyphs) if (!isCount(g, count - 1) || !calls[g]?.seen) return undefined;
    const positions = new Float64Array(4 * glyphs.length);
    const step = shape & ADVANCES_ONLY ? 4 : 1;
    if (at + positions.length / step > end) return undefined;
    for (let i = 0; i < positions.length; i += step) positions[i] = n[at++] as number;
    entries[e] = [text, { calls, glyphs, positions }];
  }
  return at === end ? entries : undefined;
}

/** A file's layouts and its two arrays, or undefined when it is damaged or made for another font or code. */
export function decodeFile(
  text: string,
  code: string,
  font: string,
): { texts: string[]; data: number[]; entries: [string, Recorded][] } | undefined {
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
    if (!Array.isArray(texts) || !Array.isArray(data)) return undefined;
    const entries = decodeEntries(texts, data);
    return entries && { texts: texts as string[], data: data as number[], entries };
  } catch {
    return undefined;
  }
}

/** The layouts of a file, or undefined when it is damaged or made for another font or code. */
export const decodeLayouts = (text: string, code: string, font: string): [string, Recorded][] | undefined =>
  decodeFile(text, code, font)?.entries;

export function readLayouts(file: string, code: string, font: string): ReturnType<typeof decodeFile> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return decodeFile(text, code, font);
}
