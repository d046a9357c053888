import { readFileSync } from 'node:fs';
import { Theme } from 'docx';
import { describe, expect, it, vi } from 'vitest';
import { compose, load } from '../src/index.js';
import { docxDocument, parseReferenceDocx, renderDocx } from '../src/render/docx/index.js';
import { docxParts } from './docx-helpers.js';

/**
 * docx's default theme is one for the process, formatted once (styles-cache.ts `withSharedTheme`);
 * test/docx-compile.test.ts compares the bytes with docx's own writer, which keeps its own theme.
 */
describe('the theme part, made once (styles-cache.ts)', () => {
  it('is formatted once for all the documents of the process, with the same bytes in each', async () => {
    const model = await load(['content']);
    const irs = [
      compose(model, { document: model.documents[0]?.id ?? '' }),
      ...model.roles.slice(0, 3).map((r) => compose(model, { role: r.id })),
    ];
    // One theme for every document, which gives the same formatted object every time.
    const themes = irs.map((ir) => docxDocument(ir).Theme);
    expect(new Set(themes).size).toBe(1);
    const theme = themes[0] as Theme;
    expect(theme).toBeInstanceOf(Theme);
    const context = { stack: [] } as never;
    expect(theme.prepForXml(context)).toBe(theme.prepForXml(context));
    // Each a theme of its own with docx's writer (each document formats its own).
    const own = irs.map((ir) => docxDocument(ir, { xmlWriter: 'docx' }).Theme);
    expect(new Set([...own, theme]).size).toBe(irs.length + 1);
    const format = vi.spyOn(Theme.prototype, 'prepForXml');
    const xml: string[] = [];
    for (const ir of irs)
      xml.push(docxParts(await renderDocx(ir, { modified: null }))['word/theme/theme1.xml'] ?? '');
    expect(xml[0]).toContain('<a:theme');
    expect(new Set(xml).size).toBe(1);
    // docx's writer formats its own, with the same bytes.
    const docxs = docxParts(await renderDocx(irs[1] as never, { modified: null, xmlWriter: 'docx' }));
    expect(format).toHaveBeenCalledTimes(1);
    expect(docxs['word/theme/theme1.xml']).toBe(xml[0]);
    // A reference document's theme is its own, not the shared one.
    const reference = parseReferenceDocx(new Uint8Array(readFileSync('test/fixtures/docx/reference.docx')));
    const referenced = docxParts(await renderDocx(irs[1] as never, { modified: null, reference }));
    expect(referenced['word/theme/theme1.xml']).not.toBe(xml[0]);
    format.mockRestore();
  }, 60_000);
});
