import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import { en, labelsFor } from '../src/lang/labels.js';
import { docxParts } from './docx-helpers.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { docxPart, docxText, modelOf, pdfText, run, tempDir } from './helpers.js';
import { pdfWords } from './pdf-helpers.js';

/**
 * The documents HR attaches and prints (issue 14): no activity twice, no machine paths, a switch
 * for the source line. Each check reads the rendered file back.
 */

const model = await load(['content']);
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

function pdfPages(bytes: Buffer): number {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
}

describe('role charter: each activity once, with all its codes', () => {
  it('the Product Manager’s A/R activities are listed once, under "Owns and does", on one page', async () => {
    const ir = compose(model, { role: 'product-manager' });
    const pdf = await render(ir, 'pdf');
    const text = words(pdfText(pdf, false));
    expect(text).toContain('Owns and does (7)');
    expect(text).not.toContain('Accountable for (7)');
    expect(text).not.toContain('Responsible for (7)');
    for (const a of model.activities) expect(text.split(a.name).length - 1, a.name).toBeLessThanOrEqual(1);
    expect(pdfPages(pdf)).toBe(1);
    const docx = words(docxText(docxPart(await render(ir, 'docx'))));
    expect(docx).toContain('Owns and does (7)');
    for (const a of model.activities) expect(docx.split(a.name).length - 1, a.name).toBeLessThanOrEqual(1);
  });
});

describe('source paths in footers', () => {
  it('a source outside the project prints from its content folder, never absolute', async () => {
    const dir = join(tempDir(), 'équipe');
    mkdirSync(dir);
    writeFileSync(join(dir, 'produit.md'), readFileSync('content/product-roles.md', 'utf8'));
    const outside = await load([dir]);
    expect(outside.documents[0]?.file.startsWith('/')).toBe(true);
    const team = compose(outside, { document: outside.documents[0]?.id ?? '' });
    const role = compose(outside, { role: 'product-owner' }, { template: 'role-charter' });
    for (const ir of [team, role]) {
      expect(ir.footer).toContain('Source: équipe/produit.md');
      const pdf = words(pdfText(await render(ir, 'pdf'), false));
      expect(pdf).toContain('Source: équipe/produit.md');
      expect(pdf).not.toContain(dir);
      const docx = await render(ir, 'docx');
      expect(docxPart(docx, 'word/footer1.xml')).not.toContain(dir);
      expect(docxPart(docx, 'docProps/core.xml')).not.toContain(dir);
    }
  });

  it('a theme with `source: false` leaves the source line out of every footer', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'templates/themes'), { recursive: true });
    writeFileSync(join(root, 'templates/themes/hr.yaml'), 'name: hr\nextends: default\nsource: false\n');
    const team = compose(model, { document: 'product-roles' }, { theme: 'hr', root });
    const role = compose(model, { role: 'product-owner' }, { template: 'role-charter', theme: 'hr', root });
    expect(team.footer).toBe('Version 1.0');
    expect(role.footer).toBe('Version 1.0');
    const pdf = words(pdfText(await render(role, 'pdf'), false));
    expect(pdf).not.toContain('Source');
    expect(pdf).not.toContain('product-roles.md');
  });
});

