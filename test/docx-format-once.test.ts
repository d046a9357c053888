import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compose, load } from '../src/index.js';
import { renderDocx } from '../src/render/docx/index.js';
import * as prep from '../src/render/docx/prep.js';
import { writeOnce, writeXmlable } from '../src/render/docx/xml-write.js';
import { docxParts } from './docx-helpers.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf } from './helpers.js';

/**
 * A matrix's code cells, one component for every cell that shows the same (matrix.ts), are
 * formatted once and written once (prep.ts `formatOnce`, xml-write.ts `writeOnce`): the bytes must
 * be those of formatting and writing each place anew.
 */

/** `formatOnce` can be switched off here, to render the same documents without it. */
const once = vi.hoisted(() => ({ off: false }));
vi.mock('../src/render/docx/prep.js', async (original) => {
  const real = await original<typeof prep>();
  return { ...real, formatOnce: <T extends object>(c: T): T => (once.off ? c : real.formatOnce(c)) };
});

const tag = fc.constantFrom('w:p', 'w:r', 'w:t', 'w:tc', '');
const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a & b', '<x>', ']]>'));
const { xmlable } = fc.letrec<{ xmlable: unknown; content: unknown }>((tie) => ({
  xmlable: fc.tuple(tag, tie('content')).map(([name, content]) => ({ [name]: content })),
  content: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.constant(null),
    fc.constant({}),
    fc.record({ _attr: fc.dictionary(fc.constantFrom('w:val', 'x'), text, { maxKeys: 2 }) }),
    fc.array(fc.oneof({ depthSize: 'small' }, tie('xmlable'), text, fc.integer()), { maxLength: 4 }),
  ),
}));

describe('writing an object that stands in several places once (xml-write.ts)', () => {
  it('writes what writing each place anew writes, text after it and nested sharing included', () => {
    fc.assert(
      fc.property(
        fc.array(xmlable, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant(undefined), text)), { minLength: 1, maxLength: 8 }),
        (shared, places) => {
          for (const s of shared) if (typeof s === 'object' && s !== null) writeOnce(s);
          // A parent of the shared objects, some followed by a text (which drops the item before it).
          const children = places.flatMap(([i, after]) => [
            shared[i % shared.length],
            ...(after === undefined ? [] : [after]),
          ]);
          const tree = { 'w:body': [...children, { 'w:p': [shared[0]] }] };
          expect(writeXmlable(tree)).toBe(writeXmlable(structuredClone(tree)));
          // And again: the second time from the strings kept.
          expect(writeXmlable([tree, tree])).toBe(writeXmlable(structuredClone([tree, tree])));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatting a component once (prep.ts)', () => {
  const compile = (doc: Document) =>
    (
      Packer as unknown as { compiler: { compile(d: unknown): Map<string, string | Uint8Array> } }
    ).compiler.compile(doc);

  it('formats a cell that stands in three rows once, and writes the body each place would', () => {
    const cell = () =>
      new TableCell({
        width: { size: 500, type: 'dxa' },
        children: [new Paragraph({ children: [new TextRun('A/R')] })],
      });
    const first = cell();
    // docx's own formatting of the cell, which formatOnce wraps.
    const format = vi.spyOn(first as unknown as { prepForXml: () => unknown }, 'prepForXml');
    const shared = prep.formatOnce(first);
    const table = (make: () => TableCell) =>
      new Table({ rows: [0, 1, 2].map(() => new TableRow({ children: [make(), make()] })) });
    const body = (t: Table) =>
      String(compile(new Document({ sections: [{ children: [t] }] })).get('word/document.xml'));
    const sharedXml = body(table(() => shared));
    expect(format).toHaveBeenCalledTimes(1);
    expect(sharedXml).toBe(body(table(cell)));
    expect(sharedXml?.match(/<w:tc>/g)?.length).toBe(6);
  });

  it('gives the bytes of formatting each cell anew: team charters, handouts, right-to-left, 150 × 30', async () => {
    const model = await load(['content', 'test/fixtures/docx/thirty-roles.md', 'test/fixtures/rtl']);
    const big = modelOf(teamFixture(30, 150).markdown, 'team.md');
    const irs = [
      ...model.documents.map((d) => compose(model, { document: d.id })),
      compose(model, { role: 'product-owner' }, { template: 'handout' }),
      compose(big, { document: big.documents[0]?.id ?? '' }),
      compose(big, { role: big.roles[3]?.id ?? '' }, { template: 'handout' }),
    ];
    for (const ir of irs) {
      once.off = true;
      const each = await renderDocx(ir, { modified: null });
      once.off = false;
      const formattedOnce = await renderDocx(ir, { modified: null });
      expect(Buffer.from(formattedOnce).equals(Buffer.from(each)), ir.meta.title).toBe(true);
      expect(docxParts(formattedOnce)['word/document.xml']).toContain('<w:tc>');
    }
  }, 120_000);
});
