import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { compose, load } from '../src/index.js';
import type { Model } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { parseReferenceDocx } from '../src/render/docx/reference.js';
import { sofficeToPdf } from './docx-helpers.js';
import { pdfText, run, tempDir } from './helpers.js';

/**
 * The DOCX checks that run outside tools: the OOXML schema validator, LibreOffice, and the CLI in
 * two processes. They are the slow ones, in a file of their own so that they run beside the rest.
 */
const THIRTY = 'test/fixtures/docx/thirty-roles.md';
const REFERENCE = 'test/fixtures/docx/reference.docx';

let example: Model;
let thirty: Model;
let exampleCharter: Buffer;
let exampleRole: Buffer;
let thirtyCharter: Buffer;
let converted: Promise<Record<string, string>>;

beforeAll(async () => {
  vi.stubEnv('SOURCE_DATE_EPOCH', '');
  example = await load(['content']);
  thirty = await load([THIRTY]);
  exampleCharter = await renderDocx(compose(example, { document: 'product-roles' }));
  exampleRole = await renderDocx(compose(example, { role: 'product-owner' }));
  thirtyCharter = await renderDocx(compose(thirty, { document: thirty.documents[0]?.id ?? '' }));
  vi.unstubAllEnvs();
  // LibreOffice converts while the other tests run.
  const dir = tempDir();
  const inputs = { example: exampleCharter, role: exampleRole, thirty: thirtyCharter };
  const files = Object.entries(inputs).map(([name, data]) => {
    const path = join(dir, `${name}.docx`);
    writeFileSync(path, data);
    return path;
  });
  converted = sofficeToPdf(files);
  converted.catch(() => {});
});

describe('DOCX validity', () => {
  it('validates against the OOXML schema with 0 errors: the 30-role charter, and one made with a reference', async () => {
    expect(await validate(new Uint8Array(thirtyCharter), 'docx')).toEqual([]);
    // pandoc's reference.docx has its styles' properties out of schema order: they are reordered.
    const reference = parseReferenceDocx(new Uint8Array(readFileSync(REFERENCE)));
    const styled = await renderDocx(compose(example, { role: 'product-owner' }), { reference });
    expect(await validate(new Uint8Array(styled), 'docx')).toEqual([]);
  });

  it('converts with LibreOffice, whose pages match the contents page numbers', async () => {
    const pdfs = await converted;
    expect(Object.keys(pdfs).sort()).toEqual(['example', 'role', 'thirty']);
    const pages = pdfText(pdfs.thirty ?? '', false)
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(4);
    for (const [i, page] of pages.entries()) expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    const all = pages.join('\n');
    for (const role of thirty.roles) expect(all).toContain(role.name);
    // The contents were numbered by docx's layout of Calibri; LibreOffice lays out Carlito, which
    // is as wide. Without Carlito it uses another font and may break pages elsewhere.
    if (!run('fc-match', ['Calibri']).includes('Carlito')) return;
    const toc = pages[0]?.split('\n').filter((l) => /\.{4,}\s*\d+$/.test(l)) ?? [];
    expect(toc.length).toBeGreaterThan(30);
    // A role's name is also in the matrix and the workload table: its heading is the line
    // followed by its aliases.
    const roleNames = new Set(thirty.roles.map((r) => r.name));
    const headingOn = (page: string, title: string) => {
      const lines = page.split('\n').map((l) => l.trim());
      return lines.some(
        (l, i) => l === title && (!roleNames.has(title) || lines[i + 1]?.startsWith('Also known as')),
      );
    };
    for (const line of toc) {
      const [, title = '', page] = /^\s*(.+?)\s*\.{4,}\s*(\d+)$/.exec(line) ?? [];
      const on = pages.findIndex((p, i) => i > 0 && headingOn(p, title));
      expect(on + 1, title).toBe(Number(page));
    }
  });
});

describe('DOCX reproducibility across processes', () => {
  it('writes byte-identical files from two processes with different clocks and time zones', () => {
    const dist = tempDir('rolemark-dist-');
    // Node resolves the compiled files' imports from the project's node_modules: compile inside it.
    const outDir = join('node_modules', '.cache', dist.replace(/[^A-Za-z0-9]/g, '_'));
    run('npx', [
      'tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      outDir,
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ]);
    const clock = join(dist, 'clock.mjs');
    writeFileSync(
      clock,
      `const shift = Number(process.env.CLOCK_SHIFT_MS);
const Real = Date;
globalThis.Date = class extends Real {
  constructor(...a) { if (a.length === 0) super(Real.now() + shift); else super(...a); }
  static now() { return Real.now() + shift; }
};`,
    );
    const build = (out: string, shift: number, tz: string) =>
      run('env', [
        `CLOCK_SHIFT_MS=${shift}`,
        `TZ=${tz}`,
        'SOURCE_DATE_EPOCH=1700000000',
        'node',
        '--import',
        `file://${clock}`,
        join(outDir, 'bin.js'),
        'build',
        'content',
        '--out',
        out,
        '--format',
        'docx',
        '--quiet',
      ]);
    const a = join(dist, 'a');
    const b = join(dist, 'b');
    build(a, 0, 'UTC');
    build(b, 400 * 24 * 3600 * 1000, 'Pacific/Kiritimati');
    const files = ['product-roles/charter.docx', ...example.roles.map((r) => `roles/${r.id}.docx`)];
    for (const f of files) {
      const left = run('sha256sum', [join(a, f)]).split(' ')[0];
      const right = run('sha256sum', [join(b, f)]).split(' ')[0];
      expect(left, f).toBe(right);
    }
    run('rm', ['-rf', outDir]);
  });
});
