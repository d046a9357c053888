import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of one solid colour, for logo tests (no image library needed). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Pixels of a PPM (P6) image, as pdftoppm writes it: width, height and RGB bytes. */
export function readPpm(data: Buffer): { width: number; height: number; rgb: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.toString('latin1', 0, 64));
  if (!header?.[0]) throw new Error('not a binary PPM');
  return { width: Number(header[1]), height: Number(header[2]), rgb: data.subarray(header[0].length) };
}

/** How many pixels are within `tolerance` of a colour in each channel. */
export function countColour(rgb: Buffer, [r, g, b]: [number, number, number], tolerance = 12): number {
  let n = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    if (
      Math.abs((rgb[i] ?? 0) - r) <= tolerance &&
      Math.abs((rgb[i + 1] ?? 0) - g) <= tolerance &&
      Math.abs((rgb[i + 2] ?? 0) - b) <= tolerance
    )
      n++;
  }
  return n;
}

/** The bounding box of the pixels within `tolerance` of a colour, or null when there are none. */
export function boxOf(
  image: { width: number; rgb: Buffer },
  [r, g, b]: [number, number, number],
  tolerance = 12,
): { left: number; top: number; right: number; bottom: number } | null {
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let i = 0; i + 2 < image.rgb.length; i += 3) {
    if (
      Math.abs((image.rgb[i] ?? 0) - r) > tolerance ||
      Math.abs((image.rgb[i + 1] ?? 0) - g) > tolerance ||
      Math.abs((image.rgb[i + 2] ?? 0) - b) > tolerance
    )
      continue;
    const x = (i / 3) % image.width;
    const y = Math.floor(i / 3 / image.width);
    box = box
      ? {
          left: Math.min(box.left, x),
          top: Math.min(box.top, y),
          right: Math.max(box.right, x),
          bottom: Math.max(box.bottom, y),
        }
      : { left: x, top: y, right: x, bottom: y };
  }
  return box;
}
