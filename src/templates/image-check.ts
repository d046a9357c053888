/**
 * A logo's PNG or JPEG checked before any writer decodes it: its header first, so that a
 * 20000×20000 PNG (1.5 MB on disk, 6 GB decoded, and no end) is refused by its pixel count
 * before a byte of it is inflated; then its structure, so that a corrupt file (a PNG with only
 * IHDR, 0×0 pixels, a JPEG cut short or with an impossible frame) is an error at its line in the
 * theme rather than an internal error or a PDF that `qpdf --check` rejects.
 */
import { inflateSync } from 'node:zlib';
import type { ImageInfo } from './files.js';

/** Pixels a logo may have: 16 megapixels (4096 × 4096) decode to 64 MB; a logo needs 1/50 of it. */
export const MAX_LOGO_PIXELS = 16 * 1024 * 1024;

export type ImageCheck = { ok: true; info: ImageInfo } | { ok: false; problem: string };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const bad = (problem: string): ImageCheck => ({ ok: false, problem });

function pixels(width: number, height: number): string | null {
  if (width < 1 || height < 1) return `it has ${width}×${height} pixels`;
  if (width * height > MAX_LOGO_PIXELS)
    return `it has ${width.toLocaleString('en')}×${height.toLocaleString('en')} pixels, above the limit of ${(MAX_LOGO_PIXELS / 1024 / 1024).toFixed(0)} megapixels; a logo of about 600 pixels wide is plenty`;
  return null;
}

/** Channels of each PNG colour type, and the bit depths it allows. */
const PNG_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/** Bytes of a PNG's filtered scanlines (a filter byte per row), for every Adam7 pass if interlaced. */
function scanlineBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) =>
    w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return rows(width, height);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x, y, dx, dy] of passes)
    total += rows(Math.ceil((width - x) / dx), Math.ceil((height - y) / dy));
  return total;
}

function checkPng(data: Buffer): ImageCheck {
  let at = 8;
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > data.length) return bad(`its ${type} chunk is cut short`);
    const body = data.subarray(at + 8, at + 8 + length);
    if (header === null) {
      if (type !== 'IHDR' || length !== 13) return bad('it does not start with an image header (IHDR)');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] ?? 0,
        type: body[9] ?? 0,
        interlace: body[12] ?? 0,
      };
      // The header first: nothing is inflated for an image too large to take.
      const size = pixels(header.width, header.height);
      if (size) return bad(size);
      const kind = PNG_TYPES[header.type];
      if (!kind?.depths.includes(header.depth) || header.interlace > 1)
        return bad(
          `its header is not one a PNG can have (colour type ${header.type}, depth ${header.depth})`,
        );
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (header === null) return bad('it has no image header (IHDR)');
  if (idat.length === 0) return bad('it has no image data (IDAT)');
  if (!ended) return bad('it is cut short (no IEND chunk)');
  const kind = PNG_TYPES[header.type] as { channels: number };
  const expected = scanlineBytes(
    header.width,
    header.height,
    kind.channels * header.depth,
    header.interlace === 1,
  );
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    return bad('its image data does not decompress');
  }
  if (inflated.length !== expected)
    return bad(`its image data holds ${inflated.length} bytes, not the ${expected} its header announces`);
  return { ok: true, info: { format: 'png', width: header.width, height: header.height } };
}

function checkJpeg(data: Buffer): ImageCheck {
  let at = 2;
  let frame: ImageInfo | null = null;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return bad('its markers are broken');
    const marker = data[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) return bad('it ends before its image data');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > data.length) return bad('a segment is cut short');
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return bad('its frame header is cut short');
      const precision = data[at + 4] ?? 0;
      const height = data.readUInt16BE(at + 5);
      const width = data.readUInt16BE(at + 7);
      const components = data[at + 9] ?? 0;
      const size = pixels(width, height);
      if (size) return bad(size);
      if (![8, 12].includes(precision) || ![1, 3, 4].includes(components))
        return bad(`its frame is not one a PDF can show (${components} components of ${precision} bits)`);
      if (length !== 8 + 3 * components) return bad('its frame header is broken');
      frame = { format: 'jpeg', width, height };
    }
    if (marker === 0xda) {
      if (frame === null) return bad('its image data comes before its frame header');
      // The entropy-coded data runs to the end-of-image marker, the file's last two bytes (a
      // few trailing bytes of padding aside).
      const tail = data.subarray(Math.max(at, data.length - 64));
      if (tail.lastIndexOf(Buffer.from([0xff, 0xd9])) === -1)
        return bad('it is cut short (no end-of-image marker)');
      return { ok: true, info: frame };
    }
    at += 2 + length;
  }
  return bad('it is cut short before its image data');
}

/** Checks a logo's bytes: a PNG or JPEG within the pixel limit, whole; else what is wrong. */
export function checkImage(data: Buffer): ImageCheck | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG)) return checkPng(data);
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return checkJpeg(data);
  return null;
}
