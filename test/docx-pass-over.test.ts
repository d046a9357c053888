import { readFileSync } from 'node:fs';
import {
  Document,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
} from 'docx';
import { describe, expect, it, vi } from 'vitest';
import { compose, load } from '../src/index.js';
import { fastCompiler } from '../src/render/docx/compile.js';
import { slimMatrices } from '../src/render/docx/estimate.js';
import { parseReferenceDocx, renderDocx } from '../src/render/docx/index.js';
import { bodyFlow } from '../src/render/docx/pages/body.js';
import { carlito } from '../src/render/docx/pages/metrics.js';
import { characterSettings, styleSettings } from '../src/render/docx/pages/styles.js';
import * as prep from '../src/render/docx/prep.js';
import { PASSED_OVER, writeXmlable } from '../src/render/docx/xml-write.js';
import { docxParts, elements } from './docx-helpers.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf } from './helpers.js';

/**
 * rolemark's tables are formatted for docx's walks of the formatted body (the contents' headings,
 * the SEQ and page-number fields, the section properties) to pass over (prep.ts `passOver`): the
 * walks must indeed not go in, and the documents must not change.
 */

/** What each compile was asked for, and a switch to compile without passing over. */
const seen = vi.hoisted(() => ({ asked: [] as (boolean | undefined)[], off: false }));
vi.mock('../src/render/docx/prep.js', async (original) => {
  const real = await original<typeof prep>();
  return {
    ...real,
    withLeanPrep: <T>(compile: () => T, options: { passOver?: boolean } = {}): T => {
      seen.asked.push(options.passOver);
      return real.withLeanPrep(compile, seen.off ? {} : options);
    },
  };
});

const compiler = fastCompiler();
if (!compiler) throw new Error('docx has no compiler to swap the formatter in');

/** A document with contents, a heading, and a table with a Heading 1 paragraph in its cell. */
function withHeadingInTable(): { doc: Document; table: Table } {
  const table = new Table({
    rows: [
      new TableRow({
        children: [
          new TableCell({
            children: [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Inside')] })],
          }),
        ],
      }),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new TableOfContents('Contents', { headingStyleRange: '1-2' }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Outside')] }),
          table,
        ],
      },
    ],
  });
  return { doc, table };
}

function withMarked(): { doc: Document; table: Table } {
  const made = withHeadingInTable();
  prep.passOver(made.table);
  return made;
}

const contents = (xml: string): string => elements(xml, 'w:sdt')[0] ?? '';

describe('tables passed over by docx’s walks of the body (prep.ts passOver)', () => {
  it('are not walked by docx: a heading in one is neither in the contents nor bookmarked', () => {
    // Without passOver, docx's contents list the heading inside the table too.
    const plain = withHeadingInTable();
    const walked = String(compiler.compile(plain.doc, { passOver: true }).get('word/document.xml'));
    expect(contents(walked)).toContain('Outside');
    expect(contents(walked)).toContain('Inside');

    // Only a compile that asks for it formats the table passed over.
    const notAsked = String(compiler.compile(withMarked().doc, { passOver: false }).get('word/document.xml'));
    expect(contents(notAsked)).toContain('Inside');
    const passed = String(compiler.compile(withMarked().doc, { passOver: true }).get('word/document.xml'));
    expect(contents(passed)).toContain('Outside');
    expect(contents(passed)).not.toContain('Inside');
    // The walk bookmarked the heading in the table for its entry; passed over, it is as written.
    const unmarked = (xml: string) => xml.replace(/<w:bookmark(Start|End) [^>]*\/>/g, '');
    expect(elements(walked, 'w:tbl')[0]).toContain('<w:bookmarkStart');
    expect(elements(passed, 'w:tbl')[0]).not.toContain('<w:bookmarkStart');
    expect(elements(passed, 'w:tbl').map(unmarked)).toEqual(elements(walked, 'w:tbl').map(unmarked));
    expect(passed).not.toContain('passed-over');
  });

  it('are read as the tables they hold by our typesetter, docx’s slimmed estimate and our writer', () => {
    const table = {
      'w:tbl': [
        { 'w:tblPr': [{ 'w:tblStyle': { _attr: { 'w:val': 'RolemarkMatrix' } } }] },
        {
          'w:tr': [
            { 'w:tc': [{ 'w:p': [{ 'w:r': [{ 'w:t': ['Plan the release'] }] }] }] },
            { 'w:tc': [{ 'w:p': [{ 'w:r': [{ 'w:t': ['R'] }] }] }] },
          ],
        },
      ],
    };
    const heading = { 'w:p': [{ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': 'Heading1' } } }] }, 'After'] };
    const plain = { 'w:body': [table, heading] };
    const passed = { 'w:body': [{ [PASSED_OVER]: table }, heading] };
    expect(writeXmlable(passed)).toBe(writeXmlable(plain));
    expect(slimMatrices(passed)).toEqual(slimMatrices(plain));
    const metrics = carlito();
    if (metrics) {
      const ctx = {
        metrics,
        styles: styleSettings(),
        characters: characterSettings(),
        notes: new Map<string, string>(),
        noteWidth: 450,
        listIndent: (level: number) => 360 * (level + 1),
      };
      const flow = bodyFlow(passed, ctx);
      expect(flow).toEqual(bodyFlow(plain, ctx));
      expect(flow.map((f) => f.kind)).toEqual(['table', 'p']);
    }
  });

  it('leave every document as it was: team charters with contents, handouts, right-to-left, 150 × 30', async () => {
    const model = await load(['content', 'test/fixtures/docx/thirty-roles.md', 'test/fixtures/rtl']);
    const big = modelOf(teamFixture(30, 150).markdown, 'team.md');
    const irs = [
      ...model.documents.map((d) => compose(model, { document: d.id })),
      compose(model, { role: 'product-owner' }),
      compose(model, { role: 'product-owner' }, { template: 'handout' }),
      compose(big, { document: big.documents[0]?.id ?? '' }),
      compose(big, { role: big.roles[3]?.id ?? '' }, { template: 'handout' }),
    ];
    let withContents = 0;
    let withTables = 0;
    for (const ir of irs) {
      seen.asked.length = 0;
      const passed = await renderDocx(ir, { modified: null });
      expect(seen.asked).toEqual([true]);
      seen.off = true;
      const walked = await renderDocx(ir, { modified: null });
      seen.off = false;
      expect(Buffer.from(passed).equals(Buffer.from(walked)), ir.meta.title).toBe(true);
      const xml = docxParts(passed)['word/document.xml'] ?? '';
      if (xml.includes('<w:tbl>')) withTables++;
      // The contents' page numbers are there, counted with the tables' heights.
      if (xml.includes('PAGEREF')) withContents++;
    }
    expect(withContents).toBeGreaterThanOrEqual(3);
    expect(withTables).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('are not asked for where docx’s estimate reads the body: a reference document, pageEstimate docx', async () => {
    const model = await load(['content']);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' });
    const reference = parseReferenceDocx(new Uint8Array(readFileSync('test/fixtures/docx/reference.docx')));
    for (const options of [{ reference }, { pageEstimate: 'docx' as const }]) {
      seen.asked.length = 0;
      await renderDocx(ir, { modified: null, ...options });
      expect(seen.asked).toEqual([false]);
    }
    // docx's own writer, to compare the bytes with, is never given them.
    seen.asked.length = 0;
    await renderDocx(ir, { modified: null, xmlWriter: 'docx' });
    expect(seen.asked).toEqual([]);
  }, 60_000);
});
