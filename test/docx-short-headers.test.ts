import { beforeAll, describe, expect, it } from 'vitest';
import { compose, load } from '../src/index.js';
import type { Model } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { planMatrix } from '../src/render/docx/matrix.js';
import { textWidth } from '../src/render/docx/styles.js';
import { docxParts, elements } from './docx-helpers.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { docxText, modelOf } from './helpers.js';

/**
 * Short names in the DOCX matrix's headers (issue 14): a wide matrix whose roles all have a short
 * name, or one with a right-to-left name (a rotated Word cell misplaces it in LibreOffice), prints
 * upright short names under a key of whole names, as the PDF handout does; a handout's columns too.
 * The LibreOffice side of it is in docx-headers.e2e.test.ts and docx-density.e2e.test.ts.
 */

const team = (model: Model) => compose(model, { document: model.documents[0]?.id ?? '' });
const xmlOf = async (ir: ReturnType<typeof compose>) =>
  docxParts(new Uint8Array(await renderDocx(ir)))['word/document.xml'] ?? '';
const matrices = (xml: string) => elements(xml, 'w:tbl').filter((t) => t.includes('w:val="RolemarkMatrix"'));
/** The text of each cell of a row. */
const cells = (row: string) => elements(row, 'w:tc').map((c) => docxText(c).replace(/\n/g, ' ').trim());
const noAliases = (m: Model): Model => ({ ...m, roles: m.roles.map((r) => ({ ...r, aliases: [] })) });

let thirty: Model;
beforeAll(async () => {
  thirty = await load(['test/fixtures/docx/thirty-roles.md']);
});

describe('the short-name row is shaded with the theme’s header fill', () => {
  // The table style shades the first row, now the key: the names' row lost its fill.
  const fills = (row: string) =>
    elements(row, 'w:tc').map((c) => /<w:shd [^>]*w:fill="([0-9A-F]{6})"/.exec(c)?.[1]);
  for (const [theme, fill] of [
    [undefined, 'EDF1F6'],
    ['print-mono', 'E6E6E6'],
  ] as const) {
    it(`${theme ?? 'the default theme'}: every cell of the short-name row, ${fill}; the key stays white`, async () => {
      const ir = compose(thirty, { document: thirty.documents[0]?.id ?? '' }, theme ? { theme } : {});
      const [key, header] = elements(matrices(await xmlOf(ir))[0] ?? '', 'w:tr');
      expect(fills(header ?? '')).toEqual(Array.from({ length: 31 }, () => fill));
      expect(fills(key ?? '')).toEqual(['FFFFFF']);
    });
  }
});

describe('a wide matrix whose roles all have a short name', () => {
  it('is one table of 30 upright short names, under a key row naming every role, both repeated', async () => {
    const xml = await xmlOf(team(thirty));
    const tables = matrices(xml);
    expect(tables).toHaveLength(1);
    const table = tables[0] ?? '';
    expect(table).not.toContain('btLr');
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(31);
    expect(grid.reduce((a, b) => a + b)).toBeLessThanOrEqual(textWidth(true));
    // The activity names keep some 125 pt (the PDF: 130).
    expect(grid[0]).toBeGreaterThanOrEqual(2500);
    const [key, header] = elements(table, 'w:tr');
    for (const row of [key, header]) expect(row).toContain('<w:tblHeader/>');
    expect(key).toContain('<w:gridSpan w:val="31"/>');
    const keyText = docxText(key ?? '').replace(/\s+/gu, ' ');
    const roles = thirty.documents[0]?.roles ?? [];
    for (const id of roles) {
      const role = thirty.roles.find((r) => r.id === id);
      expect(keyText, id).toContain(`${role?.aliases[0]} ${role?.name}`);
    }
    for (const code of thirty.scheme.codes) expect(keyText).toContain(` ${code.code} ${code.label}`);
    expect(cells(header ?? '')).toEqual([
      'Activity',
      ...roles.map((id) => thirty.roles.find((r) => r.id === id)?.aliases[0]),
    ]);
    // Each short name still links to its role's section.
    expect(elements(header ?? '', 'w:hyperlink')).toHaveLength(30);
  });

  it('without short names, the same roles keep their rotated whole names, the codes’ key in the corner', async () => {
    const xml = await xmlOf(team(noAliases(thirty)));
    const [first] = matrices(xml);
    const [header] = elements(first ?? '', 'w:tr');
    expect(header).toContain('btLr');
    // No key row; the corner above "Activity" holds the key of the codes, repeated with the header.
    expect(elements(header ?? '', 'w:tc')).toHaveLength(16);
    const corner = elements(header ?? '', 'w:tc')[0] ?? '';
    expect(corner).toContain('MatrixKey');
    for (const code of thirty.scheme.codes) expect(docxText(corner)).toContain(code.label);
  });
});

