import { describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import { docxParts, elements } from './docx-helpers.js';
import { latinPoster } from './docx-poster-turn.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { docxText, modelOf, pdfText } from './helpers.js';

/**
 * The poster's Word file says honestly what it was made for (issue 14, item 15g): Word's pages end
 * at 22 in, so an A0 poster's DOCX is on smaller pages and its rows are not named per sheet; its
 * legend line says the sheet the PDF was made for and the size of its own pages, which its
 * footer numbers. The PDF keeps its own line.
 */

const words = (s: string) => s.replace(/\s+/g, ' ');

describe('DOCX poster legend line', () => {
  it('a tiled A0 poster: the Word file names its own page size, and no per-sheet rows it lacks', async () => {
    const model = modelOf(teamFixture(30, 150).markdown, 'team.md');
    const ir = compose(model, { document: model.documents[0]?.id ?? '' }, { template: 'matrix-poster' });
    const parts = docxParts(await render(ir, 'docx'));
    const text = words(docxText(parts['word/document.xml'] ?? ''));
    expect(text).toContain(
      'Made for A0 (1189 × 841 mm), as the PDF prints it. This Word file is set on pages of 559 × 395 mm, numbered in their footer.',
    );
    expect(text).not.toContain('each sheet names its rows');
    const footers = Object.entries(parts).filter(([k]) => /^word\/footer\d+\.xml$/.test(k));
    expect(footers.length).toBeGreaterThan(0);
    for (const [, xml] of footers) expect(xml).toMatch(/NUMPAGES/);
    expect(words(pdfText(await render(ir, 'pdf'), false))).toContain('each sheet names its rows');
  });

  it('a poster that fits A3: the Word file is on A3 too, and says so', async () => {
    const model = await load(['content']);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' }, { template: 'matrix-poster' });
    const text = words(docxText(docxParts(await render(ir, 'docx'))['word/document.xml'] ?? ''));
    expect(text).toMatch(
      /Made for A3 \(420 × 297 mm\), as the PDF prints it\. This Word file is set on pages of 420 × 297 mm/,
    );
  });
});

describe('DOCX poster on a portrait sheet larger than Word’s page', () => {
  it('40 roles on a portrait A1 sheet: one table of 40 role columns, on a landscape page', async () => {
    const ir = latinPoster(40, 60);
    expect([ir.theme?.page.size, ir.theme?.page.orientation]).toEqual(['A1', 'portrait']);
    const matrix = ir.blocks.find((b) => b.type === 'matrix');
    // The composer keeps the sheet portrait (40 columns fit across A1): the turn is Word's own.
    expect(matrix?.type === 'matrix' && matrix.landscape).toBeFalsy();
    const xml = docxParts(await render(ir, 'docx'))['word/document.xml'] ?? '';
    const tables = elements(xml, 'w:tbl').filter((t) => t.includes('w:val="RolemarkMatrix"'));
    expect(tables).toHaveLength(1);
    expect(elements(tables[0] ?? '', 'w:gridCol')).toHaveLength(41);
    const text = words(docxText(xml));
    for (const role of matrix?.type === 'matrix' ? matrix.columns : []) expect(text).toContain(role.name);
    // One section, landscape, cover and all: no portrait page with the title alone.
    const sizes = xml.match(/<w:pgSz [^>]*>/g) ?? [];
    expect(sizes).toEqual(['<w:pgSz w:w="31680" w:h="22376" w:orient="landscape"/>']);
    expect(text).toContain('This Word file is set on pages of 559 × 395 mm');
    // The PDF prints it as one table on its portrait sheet.
    expect(words(pdfText(await render(ir, 'pdf'), false))).not.toContain('Roles 1–20 of 40');
  });

  it('26 roles on the same portrait A1 sheet fit Word’s portrait page: it stays portrait', async () => {
    const ir = latinPoster(26, 60);
    expect(ir.theme?.page.orientation).toBe('portrait');
    const xml = docxParts(await render(ir, 'docx'))['word/document.xml'] ?? '';
    expect(xml.match(/<w:pgSz [^>]*>/g)?.every((s) => s.includes('w:orient="portrait"'))).toBe(true);
  });
});