describe('DOCX combined cells', () => {
  it('an A/R cell shows both codes’ colours, each letter shaded with its own', async () => {
    const ir = compose(model, { document: 'product-roles' });
    const matrix = ir.blocks.find((b) => b.type === 'matrix');
    if (matrix?.type !== 'matrix') throw new Error('no matrix');
    const colour = (code: string) =>
      matrix.codes
        .find((c) => c.code === code)
        ?.color.replace('#', '')
        .toUpperCase();
    const xml = docxPart(await render(ir, 'docx'));
    const table =
      (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).find((t) => t.includes('RolemarkMatrix')) ?? '';
    const cells = (table.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).filter(
      (c) =>
        (c.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('') ===
        'R/A',
    );
    expect(cells.length).toBe(12);
    for (const cell of cells) {
      const fills = [...cell.matchAll(/<w:shd [^>]*w:fill="([0-9A-F]{6})"/g)].map((m) => m[1]);
      expect(fills).toEqual([colour('R'), colour('A')]);
    }
  });
});

describe('matrix poster: the smallest sheet that holds the chart, tiled only past A0', () => {
  const poster = (roles: number, activities: number) => {
    const m = modelOf(teamFixture(roles, activities).markdown, 'team.md');
    return compose(m, { document: m.documents[0]?.id ?? '' }, { template: 'matrix-poster' });
  };
  const sheetWords = (bytes: Buffer) => {
    const path = join(tempDir(), 'poster.pdf');
    writeFileSync(path, bytes);
    return { path, pages: pdfWords(path) };
  };

  it('the example stays on one A3 sheet, and says so under the legend', async () => {
    const ir = compose(model, { document: 'product-roles' }, { template: 'matrix-poster' });
    expect(ir.theme?.page.size).toBe('A3');
    const text = words(pdfText(await render(ir, 'pdf'), false));
    expect(text).toContain('Made to print on one sheet of A3 (420 × 297 mm).');
  });

  it('60 activities × 30 roles: one sheet, larger than A3, every row on it', async () => {
    const ir = poster(30, 60);
    expect(['A2', 'A1']).toContain(ir.theme?.page.size);
    const { path, pages } = sheetWords(await render(ir, 'pdf'));
    expect(pages).toHaveLength(1);
    const text = words(pdfText(path, false));
    expect(text).toContain(`Made to print on one sheet of ${ir.theme?.page.size}`);
    for (const n of [1, 30, 60]) expect(text).toMatch(new RegExp(`sprint ${n}\\b|\\b${n}\\b`));
    expect(text).not.toContain('Sheet 1 of');
  });

  it('150 × 8 does not fit A0 at a legible size: tiled, each sheet marked with its rows', async () => {
    const ir = poster(8, 150);
    expect(ir.theme?.page.size).toBe('A0');
    expect(ir.theme?.fontSize).toBeGreaterThanOrEqual(9.5);
    const { path, pages } = sheetWords(await render(ir, 'pdf'));
    const text = pdfText(path, false).split('\f');
    expect(words(text[0] ?? '')).toContain('Made to print on several sheets of A0');
    const marks = text
      .filter((t) => t.trim() !== '')
      .map((t) => /Sheet (\d+) of (\d+), rows (\d+)–(\d+)/.exec(words(t))?.slice(1).map(Number));
    expect(marks).toHaveLength(pages.length);
    expect(marks[0]?.[0]).toBe(1);
    expect(marks[0]?.[2]).toBe(1);
    expect(marks[marks.length - 1]?.[3]).toBe(150);
    marks.forEach((m, i) => {
      expect(m?.[0]).toBe(i + 1);
      expect(m?.[1]).toBe(pages.length);
      if (i > 0) expect(m?.[2]).toBe((marks[i - 1]?.[3] ?? 0) + 1);
    });
  });
});

describe('handout: the role’s rows, the other columns condensed', () => {
  it('30 roles: its column, the 4 most involved beside it and "Others" with the rest’s codes', async () => {
    const m = modelOf(teamFixture(30, 150).markdown, 'team.md');
    const role = m.roles[0];
    if (!role) throw new Error('no role');
    const ir = compose(m, { role: role.id }, { template: 'handout' });
    const matrix = ir.blocks.find((b) => b.type === 'matrix');
    if (matrix?.type !== 'matrix') throw new Error('no matrix');
    expect(matrix.columns.map((c) => c.name)).toHaveLength(6);
    expect(matrix.columns[0]?.roleId).toBe(role.id);
    expect(matrix.columns[5]?.name).toBe('Others');
    const shown = new Set(matrix.columns.map((c) => c.roleId));
    const rows = matrix.rows.filter((r) => r.type === 'activity');
    const involved = m.activities.filter((a) => a.assignments.some((x) => x.role === role.id));
    expect(rows.map((r) => r.name)).toEqual(involved.map((a) => a.name));
    for (const [i, row] of rows.entries()) {
      const a = involved[i];
      if (!a || row.type !== 'activity') continue;
      const rest = new Set(a.assignments.filter((x) => !shown.has(x.role)).flatMap((x) => x.codes));
      expect(new Set(row.cells[5]?.codes)).toEqual(rest);
    }
    // Read back: one portrait table, the columns' names in its header, fewer pages than before (4).
    const path = join(tempDir(), 'handout.pdf');
    writeFileSync(path, await render(ir, 'pdf'));
    const pages = pdfWords(path);
    expect(pages.every((p) => p.width < p.height)).toBe(true);
    expect(pages.length).toBeLessThanOrEqual(3);
    expect(words(pdfText(path, false))).toContain('Others');
  });

  it('a small chart keeps every column', () => {
    const ir = compose(model, { role: 'product-owner' }, { template: 'handout' });
    const matrix = ir.blocks.find((b) => b.type === 'matrix');
    expect(matrix?.type === 'matrix' && matrix.columns.map((c) => c.name)).toEqual([
      'Product Manager',
      'Product Owner',
      'Development Team',
    ]);
  });
});

describe('DOCX contents', () => {
  it('every entry has its page number, also after names Calibri has no widths for (Japanese, Arabic)', async () => {
    const m = modelOf(teamFixture(30, 40).markdown, 'team.md');
    const xml = docxPart(await render(compose(m, { document: m.documents[0]?.id ?? '' }), 'docx'));
    const fields = [
      ...xml.matchAll(
        /PAGEREF (_Toc\d+) \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/>(.*?)<w:fldChar w:fldCharType="end"/g,
      ),
    ];
    expect(fields.length).toBeGreaterThan(30);
    for (const [, id, result] of fields) expect(docxText(result ?? ''), id).toMatch(/^\d+$/);
  });
});

describe('file names HR can tell apart', () => {
  it('romanises ß, Greek, Cyrillic and Arabic; keeps a hash only where nothing transliterates', () => {
    const m = modelOf(
      [
        '# Team',
        '',
        '## Roles',
        '',
        ...[
          'Straßenbauleiterin',
          'Υπεύθυνος Προϊόντος',
          'Руководитель проекта',
          'مدير المنتج',
          '品質保証担当',
          'Zoë Müller',
        ].flatMap((n) => [`### ${n}`, '', `Purpose of ${n}.`, '']),
      ].join('\n'),
      'team.md',
    );
    expect(m.roles.map((r) => r.id)).toEqual([
      'strassenbauleiterin',
      'ypeythynos-proiontos',
      'rukovoditel-proekta',
      'mdyr-almntj',
      expect.stringMatching(/^role-[0-9a-z]{7}$/),
      'zoe-muller',
    ]);
  });
});

describe('DOCX right-to-left', () => {
  it('Arabic and Hebrew paragraphs and cells are right-to-left (w:bidi, w:rtl); Latin ones are not', async () => {
    const m = await load(['test/fixtures/rtl/team.md']);
    const xml = docxPart(await render(compose(m, { document: m.documents[0]?.id ?? '' }), 'docx'));
    const paragraphs = (xml.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
      text: docxText(p),
      bidi: p.includes('<w:bidi/>'),
      rtl: p.includes('<w:rtl/>'),
    }));
    const find = (s: string) => paragraphs.find((p) => p.text.startsWith(s));
    for (const s of ['هذا الميثاق', 'يركز على', 'אחראית על', 'تحديد رؤية', 'קביעת יעדי'])
      expect(find(s), s).toMatchObject({ bidi: true, rtl: true });
    for (const s of ['Helps the team.', 'Run the retrospective'])
      expect(find(s), s).toMatchObject({ bidi: false, rtl: false });
  });
});