describe('right-to-left role names', () => {
  // 8 roles: rotated headers, one of them Arabic, none with a short name of its own.
  let xml: string;
  let model: Model;
  beforeAll(async () => {
    model = noAliases(modelOf(teamFixture(8, 12).markdown, 'team.md'));
    xml = await xmlOf(team(model));
  });

  it('are never rotated: every header upright, made-up short names, unique', () => {
    const [table] = matrices(xml);
    expect(table).not.toContain('btLr');
    const header = elements(table ?? '', 'w:tr')[1] ?? '';
    const shorts = cells(header).slice(1);
    expect(shorts).toEqual(['PO', 'CDP', 'PRO', 'ΥΠ', 'РП', 'プロ', 'مم', 'SM']);
    expect(new Set(shorts).size).toBe(8);
  });

  it('are in the key whole, as right-to-left runs', () => {
    const [table] = matrices(xml);
    const key = elements(table ?? '', 'w:tr')[0] ?? '';
    for (const role of model.roles) expect(docxText(key)).toContain(role.name);
    const arabic = elements(key, 'w:r').find((r) => r.includes('مدير المنتج'));
    expect(arabic).toContain('<w:rtl/>');
  });

  it('a matrix of few roles keeps its upright whole names, Arabic ones too', async () => {
    const rtl = await load(['test/fixtures/rtl/team.md']);
    const [table] = matrices(await xmlOf(team(rtl)));
    expect(table).not.toContain('MatrixKey');
    expect(cells(elements(table ?? '', 'w:tr')[0] ?? '')).toContain('مدير المنتج');
  });
});

describe('density', () => {
  it('a 150 × 30 charter sets its rows dense; the example’s small matrix stays regular', async () => {
    const big = modelOf(teamFixture(30, 150).markdown, 'team.md');
    const ir = team(big);
    const block = ir.blocks.find((b) => b.type === 'matrix');
    if (block?.type !== 'matrix') throw new Error('no matrix');
    expect(planMatrix(block).density.name).not.toBe('regular');
    // The written table (the 30-role fixture's, smaller: rendering 150 × 30 takes seconds).
    const thirtyIr = team(thirty);
    const thirtyBlock = thirtyIr.blocks.find((b) => b.type === 'matrix');
    if (thirtyBlock?.type !== 'matrix') throw new Error('no matrix');
    const density = planMatrix(thirtyBlock).density;
    expect(density.name).not.toBe('regular');
    const [table] = matrices(await xmlOf(thirtyIr));
    expect(table).toContain(`w:val="${density.text}"`);
    expect(table).not.toContain('w:val="TableText"');
    const example = await load(['content']);
    const [small] = matrices(await xmlOf(team(example)));
    expect(small).toContain('w:val="TableText"');
    expect(small).not.toMatch(/TableText(Compact|Dense)/);
  });
});

describe('handout', () => {
  it('a compact title block, and short names over its few columns with the key', async () => {
    const m = modelOf(teamFixture(12, 60).markdown, 'team.md');
    const role = m.roles[2];
    const xml = await xmlOf(compose(m, { role: role?.id ?? '' }, { template: 'handout' }));
    expect(xml).toContain('w:val="TitleCompact"');
    expect(xml).toContain('w:val="CoverMetaCompact"');
    expect(xml).not.toContain('<w:pStyle w:val="Title"/>');
    const [table] = matrices(xml);
    const header = cells(elements(table ?? '', 'w:tr')[1] ?? '');
    expect(header[1]).toBe(role?.aliases[0]);
    expect(header.at(-1)).toBe('Others');
    expect(docxText(elements(table ?? '', 'w:tr')[0] ?? '')).toContain(role?.name);
  });
});
