import { createHash } from 'node:crypto';

/**
 * Sniffing the files a theme points at (logo images, fonts) by their bytes, not their names, so
 * that a wrong file is refused when the theme loads rather than breaking a writer later.
 */

export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's or JPEG's format and pixel size; undefined for anything else (SVG, GIF, a broken file). */
export function imageInfo(data: Buffer): ImageInfo | undefined {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG) && data.toString('latin1', 12, 16) === 'IHDR') {
    return { format: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return jpegSize(data);
  return undefined;
}

/** Walks a JPEG's markers to its frame header (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(data: Buffer): ImageInfo | undefined {
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1] ?? 0;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = data.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return undefined;
}

export const isSvg = (data: Buffer): boolean =>
  /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(data.toString('utf8', 0, 512));

/** TrueType (`00 01 00 00`, `true`) or OpenType (`OTTO`) outlines: what pdfkit and Word embed. */
export function isFont(data: Buffer): boolean {
  if (data.length < 12) return false;
  const tag = data.toString('latin1', 0, 4);
  return data.readUInt32BE(0) === 0x00010000 || tag === 'OTTO' || tag === 'true';
}

export const sha256 = (...parts: Buffer[]): string => {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
};
