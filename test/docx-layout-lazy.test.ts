import { describe, expect, it, vi } from 'vitest';
import { compose, load } from '../src/index.js';
import { docxDocument, renderDocx } from '../src/render/docx/index.js';
import { docxParts } from './docx-helpers.js';

/** How many times docx/layout was loaded in this file's module graph (vitest isolates each file). */
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('docx/layout', async (original) => {
  loads.count++;
  return await original();
});

/** The contents' page numbers as written: the text of the runs after each entry's tab. */
const contentsOf = (xml: string): string[] =>
  [...xml.matchAll(/PAGEREF (_Toc\d+)[\s\S]*?<w:t[^>]*>(\d*)<\/w:t>/g)].map((m) => `${m[1]} ${m[2]}`);

/**
 * docx/layout, docx's 1.8 MB layout engine, is loaded only by a document whose contents docx's
 * estimate numbers (src/render/docx/estimate.ts): rolemark's own typesetter numbers the rest.
 */
describe('loading docx/layout only when a document uses docx’s page estimate', () => {
  it('renders documents with contents in rolemark’s styles without loading it, then loads it for docx’s estimate', async () => {
    const model = await load(['content', 'test/fixtures/docx/thirty-roles.md']);
    const irs = model.documents.map((d) => compose(model, { document: d.id }));
    expect(irs.some((ir) => ir.blocks.some((b) => b.type === 'toc'))).toBe(true);
    const own = [];
    for (const ir of irs) own.push(await renderDocx(ir, { modified: null }));
    // Loading the writer and rendering with our typesetter did not load it.
    expect(loads.count).toBe(0);

    const byDocx = [];
    for (const ir of irs) byDocx.push(await renderDocx(ir, { modified: null, pageEstimate: 'docx' }));
    expect(loads.count).toBe(1);
    // Loaded, it numbers the contents: each entry has a number, and both estimates agree here.
    for (const [i, bytes] of byDocx.entries()) {
      const numbers = contentsOf(docxParts(bytes)['word/document.xml'] ?? '');
      if (!irs[i]?.blocks.some((b) => b.type === 'toc')) continue;
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers.every((n) => /\d$/.test(n))).toBe(true);
      expect(numbers).toEqual(contentsOf(docxParts(own[i] as Buffer)['word/document.xml'] ?? ''));
    }
  });

  it('gives the whole estimator, with its list numbers, to a document made on its own', () => {
    // docx reads `listNumbers` from the estimator given to the document, when it is made.
    return load(['content']).then((model) => {
      const ir = compose(model, { document: model.documents[0]?.id as string });
      const doc = docxDocument(ir, { fullPageEstimate: true }) as unknown as {
        documentWrapper: { View: { Body: { pageNumbers?: { listNumbers?: unknown } } } };
      };
      expect(typeof doc.documentWrapper.View.Body.pageNumbers?.listNumbers).toBe('function');
    });
  });
});
