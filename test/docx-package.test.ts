import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packer } from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, load } from '../src/index.js';
import { docxDocument, renderDocx } from '../src/render/docx/index.js';
import { finishPackage, finishParts, nameParagraphStyles } from '../src/render/docx/package.js';
import { docxParts } from './docx-helpers.js';
import { tempDir } from './helpers.js';
import { solidPng } from './png.js';

/** docx's compiler, which Packer zips the output of (private in docx's typings). */
const compile = (doc: ReturnType<typeof docxDocument>) =>
  (
    Packer as unknown as { compiler: { compile(d: unknown): Map<string, string | Uint8Array> } }
  ).compiler.compile(doc);

describe('finishing the DOCX package from the parts, unzipped', () => {
  it('gives the same bytes as zipping with Packer, unzipping and zipping again', async () => {
    const model = await load(['content', 'test/fixtures/docx/thirty-roles.md']);
    const options = { modified: '2024-01-02T03:04:05Z', lang: 'en' };
    const irs = [
      ...model.documents.slice(0, 2).map((d) => compose(model, { document: d.id })),
      compose(model, { role: 'product-owner' }),
    ];
    expect(irs.length).toBeGreaterThan(2);
    for (const ir of irs) {
      // Two documents: docx numbers bookmarks from a counter the package step renumbers.
      const viaZip = finishPackage(new Uint8Array(await Packer.toBuffer(docxDocument(ir))), options);
      const viaParts = finishParts(compile(docxDocument(ir)), options);
      expect(Buffer.from(viaParts).equals(Buffer.from(viaZip)), ir.meta.title).toBe(true);
    }
  });
});

describe('drawing ids', () => {
  it('numbers the drawings 1, 2, 3… across the parts, whatever the process drew before', async () => {
    const model = await load(['content']);
    const root = tempDir();
    mkdirSync(join(root, 'templates/themes'), { recursive: true });
    writeFileSync(
      join(root, 'templates/themes/brand.yaml'),
      'logo: { file: logo.png, width: 30mm, placement: both }\n',
    );
    writeFileSync(join(root, 'templates/themes/logo.png'), solidPng(90, 30, [20, 20, 200]));
    const ir = compose(model, { document: model.documents[0]?.id ?? '' }, { theme: 'brand', root });
    const first = await renderDocx(ir, { modified: null });
    // docx takes the ids from a counter of the process, when each image is made.
    await renderDocx(ir, { modified: null });
    const again = await renderDocx(ir, { modified: null });
    expect(again.equals(first)).toBe(true);
    const parts = docxParts(first);
    const order = [
      'word/document.xml',
      ...Object.keys(parts)
        .filter((p) => /^word\/header\d+\.xml$/.test(p))
        .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0])),
    ];
    const ids = order.flatMap((p) =>
      [...(parts[p] ?? '').matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => Number(m[1])),
    );
    // The cover's logo, then one in each section's running header.
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });
});

/** The Normal style naming as four passes, each over the whole part: the specification of the one pass. */
function fourPasses(xml: string): string {
  return xml
    .replace(
      /<w:p(\s[^>]*)?\/>/g,
      (_m, attrs = '') => `<w:p${attrs}><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>`,
    )
    .replace(/<w:pPr\s*\/>/g, '<w:pPr></w:pPr>')
    .replace(
      /<w:p(\s[^>]*)?>(?!<w:pPr>)/g,
      (_m, attrs = '') => `<w:p${attrs}><w:pPr><w:pStyle w:val="Normal"/></w:pPr>`,
    )
    .replace(/<w:pPr>(?!<w:pStyle )/g, '<w:pPr><w:pStyle w:val="Normal"/>');
}

describe('naming the Normal style of paragraphs without one (package.ts)', () => {
  it('gives what the four passes gave, on any sequence of paragraph and property tags', () => {
    const piece = fc.constantFrom(
      '<w:p>',
      '<w:p/>',
      '<w:p />',
      '<w:p w:rsidR="1">',
      '<w:p w:rsidR="1"/>',
      '<w:p a/ >',
      '</w:p>',
      '<w:pPr>',
      '<w:pPr/>',
      '<w:pPr  />',
      '<w:pPr >',
      '</w:pPr>',
      '<w:pStyle w:val="Heading1"/>',
      '<w:pStyle/>',
      '<w:keepNext/>',
      '<w:pict>',
      '<w:r><w:t>x</w:t></w:r>',
      'text &lt;w:p&gt;',
      '$&',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const xml = pieces.join('');
        expect(nameParagraphStyles(xml)).toBe(fourPasses(xml));
      }),
      { numRuns: 5000 },
    );
  });

  it('names the style of every paragraph of a team charter’s body as before', async () => {
    const model = await load(['content']);
    const ir = compose(model, { document: model.documents[0]?.id as string });
    const body = docxParts(await renderDocx(ir, { modified: null }))['word/document.xml'] ?? '';
    expect(body).toContain('<w:pStyle w:val="Normal"/>');
    expect(nameParagraphStyles(body)).toBe(fourPasses(body));
    expect([...body.matchAll(/<w:p[ >]/g)].length).toBe(
      [...body.matchAll(/<w:p(?: [^>]*)?><w:pPr><w:pStyle /g)].length,
    );
  });
});
