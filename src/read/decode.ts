/**
 * Turns a content file's bytes into text. Content comes from many people and many editors, so
 * rolemark reads what it reasonably can — UTF-8 with or without a byte-order mark, UTF-16 with a
 * byte-order mark (and without one, when the zero bytes make it plain), Windows-1252 when not a
 * single byte sequence is UTF-8 — and says so. What is not text at all (an image or an archive
 * renamed `.md`) is refused with one clear message, never read as a wall of replacement
 * characters.
 */
import { RolemarkError } from '../errors.js';
import type { Finding } from '../model/types.js';
import { finding } from './findings.js';

/** The text of a file and what was noticed while decoding it. */
export interface Decoded {
  text: string;
  diagnostics: Finding[];
}

/** Signatures of files people rename or save by mistake as `.md`, by what they are. */
const SIGNATURES: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive (or a DOCX, XLSX or ODT document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['an old Word or Excel document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['a WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['an SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The part of a file the binary checks look at, as git does: the start tells. */
const SAMPLE = 8192;

/**
 * Bytes no text file holds: C0 controls other than tab, line feed, vertical tab, form feed,
 * carriage return and escape. A few stray ones (a NUL from a broken copy) are text with a flaw;
 * many are not text.
 */
const isControl = (b: number) =>
  b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b;

/** UTF-16 without a byte-order mark: ASCII text leaves every other byte zero. */
function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Counts well-formed multi-byte UTF-8 sequences in the bytes, and malformed bytes. */
function utf8Shape(bytes: Uint8Array): { multibyte: number; malformed: number } {
  let multibyte = 0;
  let malformed = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += length;
    } else {
      malformed++;
      i++;
    }
  }
  return { multibyte, malformed };
}

/**
 * Decodes a content file. Throws a {@link RolemarkError} (exit code 2) for a file that is not
 * text; everything else becomes text plus `input-encoding` warnings. Bytes that are not UTF-8 in
 * a UTF-8 file become U+FFFD, which the reader then reports where they are.
 */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  const diagnostics: Finding[] = [];
  const warn = (message: string) =>
    diagnostics.push(finding('input-encoding', message, { file, line: 1, column: 1 }));
  const notText = (what: string): never => {
    throw new RolemarkError(
      `\`${file}\` is not a text file (it looks like ${what}); rolemark reads Markdown text. Remove it from the inputs or rename it.`,
    );
  };

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: utf8(bytes.subarray(3)), diagnostics };
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new RolemarkError(
      `\`${file}\` is encoded as UTF-32, which rolemark does not read; save it as UTF-8.`,
    );
  }
  for (const [bom, encoding, name] of [
    [[0xff, 0xfe], 'utf-16le', 'UTF-16 (little-endian)'],
    [[0xfe, 0xff], 'utf-16be', 'UTF-16 (big-endian)'],
  ] as const) {
    if (startsWith(bytes, bom)) {
      warn(
        `Unexpected ${name} file; read it as such, but save it as UTF-8: git, diff tools and most Markdown tools expect UTF-8`,
      );
      return { text: new TextDecoder(encoding).decode(bytes.subarray(2)), diagnostics };
    }
  }
  for (const [what, signature] of SIGNATURES) if (startsWith(bytes, signature)) notText(what);

  const sample = bytes.subarray(0, SAMPLE);
  const sixteen = utf16WithoutBom(sample);
  if (sixteen) {
    warn(
      `Unexpected UTF-16 file without a byte-order mark; read it as ${sixteen === 'utf-16le' ? 'little' : 'big'}-endian UTF-16, but save it as UTF-8`,
    );
    return { text: new TextDecoder(sixteen).decode(bytes), diagnostics };
  }
  let controls = 0;
  for (const b of sample) if (isControl(b)) controls++;
  if (controls > sample.length * 0.1) notText('binary data');

  const shape = utf8Shape(bytes);
  if (shape.malformed === 0) return { text: utf8(bytes), diagnostics };
  if (shape.multibyte === 0) {
    // Not one sequence is UTF-8, while bytes above 0x7F are there: a legacy 8-bit encoding, and
    // Windows-1252 (a superset of Latin-1) is by far the most common one for Markdown.
    const { malformed } = utf8Shape(sample);
    if (malformed > sample.length * 0.3) notText('binary data');
    warn(
      'Unexpected file that is not UTF-8; read it as Windows-1252 (Latin-1), which its bytes look like. Save it as UTF-8 so that every tool reads it the same',
    );
    return { text: new TextDecoder('windows-1252').decode(bytes), diagnostics };
  }
  if (utf8Shape(sample).malformed > sample.length * 0.3) notText('binary data');
  // Mostly UTF-8 with some bad bytes: they become U+FFFD, which the reader reports one by one.
  return { text: utf8(bytes), diagnostics };
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);
