import { describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import { docxParts, elements } from './docx-helpers.js';
import { docxText, pdfText } from './helpers.js';

/**
 * Body lines are at most some 80 characters (issue 14, item 15d): an A4 page with 2 cm margins
 * held 98 a line in the PDF and 115 in the DOCX (LibreOffice), too long to read. The PDF's lines
 * are read back; the DOCX's body styles stop short of the margin (LibreOffice's lines are
 * measured in docx-breaks.e2e.test.ts).
 */

const model = await load(['content']);
const team = compose(model, { document: model.documents[0]?.id ?? '' });
const role = compose(model, { role: 'product-manager' }, { template: 'role-charter' });
const paragraphs = [
  'In product development the terms Product Manager and Product Owner are often used as if they meant the same thing.',
  'Focuses on the strategic direction and the long-term vision of the product. Spends time understanding market needs',
];

/** The lines of the PDF that belong to body paragraphs: each a run of the paragraphs' words. */
function bodyLines(text: string): string[] {
  const words = paragraphs.join(' ');
  return text.split('\n').filter((l) => l.trim().split(/\s+/).length > 4 && words.includes(l.trim()));
}

describe('line length of body text', () => {
  it('PDF: the example’s paragraphs run at most 82 characters a line, and at least 60', async () => {
    for (const ir of [team, role]) {
      const lines = bodyLines(pdfText(await render(ir, 'pdf'), false));
      expect(lines.length, ir.kind).toBeGreaterThan(0);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(82);
      expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThanOrEqual(60);
    }
  });

  it('DOCX: body paragraphs take the Body Text style, whose right indent leaves some 80 characters', async () => {
    const parts = docxParts(await render(team, 'docx'));
    const styles = parts['word/styles.xml'] ?? '';
    const body = /<w:style [^>]*w:styleId="BodyText"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    const right = Number(/<w:ind [^>]*w:right="(\d+)"/.exec(body)?.[1]);
    // 9638 DXA of text width less the indent: 80 characters of 84 DXA (Carlito at 10 pt).
    expect(9638 - right).toBe(80 * 84);
    for (const id of ['ListBullet', 'ListNumber', 'Lead', 'FieldList'])
      expect(new RegExp(`w:styleId="${id}"[\\s\\S]*?w:right="${right}"`).test(styles), id).toBe(true);
    const intro = elements(parts['word/document.xml'] ?? '', 'w:p').find((p) =>
      docxText(p).startsWith('In product development'),
    );
    expect(intro).toContain('<w:pStyle w:val="BodyText"/>');
  });
});