describe('every label in the document’s language', () => {
  // Words of the English label table that a French, German or Spanish document must not print:
  // the English words minus those the language shares (Version, Total, Source…) and minus the
  // content's own words (this content is French).
  const englishWords = (other: Record<string, unknown>, content: string) => {
    const collect = (table: Record<string, unknown>, out: Set<string>) => {
      for (const value of Object.values(table)) {
        const texts =
          typeof value === 'string'
            ? [value]
            : typeof value === 'function'
              ? [String((value as (n: number, m: string) => string)(2, 'x'))]
              : value && typeof value === 'object'
                ? [JSON.stringify(Object.values(value))]
                : [];
        for (const t of texts) for (const w of t.toLowerCase().match(/\p{L}{2,}/gu) ?? []) out.add(w);
      }
      return out;
    };
    const theirs = collect(other, new Set());
    const ours = new Set(content.toLowerCase().match(/\p{L}{2,}/gu) ?? []);
    return [...collect(en as unknown as Record<string, unknown>, new Set())].filter(
      (w) => !theirs.has(w) && !ours.has(w) && !['pm', 'po', 'raci'].includes(w),
    );
  };

  for (const lang of ['fr', 'de', 'es'] as const) {
    it(`--lang ${lang}: no English label word in any built-in template, PDF or DOCX`, async () => {
      const source = readFileSync('test/fixtures/languages/equipe.md', 'utf8');
      const m = await load(['test/fixtures/languages/equipe.md']);
      const table = labelsFor(lang);
      if (!table) throw new Error(lang);
      const banned = englishWords(table as unknown as Record<string, unknown>, source);
      expect(banned).toEqual(expect.arrayContaining(['on', 'shared', 'activities', 'accountable', 'owns']));
      const doc = m.documents[0]?.id ?? '';
      const targets: [string, { document: string } | { role: string }][] = [
        ['team-charter', { document: doc }],
        ['matrix-poster', { document: doc }],
        ['role-charter', { role: m.roles[0]?.id ?? '' }],
        ['handout', { role: m.roles[1]?.id ?? '' }],
        ['job-description', { role: m.roles[0]?.id ?? '' }],
      ];
      for (const [template, target] of targets) {
        const ir = compose(m, target, { template, lang });
        const docx = docxParts(await render(ir, 'docx'));
        const texts = [
          pdfText(await render(ir, 'pdf'), false),
          ...Object.entries(docx)
            .filter(([part]) => /^word\/(document|footnotes|footer\d*|header\d*)\.xml$/.test(part))
            .map(([, xml]) => docxText(xml)),
        ];
        for (const text of texts) {
          const found = (text.toLowerCase().match(/\p{L}{2,}/gu) ?? []).filter((w) => banned.includes(w));
          expect(found, `${template}: ${[...new Set(found)].join(', ')}`).toEqual([]);
        }
      }
    });
  }
});

