import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { compose, load } from '../src/index.js';
import { docxDocument } from '../src/render/docx/index.js';
import { finishPackage, finishParts } from '../src/render/docx/package.js';

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
