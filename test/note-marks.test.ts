import { describe, expect, it } from 'vitest';
import { compose, render } from '../src/index.js';
import { docxParts } from './docx-helpers.js';
import { modelOf } from './helpers.js';
import { pdfWords, renderTeam } from './pdf-helpers.js';

/**
 * A note's mark in a matrix cell is at least 7 pt in both writers (issue 14, item 15c): 5.5 pt
 * in the PDF and a superscript of 8.5 pt (some 5.5 pt) in the DOCX were too small on paper.
 */

const CHART = `# Crew

## Roles

### Lead (LD)
### Maker (MK)

## Responsibilities

| Activity | LD | MK |
|---|---|---|
| Review the plan | A/R | C (reads the draft) |
| Ship | A | R |
`;

describe('note marks in matrix cells', () => {
  it('PDF: the mark is drawn at 7 pt or more', async () => {
    const { path } = await renderTeam(CHART);
    const page = pdfWords(path).find((p) => p.words.some((w) => w.text === 'Review'));
    const words = page?.words ?? [];
    const row = words.find(
      (w) => w.text === 'Review' && words.some((x) => x.text === 'C' && Math.abs(x.yMin - w.yMin) < 8),
    );
    expect(row).toBeDefined();
    const mark = words.find(
      (w) => w.text === '1' && Math.abs(w.yMin - (row?.yMin ?? 0)) < 8 && w.xMin > (row?.xMax ?? 0),
    );
    expect(mark).toBeDefined();
    // pdftotext's box is the font's ascent to descent: 1.16 × the size for DejaVu Sans.
    expect(((mark?.yMax ?? 0) - (mark?.yMin ?? 0)) / 1.16).toBeGreaterThanOrEqual(6.95);
  });

  it('DOCX: the footnote reference style is 7 pt, raised, not a shrinking superscript', async () => {
    const model = modelOf(CHART, 'crew.md');
    const parts = docxParts(await render(compose(model, { document: model.documents[0]?.id ?? '' }), 'docx'));
    const style =
      /<w:style [^>]*w:styleId="FootnoteReference"[\s\S]*?<\/w:style>/.exec(
        parts['word/styles.xml'] ?? '',
      )?.[0] ?? '';
    expect(style).toContain('<w:sz w:val="14"/>');
    expect(style).toContain('<w:position w:val="4"/>');
    expect(style).not.toContain('superscript');
    expect(parts['word/document.xml']).toMatch(/<w:rStyle w:val="FootnoteReference"\/>/);
  });
});