describe('French typography', () => {
  it('a narrow no-break space before the colon and inside « », in both writers', async () => {
    const m = await load(['test/fixtures/languages/equipe.md']);
    const ir = compose(m, { document: m.documents[0]?.id ?? '' }, { lang: 'fr' });
    const path = join(tempDir(), 'fr.pdf');
    writeFileSync(path, await render(ir, 'pdf'));
    // pdftotext reads the narrow space as a space: its width tells it apart.
    const all = pdfWords(path).flatMap((p) => p.words);
    const at = all.findIndex((w) => w.text === 'appelé');
    const [aussi, appele, colon] = all.slice(at - 1, at + 2);
    const space = (appele?.xMin ?? 0) - (aussi?.xMax ?? 0);
    const narrow = (colon?.xMin ?? 0) - (appele?.xMax ?? 0);
    expect(colon?.text).toBe(':');
    expect(narrow).toBeGreaterThan(0.5);
    expect(narrow).toBeLessThan(space * 0.8);
    expect(ir.blocks.some((b) => JSON.stringify(b).includes('Aussi appelé\u202f: CP'))).toBe(true);
    const docx = docxParts(await render(ir, 'docx'));
    expect(docxText(docx['word/footnotes.xml'] ?? '')).toContain(
      'Responsable technique sur «\u202fDéfinir la vision\u202f»\u202f: relit le brouillon',
    );
  });
});

