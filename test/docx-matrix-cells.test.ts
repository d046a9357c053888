import { describe, expect, it } from 'vitest';
import { compose } from '../src/index.js';
import type { DocumentIR, MatrixBlock } from '../src/ir/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { FIRST_ROWS } from '../src/render/docx/matrix.js';
import { docxParts, elements } from './docx-helpers.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf } from './helpers.js';

/**
 * The matrix's code cells, read back from the DOCX: cells that show the same share one docx
 * component (matrix.ts), so each cell is checked against the IR for what could differ between
 * two cells with the same codes — its column (a handout's framed one), its row's keep with the
 * next (the first rows) and its note.
 */

const texts = (xml: string) =>
  elements(xml, 'w:t')
    .map((t) => t.replace(/^<w:t[^>]*>|<\/w:t>$/g, ''))
    .join('');

async function checkCells(ir: DocumentIR): Promise<number> {
  const xml = docxParts(await renderDocx(ir, { modified: null }))['word/document.xml'] ?? '';
  const matrix = ir.blocks.find((b): b is MatrixBlock => b.type === 'matrix');
  if (!matrix) throw new Error('no matrix');
  const colours = new Map(matrix.codes.map((c) => [c.code, c.color.replace('#', '').toUpperCase()]));
  const rows = elements(xml, 'w:tr');
  let checked = 0;
  let activities = 0;
  for (const row of matrix.rows) {
    if (row.type !== 'activity') continue;
    const kept = ++activities < FIRST_ROWS;
    // The row whose first cell is the activity's (the matrix is one table here: few roles).
    const found = rows.filter((r) => texts(elements(r, 'w:tc')[0] ?? '') === row.name);
    expect(found, row.name).toHaveLength(1);
    const cells = elements(found[0] ?? '', 'w:tc').slice(1);
    expect(cells).toHaveLength(row.cells.length);
    row.cells.forEach((cell, i) => {
      const tc = cells[i] ?? '';
      expect(texts(tc), `${row.name} × ${i}`).toBe(cell.codes.join('/'));
      expect(tc.includes('<w:footnoteReference'), 'note').toBe(cell.note !== undefined);
      const fill = /<w:tcPr>[\s\S]*?<w:shd [^>]*w:fill="([0-9A-F]+)"[\s\S]*?<\/w:tcPr>/.exec(tc)?.[1];
      expect(fill).toBe(cell.codes.length === 1 ? colours.get(cell.codes[0] ?? '') : undefined);
      expect(tc.includes('<w:tcBorders>'), 'framed').toBe(matrix.columns[i]?.roleId === matrix.focus);
      expect(tc.includes('<w:keepNext/>'), 'kept').toBe(kept);
      checked++;
    });
  }
  return checked;
}

describe('the DOCX matrix’s code cells', () => {
  it('each show their own codes, colour, column frame, keep and note, shared or not', async () => {
    const model = modelOf(teamFixture(5, 24).markdown, 'team.md');
    const team = compose(model, { document: model.documents[0]?.id ?? '' });
    expect(await checkCells(team)).toBeGreaterThan(40);
    // A handout frames its role's column: cells with the same codes, framed and not.
    for (const role of model.roles.slice(0, 2)) {
      const handout = compose(model, { role: role.id }, { template: 'handout' });
      expect(await checkCells(handout)).toBeGreaterThan(40);
    }
  }, 60_000);
});
