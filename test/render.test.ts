import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/index.js';
import type { Activity, Model } from '../src/model/types.js';
import { docxPart, docxTables, docxText, pdfFonts, pdfText, run, tempDir } from './helpers.js';

let out: string;
let model: Model;

beforeAll(async () => {
  out = join(tempDir(), 'out');
  const result = await build(['content'], { out });
  expect(result.ok).toBe(true);
  model = result.model;
});

const roleCharters = () => model.roles.map((r) => ({ role: r, base: join(out, 'roles', r.id) }));
const teamCharters = () => model.documents.map((d) => ({ doc: d, base: join(out, d.id, 'charter') }));
const activitiesOf = (docId: string) => model.activities.filter((a) => a.document === docId);
const codesInColumnOrder = (a: Activity, roles: string[]) =>
  roles.flatMap((r) => a.assignments.find((x) => x.role === r)?.codes ?? []);
/** pdftotext breaks lines and may hyphenate nothing, but it keeps words: compare words. */
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the example content builds every output', () => {
  it('writes a team charter per document, a charter per role, the matrix and the model', () => {
    const expected = [
      ...model.documents.flatMap((d) => [`${d.id}/charter.pdf`, `${d.id}/charter.docx`]),
      ...model.roles.flatMap((r) => [`roles/${r.id}.pdf`, `roles/${r.id}.docx`]),
      'matrix.md',
      'model.json',
    ];
    for (const file of expected) expect(() => readFileSync(join(out, file))).not.toThrow();
  });
});

describe('PDF', () => {
  it('passes qpdf --check and embeds every font (never the base-14 Helvetica)', () => {
    for (const file of [...teamCharters(), ...roleCharters()].map((x) => `${x.base}.pdf`)) {
      expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
      const fonts = pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, `${font.name} in ${file}`).toBe(true);
        expect(font.name).toMatch(/DejaVu/);
      }
    }
  });

  it('team charter: every role, activity and assignment reads back from the matrix, code for code', () => {
    for (const { doc, base } of teamCharters()) {
      const text = pdfText(`${base}.pdf`);
      const flat = words(text);
      for (const id of doc.roles) expect(flat).toContain(model.roles.find((r) => r.id === id)?.name);
      const lines = text.split('\n');
      for (const activity of activitiesOf(doc.id)) {
        const line = lines.find((l) => words(l).includes(activity.name));
        expect(line, activity.name).toBeDefined();
        const after = words(line ?? '').split(activity.name)[1] ?? '';
        const letters = after.split(' ').filter((t) => /^[RACI]$/.test(t));
        expect(letters, activity.name).toEqual(codesInColumnOrder(activity, doc.roles));
      }
      for (const a of activitiesOf(doc.id).flatMap((x) => x.assignments)) {
        if (a.note) expect(flat).toContain(a.note);
      }
      for (const section of doc.sections) expect(flat).toContain(section.title);
    }
  });

  it('team charter: page numbers and the repeated header', () => {
    for (const { base } of teamCharters()) {
      const pages = pdfText(`${base}.pdf`)
        .split('\f')
        .filter((p) => p.trim() !== '');
      for (const [i, page] of pages.entries())
        expect(words(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    }
  });

  it('role charters: each activity once, under the heading of all the codes the role holds on it', () => {
    const headingOf: Record<string, string> = {
      'A/R': 'Owns and does',
      A: 'Accountable for',
      R: 'Responsible for',
      C: 'Consulted on',
      I: 'Informed about',
    };
    for (const { role, base } of roleCharters()) {
      const flat = words(pdfText(`${base}.pdf`, false));
      expect(flat).toContain(role.name);
      const bySet = new Map<string, string[]>();
      for (const a of model.activities) {
        const codes = a.assignments.filter((x) => x.role === role.id).flatMap((x) => x.codes);
        if (codes.length === 0) continue;
        const key = ['A', 'R', 'C', 'I'].filter((c) => codes.includes(c)).join('/');
        bySet.set(key, [...(bySet.get(key) ?? []), a.name]);
        // Once: `A/R` cells used to list the activity under Accountable and again under Responsible.
        expect(flat.split(a.name).length - 1, `${role.name}: ${a.name}`).toBe(1);
      }
      for (const [key, names] of bySet) {
        const start = flat.indexOf(`${headingOf[key]} (${names.length})`);
        expect(start, `${role.name}: ${key}`).toBeGreaterThanOrEqual(0);
        for (const name of names) expect(flat.indexOf(name)).toBeGreaterThan(start);
      }
      if (!bySet.has('A')) expect(flat).not.toContain('Accountable for (');
    }
  });
});

describe('DOCX', () => {
  it('team charter: the matrix table reads back equal to the model, code for code', () => {
    for (const { doc, base } of teamCharters()) {
      const xml = docxPart(readFileSync(`${base}.docx`));
      const matrix = docxTables(xml).find((t) => t[0]?.[0] === 'Activity');
      const names = doc.roles.map((id) => model.roles.find((r) => r.id === id)?.name ?? id);
      const expected: string[][] = [['Activity', ...names]];
      let group: string | null = null;
      for (const a of activitiesOf(doc.id)) {
        if (a.group !== group && a.group !== null) expected.push([a.group]);
        group = a.group;
        expected.push([
          a.name,
          ...doc.roles.map((r) => (a.assignments.find((x) => x.role === r)?.codes ?? []).join('/')),
        ]);
      }
      expect(matrix).toEqual(expected);
      expect(xml).toContain('<w:tblHeader/>');
    }
  });

  it('uses real Word styles: Title, Heading 1-2 and the matrix table style', () => {
    const xml = docxPart(readFileSync(`${teamCharters()[0]?.base}.docx`));
    for (const style of ['Title', 'Heading1', 'Heading2', 'RolemarkMatrix'])
      expect(xml).toContain(`w:val="${style}"`);
    const styles = docxPart(readFileSync(`${teamCharters()[0]?.base}.docx`), 'word/styles.xml');
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'RolemarkMatrix'])
      expect(styles).toContain(`w:styleId="${id}"`);
  });

  it('role charters hold every activity of the role, and every note', () => {
    for (const { role, base } of roleCharters()) {
      const text = words(docxText(docxPart(readFileSync(`${base}.docx`))));
      expect(text).toContain(role.name);
      for (const a of model.activities) {
        const mine = a.assignments.find((x) => x.role === role.id);
        if (!mine) continue;
        expect(text).toContain(a.name);
        if (mine.note) expect(text).toContain(mine.note);
      }
    }
  });

  it('validates against the OOXML schema with 0 errors', async () => {
    const files = [`${teamCharters()[0]?.base}.docx`, `${roleCharters()[0]?.base}.docx`];
    for (const file of files) {
      const errors = await validate(new Uint8Array(readFileSync(file)), 'docx');
      expect(errors, file).toEqual([]);
    }
  });
});
