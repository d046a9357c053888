import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, load, loadText, render, renderMarkdown } from '../src/index.js';
import type { Activity, Model, Role } from '../src/model/types.js';
import { docxPart, docxTables, docxText, pdfText, run, tempDir } from './helpers.js';

/**
 * Every built-in template renders the example content to PDF and DOCX, and what it promises reads
 * back from both: the handout's rows, the job description's lists, the poster's matrix.
 */

let model: Model;
const pdf = new Map<string, string>();
const docx = new Map<string, Buffer>();
/** `pages × size` as pdfinfo reports them. */
const pages = new Map<string, string>();
function pdfPages(pdf: Buffer): string {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  const info = run('pdfinfo', [file]);
  return `${/Pages:\s+(\d+)/.exec(info)?.[1]} × ${/Page size:\s+(.*)/.exec(info)?.[1]}`;
}
const words = (s: string) => s.replace(/\s+/g, ' ').trim();
const held = (role: Role, code: string) =>
  model.activities.filter((a) => a.assignments.some((x) => x.role === role.id && x.codes.includes(code)));
const involved = (role: Role) =>
  model.activities.filter((a) => a.assignments.some((x) => x.role === role.id));

/** Renders one template for a target in both formats, keeping the PDF's text and the DOCX bytes. */
async function renderBoth(key: string, template: string, target: { role: string } | { document: string }) {
  const ir = compose(model, target, { template });
  const bytes = await render(ir, 'pdf');
  pdf.set(key, pdfText(bytes));
  pages.set(key, pdfPages(bytes));
  docx.set(key, await render(ir, 'docx'));
}

beforeAll(async () => {
  model = await load(['content']);
  for (const role of model.roles) {
    await renderBoth(`handout/${role.id}`, 'handout', { role: role.id });
    await renderBoth(`job-description/${role.id}`, 'job-description', { role: role.id });
  }
  await renderBoth('matrix-poster', 'matrix-poster', { document: 'product-roles' });
  await renderBoth('team-charter', 'team-charter', { document: 'product-roles' });
  await renderBoth('role-charter', 'role-charter', { role: 'product-owner' });
});

/** The codes of an activity's row as printed, in column order. */
function rowCodes(text: string, activity: Activity): string[] {
  const line = text.split('\n').find((l) => words(l).includes(activity.name));
  return words(words(line ?? '').split(activity.name)[1] ?? '')
    .split(' ')
    .filter((t) => /^[RACI]$/.test(t));
}
const expectedCodes = (a: Activity) =>
  model.documents[0]?.roles.flatMap((r) => a.assignments.find((x) => x.role === r)?.codes ?? []) ?? [];

describe('handout: one printed page per role', () => {
  it('fits on one page, with the role’s rows of the matrix, code for code', () => {
    for (const role of model.roles) {
      const text = pdf.get(`handout/${role.id}`) ?? '';
      expect(text.split('\f').filter((p) => p.trim() !== '').length, role.name).toBe(1);
      expect(words(text)).toContain('Responsibility matrix');
      expect(words(text)).toContain(role.name);
      for (const activity of involved(role))
        expect(rowCodes(text, activity), activity.name).toEqual(expectedCodes(activity));
      for (const activity of model.activities.filter((a) => !involved(role).includes(a)))
        expect(words(text)).not.toContain(activity.name);
    }
  });

  it('sets the role’s own column apart: tinted header and framed column, in both formats', () => {
    for (const role of model.roles) {
      const xml = docxPart(docx.get(`handout/${role.id}`) ?? Buffer.alloc(0));
      // The focus column's cells carry left and right borders in the accent colour.
      const framed = xml.match(/<w:tcBorders><w:left w:val="single" w:color="1F4E79" w:sz="12"\/>/g) ?? [];
      expect(framed.length, role.name).toBe(involved(role).length + 1);
    }
    // The team charter's matrix has no focus: no framed column.
    expect(docxPart(docx.get('team-charter') ?? Buffer.alloc(0))).not.toContain('w:sz="12"/><w:right');
  });

  it('DOCX: the matrix table holds exactly the role’s rows', () => {
    for (const role of model.roles) {
      const tables = docxTables(docxPart(docx.get(`handout/${role.id}`) ?? Buffer.alloc(0)));
      // The handout's short-named headers sit under a key row (docx-short-headers.test.ts).
      const matrix = tables
        .map((t) => (t[0]?.length === 1 && t[1]?.[0] === 'Activity' ? t.slice(1) : t))
        .find((t) => t[0]?.[0] === 'Activity');
      expect(matrix).toBeDefined();
      const names = (matrix ?? [])
        .slice(1)
        .filter((r) => r.length > 1)
        .map((r) => r[0]);
      expect(names).toEqual(involved(role).map((a) => a.name));
    }
  });
});

