import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { compose } from '../src/index.js';
import { type PdfOptions, renderPdf } from '../src/render/pdf/index.js';
import { decodeEntities, modelOf, run, tempDir } from './helpers.js';

/** Renders the team charter of Markdown given inline and writes it to a temporary file. */
export async function renderTeam(
  markdown: string,
  options: PdfOptions = {},
  file = 'team.md',
  load?: Parameters<typeof modelOf>[2],
) {
  const model = modelOf(markdown, file, load);
  const doc = model.documents[0];
  if (!doc) throw new Error('no document in the fixture');
  const ir = compose(model, { document: doc.id });
  const pdf = await renderPdf(ir, options);
  const path = join(tempDir('rolemark-pdf-'), 'charter.pdf');
  writeFileSync(path, pdf);
  return { model, ir, pdf, path };
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

/** Every word of every page with its box in points, from `pdftotext -bbox`. */
export function pdfWords(path: string): PageWords[] {
  const html = run('pdftotext', ['-bbox', path, '-']);
  const pages: PageWords[] = [];
  for (const page of html.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const words: Word[] = [];
    for (const m of page.matchAll(
      /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
    )) {
      words.push({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: decodeEntities(m[5] ?? ''),
      });
    }
    pages.push({ width: Number(size?.[1]), height: Number(size?.[2]), words });
  }
  return pages;
}

/** The text of one page (1-based), as pdftotext reads it. */
export const pageText = (path: string, page: number): string =>
  run('pdftotext', ['-f', String(page), '-l', String(page), path, '-']);

export interface StructNode {
  type: string;
  attrs: string[];
  text: string[];
  children: StructNode[];
}

/** The structure tree as `pdfinfo -struct-text` prints it: element types, attributes and text. */
export function structTree(path: string): StructNode {
  const out = run('pdfinfo', ['-struct-text', path]);
  const root: StructNode = { type: 'root', attrs: [], text: [], children: [] };
  const stack: { indent: number; node: StructNode }[] = [{ indent: -1, node: root }];
  for (const line of out.split('\n')) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    while ((stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
    const parent = (stack[stack.length - 1] as { node: StructNode }).node;
    if (body.startsWith('"')) parent.text.push(body.slice(1, -1));
    else if (body.startsWith('/')) parent.attrs.push(body);
    else if (body.startsWith('Object ')) parent.attrs.push(body);
    else {
      const node: StructNode = { type: body.replace(/[: ].*$/, ''), attrs: [], text: [], children: [] };
      parent.children.push(node);
      stack.push({ indent, node });
    }
  }
  return root;
}

export function* walk(node: StructNode): Generator<StructNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** All text of a structure element and its descendants, in order. */
export const allText = (node: StructNode): string[] => [...walk(node)].flatMap((n) => n.text);

export interface Png {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel. */
  rgb: Uint8Array;
}

/** Decodes the 8-bit RGB PNGs that pdftoppm writes (no dependency needed). */
export function decodePng(data: Buffer): Png {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 3;
  const idat: Buffer[] = [];
  while (pos < data.length) {
    const len = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const chunk = data.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      const colorType = chunk[9];
      channels = colorType === 6 ? 4 : colorType === 0 ? 1 : 3;
      if (chunk[8] !== 8) throw new Error('only 8-bit PNGs');
    } else if (type === 'IDAT') idat.push(chunk);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
      let r = v;
      if (filter === 1) r = v + a;
      else if (filter === 2) r = v + b;
      else if (filter === 3) r = v + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        r = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      out[y * stride + x] = r & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: out };
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) rgb[i * 3 + k] = out[i * channels + (channels === 1 ? 0 : k)] ?? 0;
  }
  return { width, height, rgb };
}

/** Renders pages to PNG with pdftoppm (`first`..`last`, 1-based) and returns them decoded. */
export function renderPngs(path: string, dpi: number, first: number, last: number): Png[] {
  const dir = tempDir('rolemark-png-');
  run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), path, join(dir, 'p')]);
  const pngs: Png[] = [];
  const digits = String(Number(run('pdfinfo', [path]).match(/Pages:\s+(\d+)/)?.[1] ?? last)).length;
  for (let page = first; page <= last; page++) {
    pngs.push(decodePng(readFileSync(join(dir, `p-${String(page).padStart(digits, '0')}.png`))));
  }
  return pngs;
}

/** The bounding box of everything that is not white, in pixels, or null for a blank page. */
export function inkBox(png: Png) {
  let x0 = png.width;
  let y0 = png.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 3;
      if ((png.rgb[i] ?? 255) < 245 || (png.rgb[i + 1] ?? 255) < 245 || (png.rgb[i + 2] ?? 255) < 245) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** The first pixel of a colour (#rrggbb) in a horizontal band of the page, or null. */
export function findColour(png: Png, hex: string, y0 = 0, y1 = png.height, tolerance = 12) {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  for (let y = Math.max(0, y0); y < Math.min(png.height, y1); y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 3;
      if (
        Math.abs((png.rgb[i] ?? 0) - r) <= tolerance &&
        Math.abs((png.rgb[i + 1] ?? 0) - g) <= tolerance &&
        Math.abs((png.rgb[i + 2] ?? 0) - b) <= tolerance
      )
        return { x, y };
    }
  }
  return null;
}

/** Normalises text for comparison: no whitespace at all (line breaks may fall anywhere). */
export const squash = (s: string) => s.replace(/\s+/gu, '');
