import { describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import { docxParts } from './docx-helpers.js';
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
