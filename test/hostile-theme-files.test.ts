/**
 * A theme's logo and font files made to exhaust memory or break the writers (issue 18): each is
 * an error at its line in the theme, when the theme loads, never an internal error mid-render.
 * test/fixtures/images/logo.jpg is 16×8 red pixels, written by pdftoppm.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkImage } from '../src/templates/image-check.js';
import { loadTheme } from '../src/templates/index.js';
import { tempDir } from './helpers.js';
import { solidPng } from './png.js';

const jpeg = readFileSync('test/fixtures/images/logo.jpg');

/** A PNG chunk, CRC left zero: rolemark reads structure, not checksums. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number): Buffer {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h.set([8, 2, 0, 0, 0], 8);
  return chunk('IHDR', h);
}

/** The problems loading a theme whose logo is `data` gives, as `line:column message`. */
function logoProblems(data: Buffer): string[] {
  const dir = tempDir();
  writeFileSync(join(dir, 'logo.img'), data);
  writeFileSync(join(dir, 'theme.yaml'), 'name: T\nlogo: logo.img\n');
  try {
    loadTheme(join(dir, 'theme.yaml'), dir);
    return [];
  } catch (error) {
    const list =
      (error as { diagnostics?: { line: number; column: number; message: string }[] }).diagnostics ?? [];
    return list.map((d) => `${d.line}:${d.column} ${d.message}`);
  }
}

describe('logos', () => {
  it('takes a whole PNG and JPEG, with their pixel sizes', () => {
    expect(checkImage(solidPng(40, 20, [200, 0, 0]))).toEqual({
      ok: true,
      info: { format: 'png', width: 40, height: 20 },
    });
    expect(checkImage(jpeg)).toEqual({ ok: true, info: { format: 'jpeg', width: 16, height: 8 } });
    expect(logoProblems(jpeg)).toEqual([]);
  });

  it('refuses a 20000×20000 PNG by its header, before inflating anything', () => {
    // The image data: zeros, 60 MB inflated (the real one would be 1.2 GB), small here.
    const bomb = deflateSync(Buffer.alloc(20_001 * 3_000), { level: 9 });
    const png = Buffer.concat([
      SIGNATURE,
      ihdr(20_000, 20_000),
      chunk('IDAT', bomb),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(logoProblems(png)).toEqual([
      '2:7 Cannot use the logo `logo.img`: it has 20,000×20,000 pixels, above the limit of 16 megapixels; a logo of about 600 pixels wide is plenty',
    ]);
  });

  it.each([
    ['only an IHDR', Buffer.concat([SIGNATURE, ihdr(10, 10)]), 'it has no image data (IDAT)'],
    [
      '0×0 pixels',
      Buffer.concat([SIGNATURE, ihdr(0, 0), chunk('IEND', Buffer.alloc(0))]),
      'it has 0×0 pixels',
    ],
    [
      'image data that does not match its header',
      Buffer.concat([
        SIGNATURE,
        ihdr(10, 10),
        chunk('IDAT', deflateSync(Buffer.alloc(5))),
        chunk('IEND', Buffer.alloc(0)),
      ]),
      'its image data holds 5 bytes, not the 310 its header announces',
    ],
    ['a chunk cut short', solidPng(40, 20, [0, 0, 0]).subarray(0, 60), 'its IDAT chunk is cut short'],
    ['a JPEG cut short', jpeg.subarray(0, 300), 'a segment is cut short'],
    ['a JPEG without its end', jpeg.subarray(0, jpeg.length - 2), 'it is cut short (no end-of-image marker)'],
  ])('refuses a PNG or JPEG with %s, at the logo’s line', (_what, data, problem) => {
    expect(logoProblems(data)).toEqual([`2:7 Cannot use the logo \`logo.img\`: ${problem}`]);
  });

  it('refuses a JPEG whose frame a PDF cannot show (two components)', () => {
    const broken = Buffer.from(jpeg);
    const sof = broken.findIndex((b, i) => b === 0xff && broken[i + 1] === 0xc0);
    broken[sof + 9] = 2;
    expect(logoProblems(broken)[0]).toContain('its frame is not one a PDF can show (2 components of 8 bits)');
  });
});

describe('fonts', () => {
  it('refuses a TrueType header with a garbage body, at its line in the theme', () => {
    const dir = tempDir();
    const garbage = Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.alloc(4000, 0xa5)]);
    writeFileSync(join(dir, 'bad.ttf'), garbage);
    writeFileSync(
      join(dir, 'theme.yaml'),
      'name: T\ntypography:\n  fonts:\n    - family: Bad\n      files:\n        regular: bad.ttf\n  base: Bad\n',
    );
    let messages: string[] = [];
    try {
      loadTheme(join(dir, 'theme.yaml'), dir);
    } catch (error) {
      messages = (
        (error as { diagnostics?: { line: number; column: number; message: string }[] }).diagnostics ?? []
      ).map((d) => `${d.line}:${d.column} ${d.message}`);
    }
    expect(messages).toContainEqual(
      expect.stringMatching(/^6:18 Cannot use the font file `bad.ttf`: it is not a font rolemark can read/u),
    );
  });
});