describe('job description: purpose, key responsibilities, decision rights, collaborators; no matrix', () => {
  it('lists the R’s under Key responsibilities once; Decision rights say what it signs off, not the list again', () => {
    for (const role of model.roles) {
      const key = `job-description/${role.id}`;
      const fromDocx = words(docxText(docxPart(docx.get(key) ?? Buffer.alloc(0))));
      for (const text of [words(pdf.get(key) ?? ''), fromDocx]) {
        const rights = text.indexOf('Decision rights');
        const duties = text.indexOf('Key responsibilities');
        const collaborators = text.indexOf('Collaborators');
        expect(text).toContain(role.name);
        expect(duties).toBeGreaterThan(0);
        for (const a of held(role, 'R'))
          expect(text.slice(duties, rights > 0 ? rights : undefined)).toContain(a.name);
        // Each activity once in the whole document.
        for (const a of involved(role)) expect(text.split(a.name).length - 1, a.name).toBeLessThanOrEqual(1);
        if (held(role, 'A').length > 0) {
          expect(rights).toBeGreaterThan(duties);
          const section = text.slice(rights, collaborators);
          for (const a of held(role, 'A').filter((x) => !held(role, 'R').includes(x)))
            expect(section).toContain(a.name);
          for (const a of held(role, 'R')) expect(section).not.toContain(a.name);
          expect(section).toMatch(/Signs off its own work/);
        } else expect(rights).toBe(-1);
        expect(text).not.toContain('Does the work'); // no legend, so no matrix either
      }
      expect(docxTables(docxPart(docx.get(key) ?? Buffer.alloc(0)))).toEqual([]);
    }
  });

  it('marks the key responsibilities it signs off when only some are', () => {
    const po = model.roles.find((r) => r.id === 'product-owner');
    const text = words(pdf.get('job-description/product-owner') ?? '');
    expect(po).toBeDefined();
    expect(text).toContain('Prioritise the product backlog — Delivery — signs off');
    expect(text).toContain('Communicate the product strategy and roadmap — Collaboration •');
    expect(text).toContain('Signs off its own work on the 5 key responsibilities marked “signs off”.');
    const pm = words(pdf.get('job-description/product-manager') ?? '');
    expect(pm).not.toContain('— signs off');
    expect(pm).toContain('Signs off its own work on every key responsibility above.');
  });
});

describe('matrix poster and the two charters', () => {
  it('poster: the legend and every row of the matrix, and nothing of the roles’ sections', () => {
    const text = pdf.get('matrix-poster') ?? '';
    expect(words(text)).toContain('Does the work');
    for (const activity of model.activities)
      expect(rowCodes(text, activity), activity.name).toEqual(expectedCodes(activity));
    expect(words(text)).not.toContain('Works from');
    const matrix = docxTables(docxPart(docx.get('matrix-poster') ?? Buffer.alloc(0))).find(
      (t) => t[0]?.[0] === 'Activity',
    );
    expect(matrix?.filter((r) => r.length > 1).length).toBe(model.activities.length + 1);
  });

  it('poster: one A3 landscape page in both formats', () => {
    expect(pages.get('matrix-poster')).toBe('1 × 1190.55 x 841.89 pts (A3)');
    const section = docxPart(docx.get('matrix-poster') ?? Buffer.alloc(0)).match(/<w:pgSz [^>]*>/g) ?? [];
    expect(section).toEqual(['<w:pgSz w:w="23811" w:h="16838" w:orient="landscape"/>']);
  });

  it('team and role charters render from their templates', () => {
    expect(words(pdf.get('team-charter') ?? '')).toContain('Workload by role');
    expect(words(docxText(docxPart(docx.get('role-charter') ?? Buffer.alloc(0))))).toContain(
      'Owns and does (5)',
    );
  });
});

describe('languages and schemes', () => {
  const source = readFileSync('content/product-roles.md', 'utf8');

  it('French content: the documents use the French labels, and translated code names', async () => {
    const fr = loadText([{ file: 'content/fr.md', text: source.replace('owner:', 'lang: fr\nowner:') }]);
    const team = compose(fr, { document: 'fr' });
    const text = words(pdfText(await render(team, 'pdf')));
    for (const label of [
      'Charge par rôle',
      'Matrice des responsabilités',
      'Réalisateur',
      'Approbateur',
      'Remarques',
      'Page 1 sur',
    ])
      expect(text).toContain(label);
    const role = docxText(docxPart(await render(compose(fr, { role: 'product-owner' }), 'docx')));
    expect(words(role)).toContain('Approuve et réalise (5)');
    expect(words(role)).toContain('Collaborateurs');
    const md = renderMarkdown(fr);
    expect(md).toContain('**R** = Réalisateur · **A** = Approbateur · **C** = Consulté · **I** = Informé');
    expect(md).toContain('| Activité | Product Manager |');
  });

  it('German and Spanish have every label', async () => {
    for (const [lang, words_] of [
      ['de', ['Team-Charta', 'Verantwortlichkeitsmatrix', 'Durchführend', 'Rolle', 'Summe']],
      ['es', ['Carta del equipo', 'Matriz de responsabilidades', 'Aprobador']],
    ] as const) {
      const m = loadText([
        { file: `content/${lang}.md`, text: source.replace('owner:', `lang: ${lang}\nowner:`) },
      ]);
      const text = words(docxText(docxPart(await render(compose(m, { document: lang }), 'docx'))));
      for (const w of words_) expect(text, lang).toContain(w);
    }
  });

  it('DACI content: the documents say Driver and Approver, and a role charter "Drives"', async () => {
    const daci = loadText([
      {
        file: 'content/pricing.md',
        text: '---\nscheme: DACI\n---\n# Pricing\n\n## Responsibilities\n\n| Decision | Lead | CFO |\n|---|---|---|\n| Set prices | D | A |\n',
      },
    ]);
    const team = words(pdfText(await render(compose(daci, { document: 'pricing' }), 'pdf')));
    for (const label of ['Driver', 'Approver', 'Contributor']) expect(team).toContain(label);
    const lead = words(pdfText(await render(compose(daci, { role: 'lead' }), 'pdf')));
    expect(lead).toContain('Drives (1)');
  });
});
