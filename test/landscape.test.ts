import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnsThatFit, markLandscape } from '../src/compose/landscape.js';
import { compose } from '../src/index.js';
import type { Block, DocumentTheme, MatrixBlock } from '../src/ir/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { attr, docxParts, elements } from './docx-helpers.js';
import { modelOf, tempDir } from './helpers.js';
import { pdfWords } from './pdf-helpers.js';

/**
 * Which matrix turns its page to landscape is decided once, by the composer, and both writers
 * follow it. They used to decide by rules of their own (the PDF measured, the DOCX counted more
 * than 12 roles), so a chart of 13 to 18 roles was landscape in Word and portrait in the PDF.
 */

/** A team of `n` roles, each responsible on one activity, with the built-in team charter's matrix. */
function team(n: number): string {
  const roles = Array.from({ length: n }, (_, i) => `Role ${String.fromCharCode(65 + (i % 26))}${i}`);
  const lines = ['# Wide team', '', '## Roles', ''];
  for (const r of roles) lines.push(`### ${r}`, `Does ${r.toLowerCase()} work.`, '');
  lines.push(
    '## Matrix',
    '',
    `| Activity | ${roles.join(' | ')} |`,
    `|---|${roles.map(() => '---').join('|')}|`,
  );
  for (let a = 0; a < 6; a++)
    lines.push(
      `| Activity ${a + 1} | ${roles.map((_, i) => (i === 0 ? 'A' : i % 6 === a ? 'R' : '')).join(' | ')} |`,
    );
  return `${lines.join('\n')}\n`;
}

const charter = (n: number) => {
  const model = modelOf(team(n), 'team.md');
  return compose(model, { document: model.documents[0]?.id ?? '' });
};
const matrixOf = (blocks: readonly Block[]) => blocks.find((b): b is MatrixBlock => b.type === 'matrix');

/** Per page of the PDF: landscape or not, and whether the matrix's heading is on it. */
async function pdfPages(n: number) {
  const path = join(tempDir(), 'charter.pdf');
  writeFileSync(path, await renderPdf(charter(n)));
  return pdfWords(path).map((p) => ({
    landscape: p.width > p.height,
    heading: p.words.some((w) => w.text === 'Responsibility') && p.words.some((w) => w.text === 'Activity'),
  }));
}

/** The DOCX's sections in order, and the section the matrix's heading is in. */
async function docxSections(n: number) {
  const xml = docxParts(await renderDocx(charter(n)))['word/document.xml'] ?? '';
  const sections = elements(xml, 'w:sectPr');
  // The last one: the table of contents names it first.
  const heading = xml.lastIndexOf('Responsibility matrix</w:t>');
  const ends = sections.map((s) => xml.indexOf(s));
  return {
    orientations: sections.map((s) => attr(s, 'w:orient')),
    headingIn: ends.findIndex((end) => end > heading),
  };
}

describe('the landscape decision', () => {
  const a4: DocumentTheme['page'] = {
    size: 'A4',
    orientation: 'portrait',
    width: 595.28,
    height: 841.89,
    margin: { top: 70.87, right: 56.69, bottom: 62.36, left: 56.69 },
  };
  const theme = (page: DocumentTheme['page']) => ({ page }) as DocumentTheme;
  const blocks = (n: number): Block[] => [
    { type: 'paragraph', content: [{ type: 'text', text: 'Before.' }] },
    { type: 'heading', level: 2, text: 'Matrix' },
    { type: 'paragraph', content: [{ type: 'text', text: 'Intro.' }] },
    { type: 'legend', codes: [] },
    {
      type: 'matrix',
      columns: Array.from({ length: n }, (_, i) => ({ roleId: `r${i}`, name: `R${i}`, short: null })),
      rows: [],
      codes: [],
      notes: [],
      activityLabel: 'Activity',
    },
  ];

  it('turns a matrix whose role columns do not fit the portrait page, with its heading, intro and legend', () => {
    expect(columnsThatFit(a4.width - a4.margin.left - a4.margin.right)).toBe(14);
    expect(matrixOf(markLandscape(blocks(14), theme(a4)))?.landscape).toBeUndefined();
    expect(matrixOf(markLandscape(blocks(15), theme(a4)))?.landscape).toEqual({
      reason: 'columns',
      columns: 15,
      portraitColumns: 14,
      lead: 3,
    });
    // Without a heading, the legend still goes along; a landscape document never turns.
    expect(matrixOf(markLandscape(blocks(15).slice(3), theme(a4)))?.landscape?.lead).toBe(1);
    const landscape = { ...a4, orientation: 'landscape' as const, width: a4.height, height: a4.width };
    expect(matrixOf(markLandscape(blocks(40), theme(landscape)))?.landscape).toBeUndefined();
  });

  it('the composed team charter carries it', () => {
    expect(matrixOf(charter(13).blocks)?.landscape).toBeUndefined();
    // Its heading and legend go along (the built-in template has no matrix introduction here).
    expect(matrixOf(charter(16).blocks)?.landscape).toMatchObject({
      reason: 'columns',
      columns: 16,
      lead: 2,
    });
  });

  it('the PDF and the DOCX turn the same matrices, and take the heading along', async () => {
    for (const n of [13, 16, 30]) {
      const turns = n > 14;
      const pages = await pdfPages(n);
      const at = pages.findIndex((p) => p.heading);
      expect(at, `PDF, ${n} roles`).toBeGreaterThanOrEqual(0);
      expect(pages[at]?.landscape, `PDF, ${n} roles`).toBe(turns);
      // The pages before the matrix's are the document's own portrait pages.
      expect(
        pages.slice(0, at).every((p) => !p.landscape),
        `PDF, ${n} roles`,
      ).toBe(true);
      const docx = await docxSections(n);
      expect(docx.orientations, `DOCX, ${n} roles`).toEqual(
        turns ? ['portrait', 'landscape', 'portrait'] : ['portrait'],
      );
      expect(docx.orientations[docx.headingIn], `DOCX, ${n} roles`).toBe(turns ? 'landscape' : 'portrait');
    }
  });

  it('two wide matrices in a row share no portrait page: no blank page, no heading left alone', async () => {
    const ir = charter(20);
    const m = matrixOf(ir.blocks);
    if (!m) throw new Error('no matrix');
    const { landscape: _, ...plain } = m;
    const cover = ir.blocks[0] as Block;
    for (const blocks of [
      [
        cover,
        { type: 'heading', level: 2, text: 'First' },
        plain,
        { type: 'heading', level: 2, text: 'Second' },
        plain,
      ],
      [cover, { type: 'heading', level: 2, text: 'First' }, plain, plain],
    ] as Block[][]) {
      const path = join(tempDir(), 'two.pdf');
      writeFileSync(
        path,
        await renderPdf({ ...ir, blocks: markLandscape(blocks, ir.theme as DocumentTheme) }),
      );
      const pages = pdfWords(path);
      // The cover's page, then landscape pages only, each headed by the matrix's header row.
      expect(pages.slice(1).map((p) => p.width > p.height)).toEqual(pages.slice(1).map(() => true));
      for (const page of pages.slice(1)) expect(page.words.some((w) => w.text === 'Activity')).toBe(true);
    }
  });
});
