import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import { docxPart, docxText, pdfText, run, tempDir } from './helpers.js';

/**
 * The documents HR attaches and prints (issue 14): no activity twice, no machine paths, a switch
 * for the source line. Each check reads the rendered file back.
 */

const model = await load(['content']);
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

function pdfPages(bytes: Buffer): number {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
}

describe('role charter: each activity once, with all its codes', () => {
  it('the Product Manager’s A/R activities are listed once, under "Owns and does", on one page', async () => {
    const ir = compose(model, { role: 'product-manager' });
    const pdf = await render(ir, 'pdf');
    const text = words(pdfText(pdf, false));
    expect(text).toContain('Owns and does (7)');
    expect(text).not.toContain('Accountable for (7)');
    expect(text).not.toContain('Responsible for (7)');
    for (const a of model.activities) expect(text.split(a.name).length - 1, a.name).toBeLessThanOrEqual(1);
    expect(pdfPages(pdf)).toBe(1);
    const docx = words(docxText(docxPart(await render(ir, 'docx'))));
    expect(docx).toContain('Owns and does (7)');
    for (const a of model.activities) expect(docx.split(a.name).length - 1, a.name).toBeLessThanOrEqual(1);
  });
});

describe('source paths in footers', () => {
  it('a source outside the project prints from its content folder, never absolute', async () => {
    const dir = join(tempDir(), 'équipe');
    mkdirSync(dir);
    writeFileSync(join(dir, 'produit.md'), readFileSync('content/product-roles.md', 'utf8'));
    const outside = await load([dir]);
    expect(outside.documents[0]?.file.startsWith('/')).toBe(true);
    const team = compose(outside, { document: outside.documents[0]?.id ?? '' });
    const role = compose(outside, { role: 'product-owner' }, { template: 'role-charter' });
    for (const ir of [team, role]) {
      expect(ir.footer).toContain('Source: équipe/produit.md');
      const pdf = words(pdfText(await render(ir, 'pdf'), false));
      expect(pdf).toContain('Source: équipe/produit.md');
      expect(pdf).not.toContain(dir);
      const docx = await render(ir, 'docx');
      expect(docxPart(docx, 'word/footer1.xml')).not.toContain(dir);
      expect(docxPart(docx, 'docProps/core.xml')).not.toContain(dir);
    }
  });

  it('a theme with `source: false` leaves the source line out of every footer', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'templates/themes'), { recursive: true });
    writeFileSync(join(root, 'templates/themes/hr.yaml'), 'name: hr\nextends: default\nsource: false\n');
    const team = compose(model, { document: 'product-roles' }, { theme: 'hr', root });
    const role = compose(model, { role: 'product-owner' }, { template: 'role-charter', theme: 'hr', root });
    expect(team.footer).toBe('Version 1.0');
    expect(role.footer).toBe('Version 1.0');
    const pdf = words(pdfText(await render(role, 'pdf'), false));
    expect(pdf).not.toContain('Source');
    expect(pdf).not.toContain('product-roles.md');
  });
});

describe('DOCX combined cells', () => {
  it('an A/R cell shows both codes’ colours, each letter shaded with its own', async () => {
    const ir = compose(model, { document: 'product-roles' });
    const matrix = ir.blocks.find((b) => b.type === 'matrix');
    if (matrix?.type !== 'matrix') throw new Error('no matrix');
    const colour = (code: string) =>
      matrix.codes
        .find((c) => c.code === code)
        ?.color.replace('#', '')
        .toUpperCase();
    const xml = docxPart(await render(ir, 'docx'));
    const table =
      (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).find((t) => t.includes('RolemarkMatrix')) ?? '';
    const cells = (table.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).filter(
      (c) =>
        (c.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('') ===
        'R/A',
    );
    expect(cells.length).toBe(12);
    for (const cell of cells) {
      const fills = [...cell.matchAll(/<w:shd [^>]*w:fill="([0-9A-F]{6})"/g)].map((m) => m[1]);
      expect(fills).toEqual([colour('R'), colour('A')]);
    }
  });
});
