import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import type { DocumentIR } from '../src/ir/types.js';
import type { Model } from '../src/model/types.js';
import { docxPart, pdfFonts, pdfText, run, tempDir } from './helpers.js';
import { boxOf, countColour, readPpm, solidPng } from './png.js';

/**
 * A theme change shows up in what the writers make: the page size and orientation, the margins,
 * the colours, the logo and the fonts, in the PDF (read back with poppler, and from the pixels of
 * a rendered page) and in the DOCX (its section and style XML).
 */

const LOGO: [number, number, number] = [20, 60, 200];
const FILL: [number, number, number] = [0, 170, 0];
let model: Model;
let root: string;

function project(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

/** The pages of a PDF as pixels, at 30 dpi. */
function pages(pdf: Buffer) {
  const dir = tempDir();
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  run('pdftoppm', ['-r', '30', join(dir, 'doc.pdf'), join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ppm'))
    .sort()
    .map((f) => readPpm(readFileSync(join(dir, f))));
}

/** Page sizes as pdfinfo reports them: `1190.55 x 841.89 pts (A3)`. */
const pageSize = (pdf: Buffer) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  return /Page size:\s+(.*)/.exec(run('pdfinfo', [join(dir, 'doc.pdf')]))?.[1] ?? '';
};

beforeAll(async () => {
  model = await load(['content']);
  root = project({
    'templates/themes/brand.yaml': [
      'page: { size: A3, orientation: landscape, margins: 15mm }',
      'color: { primary: "#DC1414", codes: { A: "#00AA00" } }',
      'typography: { base: [DejaVu Serif], headings: [DejaVu Sans Condensed] }',
      'logo: { file: logo.png, width: 40mm, placement: header }',
      'footer: ["{{footer}}", "Brand internal"]',
    ].join('\n'),
    'templates/themes/logo.png': solidPng(120, 40, LOGO),
  });
});

const themed = (): DocumentIR => compose(model, { document: 'product-roles' }, { theme: 'brand', root });

describe('PDF', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await render(themed(), 'pdf');
  });

  it('prints on the theme’s page, A3 landscape, with its footer text', () => {
    expect(pageSize(pdf)).toBe('1190.55 x 841.89 pts (A3)');
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain('Brand internal');
  });

  it('shows the logo on every page, top right above the header rule, and the code fill', () => {
    const all = pages(pdf);
    expect(all.length).toBeGreaterThan(0);
    for (const page of all) {
      // 15 mm margins leave the logo some 13 pt of height: at 30 dpi, about 17 × 6 pixels.
      expect(countColour(page.rgb, LOGO, 16)).toBeGreaterThan(60);
      const box = boxOf(page, LOGO, 16);
      expect(box?.left ?? 0).toBeGreaterThan(page.width * 0.8);
      expect(box?.bottom ?? page.height).toBeLessThan((15 / 25.4) * 30);
    }
    const first = all[0];
    if (!first) throw new Error('no page');
    expect(countColour(first.rgb, FILL, 16)).toBeGreaterThan(100);
  });

  it('embeds the theme’s fonts: DejaVu Serif for text, Condensed for headings', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const names = pdfFonts(join(dir, 'doc.pdf')).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toContain('DejaVuSerif');
    expect(names).toContain('DejaVuSansCondensed-Bold');
    expect(names).not.toContain('DejaVuSans');
  });
});

describe('DOCX', () => {
  let docx: Buffer;
  beforeAll(async () => {
    docx = await render(themed(), 'docx');
  });

  it('sets the page size, orientation and margins of every section', () => {
    const xml = docxPart(docx);
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*>/g)].map((m) => m[0]);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) {
      expect(size).toContain('w:w="23811"');
      expect(size).toContain('w:h="16838"');
      expect(size).toContain('w:orient="landscape"');
    }
    expect(xml).toMatch(/<w:pgMar w:top="850" w:right="850" w:bottom="850" w:left="850"/);
  });

  it('names the theme’s fonts and colours in the styles, and puts the logo in the header', () => {
    const styles = docxPart(docx, 'word/styles.xml');
    expect(styles).toContain('w:ascii="DejaVu Serif"');
    expect(styles).toContain('w:ascii="DejaVu Sans Condensed"');
    expect(styles).toContain('w:color="DC1414"');
    const header = docxPart(docx, 'word/header1.xml');
    expect(header).toContain('<w:drawing>');
    expect(docxPart(docx, 'word/_rels/header1.xml.rels')).toMatch(/media\/[^"]+\.png/);
  });
});

describe('the default theme keeps the documents as they were', () => {
  it('A4 portrait, DejaVu Sans, Calibri in Word', async () => {
    const ir = compose(model, { role: 'product-owner' });
    expect(pageSize(await render(ir, 'pdf'))).toBe('595.28 x 841.89 pts (A4)');
    const styles = docxPart(await render(ir, 'docx'), 'word/styles.xml');
    expect(styles).toContain('w:ascii="Calibri"');
    expect(styles).toContain('w:color="1F4E79"');
  });
});
