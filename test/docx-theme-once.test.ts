import { readFileSync } from 'node:fs';
import { Theme } from 'docx';
import { describe, expect, it, vi } from 'vitest';
import { compose, load } from '../src/index.js';
import { parseReferenceDocx, renderDocx } from '../src/render/docx/index.js';
import { docxParts } from './docx-helpers.js';

/**
 * docx's default theme is one for the process, formatted once (styles-cache.ts `withSharedTheme`);
 * test/docx-compile.test.ts compares the bytes with docx's own writer, which keeps its own theme.
 */
describe('the theme part, made once (styles-cache.ts)', () => {
  it('is formatted once for all the documents of the process, with the same bytes in each', async () => {
    // Before anything in this process formats a theme.
    const format = vi.spyOn(Theme.prototype, 'prepForXml');
    const model = await load(['content']);
    const irs = [
      compose(model, { document: model.documents[0]?.id ?? '' }),
      ...model.roles.slice(0, 3).map((r) => compose(model, { role: r.id })),
    ];
    const themes: string[] = [];
    for (const ir of irs)
      themes.push(docxParts(await renderDocx(ir, { modified: null }))['word/theme/theme1.xml'] ?? '');
    expect(format).toHaveBeenCalledTimes(1);
    expect(themes[0]).toContain('<a:theme');
    expect(new Set(themes).size).toBe(1);
    // docx's writer makes and formats its own, with the same bytes.
    const own = docxParts(await renderDocx(irs[1] as never, { modified: null, xmlWriter: 'docx' }));
    expect(format).toHaveBeenCalledTimes(2);
    expect(own['word/theme/theme1.xml']).toBe(themes[0]);
    // A reference document's theme is its own, not the shared one.
    const reference = parseReferenceDocx(new Uint8Array(readFileSync('test/fixtures/docx/reference.docx')));
    const referenced = docxParts(await renderDocx(irs[1] as never, { modified: null, reference }));
    expect(referenced['word/theme/theme1.xml']).not.toBe(themes[0]);
    format.mockRestore();
  }, 60_000);
});