describe('PDF contents of a wide team charter', () => {
  it('lists Workload and every role like the DOCX, fills page 1, right-to-left entries start at the left', async () => {
    const m = modelOf(teamFixture(30, 40).markdown, 'team.md');
    const path = join(tempDir(), 'charter.pdf');
    writeFileSync(path, await render(compose(m, { document: m.documents[0]?.id ?? '' }), 'pdf'));
    const first = pdfText(path, false).split('\f')[0] ?? '';
    expect(first).toContain('Workload by role');
    for (const role of m.roles.filter((r) => !/[\u0600-\u06ff]/u.test(r.name)))
      expect(first.replace(/\s+/g, ' '), role.name).toContain(role.name);
    const [page] = pdfWords(path);
    const starts = (page?.words ?? [])
      .filter((w) => ['Product', 'Chef', 'Scrum', 'مدير', 'ريدم', 'UX'].includes(w.text))
      .map((w) => ({ text: w.text, x: w.xMin }));
    const latin = starts.find((s) => s.text === 'Chef')?.x ?? 0;
    const arabic = starts.filter((s) => /[\u0600-\u06ff]/u.test(s.text));
    expect(arabic.length).toBeGreaterThan(0);
    for (const a of arabic) expect(Math.abs(a.x - latin)).toBeLessThan(30);
  });
});

describe('DOCX details', () => {
  it('no running header on the cover page (title page), the header from page 2 on', async () => {
    const docx = docxParts(await render(compose(model, { document: 'product-roles' }), 'docx'));
    const body = docx['word/document.xml'] ?? '';
    const sect = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(body)?.[0] ?? '';
    expect(sect).toContain('<w:titlePg/>');
    const first = /<w:headerReference w:type="first" r:id="(rId\d+)"/.exec(sect)?.[1];
    const rels = docx['word/_rels/document.xml.rels'] ?? '';
    const target = new RegExp(`Id="${first}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    expect(docxText(docx[`word/${target}`] ?? 'missing').trim()).toBe('');
    const defaults = /<w:headerReference w:type="default" r:id="(rId\d+)"/.exec(sect)?.[1];
    const main = new RegExp(`Id="${defaults}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    expect(docxText(docx[`word/${main}`] ?? '')).toContain('Product Manager and Product Owner');
  });

  it('print-mono colours the group rows too, not only the PDF', async () => {
    const ir = compose(model, { document: 'product-roles' }, { theme: 'print-mono' });
    const xml = docxPart(await render(ir, 'docx'));
    expect(xml).not.toContain('DCE5F0');
    expect(xml).toContain(`w:fill="${ir.theme?.colors.band.replace('#', '').toUpperCase()}"`);
  });
});

describe('DOCX horizontal role headers', () => {
  it('turn when a word of a name is wider than its column, instead of breaking inside it', async () => {
    const { matrixLayout } = await import('../src/render/docx/matrix.js');
    const short = ['PM', 'PO', 'Dev', 'QA', 'UX', 'Ops'];
    const long = [
      'Responsable du développement',
      'Architecte',
      'Communication',
      'Équipe',
      'Qualité',
      'Support',
    ];
    expect(matrixLayout(6, undefined, 1, short).rotated).toBe(false);
    expect(matrixLayout(6, undefined, 1, long).rotated).toBe(true);
    // Four columns are wide enough for "développement" whole.
    expect(matrixLayout(4, undefined, 1, long.slice(0, 4)).rotated).toBe(false);
  });
});

describe('DOCX poster', () => {
  it('a wide matrix on a landscape poster stays in its one section: no page with the title alone', async () => {
    const m = modelOf(teamFixture(30, 20).markdown, 'team.md');
    const ir = compose(m, { document: m.documents[0]?.id ?? '' }, { template: 'matrix-poster' });
    const xml = docxPart(await render(ir, 'docx'));
    expect(xml.match(/<w:pgSz /g)).toHaveLength(1);
    expect(xml).not.toContain('<w:br w:type="page"/>');
  });
});
