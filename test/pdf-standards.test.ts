import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, compose, loadText } from '../src/index.js';
import type { DocumentIR, HeadingBlock, MatrixBlock } from '../src/ir/types.js';
import { creationDate, type RenderWarning, renderPdf } from '../src/render/pdf/index.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { pdfFonts, pdfText, run, tempDir } from './helpers.js';
import { allText, pdfWords, renderTeam, type StructNode, structTree, walk } from './pdf-helpers.js';

const NOTO = existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
const EXAMPLE = readFileSync('content/product-roles.md', 'utf8');
const info = (path: string) => run('pdfinfo', [path]);
/** The PDF rewritten uncompressed by qpdf, to read its dictionaries. */
const qdf = (path: string) => {
  const out = join(tempDir(), 'qdf.pdf');
  run('qpdf', ['--qdf', '--object-streams=disable', path, out]);
  return readFileSync(out, 'latin1');
};

interface Outline {
  title: string;
  kids: Outline[];
}
const outlineTitles = (path: string): string[] => {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', path])) as { outlines: Outline[] };
  const titles: string[] = [];
  const visit = (items: Outline[]) => {
    for (const item of items) {
      titles.push(item.title);
      visit(item.kids);
    }
  };
  visit(json.outlines);
  return titles;
};

describe('the team charter PDF', () => {
  let team: Awaited<ReturnType<typeof renderTeam>>;
  let tree: StructNode;

  beforeAll(async () => {
    team = await renderTeam(EXAMPLE, {}, 'content/product-roles.md');
    tree = structTree(team.path);
  });

  it('passes qpdf --check, with only embedded, subsetted fonts', () => {
    expect(run('qpdf', ['--check', team.path])).toContain('No syntax or stream encoding errors');
    const fonts = pdfFonts(team.path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.embedded, font.name).toBe(true);
    for (const line of run('pdffonts', [team.path])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim()))
      expect(line, 'subset').toMatch(/^[A-Z]{6}\+/);
  });

  it('is tagged, with the language and the title displayed', () => {
    expect(info(team.path)).toMatch(/Tagged:\s+yes/);
    const raw = qdf(team.path);
    expect(raw).toContain('/Lang (en)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toMatch(/\/Marked true/);
  });

  it('carries the metadata: title, author (owner), subject, keywords (role names), creator', () => {
    const text = info(team.path);
    expect(text).toMatch(/Title:\s+Product Manager and Product Owner/);
    expect(text).toMatch(/Author:\s+Head of Product/);
    expect(text).toMatch(/Subject:\s+Team charter: Product Manager and Product Owner/);
    expect(text).toMatch(/Keywords:\s+RACI, Product Manager, Product Owner, Development Team/);
    expect(text).toMatch(/Creator:\s+rolemark/);
  });

  it('has a structure tree of headings, paragraphs, lists and tables with header scope', () => {
    const types = new Set([...walk(tree)].map((n) => n.type));
    for (const type of [
      'Document',
      'H1',
      'H2',
      'H3',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'TR',
      'TH',
      'TD',
      'TOC',
      'TOCI',
      'Link',
    ])
      expect(types, type).toContain(type);
    const matrix = team.ir.blocks.find((b): b is MatrixBlock => b.type === 'matrix') as MatrixBlock;
    const table = [...walk(tree)].find(
      (n) => n.type === 'Table' && n.children.some((tr) => allText(tr).join(' ').includes('Activity')),
    );
    const header = table?.children[0];
    expect(header?.children.every((th) => th.type === 'TH' && th.attrs.includes('/Scope /Column'))).toBe(
      true,
    );
    expect(header?.children.map((th) => allText(th).join(' '))).toEqual([
      'Activity',
      ...matrix.columns.map((c) => c.name),
    ]);
    // Each activity row is headed by its name.
    const rows =
      table?.children.slice(1).filter((tr) => tr.children.length === matrix.columns.length + 1) ?? [];
    expect(rows.map((tr) => allText(tr.children[0] as StructNode).join(' '))).toEqual(
      matrix.rows.flatMap((r) => (r.type === 'activity' ? [r.name] : [])),
    );
    for (const tr of rows) expect(tr.children[0]?.attrs).toContain('/Scope /Row');
  });

  it('bookmarks every heading, pointing at it', () => {
    const headings = team.ir.blocks.filter((b): b is HeadingBlock => b.type === 'heading').map((h) => h.text);
    expect(outlineTitles(team.path)).toEqual(['Product Manager and Product Owner', ...headings]);
  });

  it('links role names in the matrix to the role sections', () => {
    const raw = qdf(team.path);
    const matrix = team.ir.blocks.find((b): b is MatrixBlock => b.type === 'matrix') as MatrixBlock;
    for (const col of matrix.columns) {
      expect(col.ref).toBeDefined();
      expect(raw, col.name).toContain(`/D (${col.ref})`);
      // The destination exists.
      expect(raw).toContain(`(${col.ref})`);
    }
  });

  it('prints the running header from page 2 on, and Page X of Y on every page', () => {
    const pages = pdfText(team.path)
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      if (i > 0) expect(page.trimStart().startsWith('Product Manager and Product Owner')).toBe(true);
    }
  });
});

describe('reproducible output', () => {
  it('gives byte-identical PDFs for the same input', async () => {
    const model = loadText([{ file: 'team.md', text: EXAMPLE }]);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' });
    const [a, b] = [await renderPdf(ir), await renderPdf(ir)];
    expect(a.equals(b)).toBe(true);
  });

  it('gives a document the same text and bytes whatever was rendered before it in the process', async () => {
    // Fonts are parsed once per process. A fontkit font object shared between documents once
    // made one document's text layer depend on another's (seen in pdf-layout.test.ts, where the
    // 40-role charter follows the 30-role one: “Executive” read back as “E” + “xecutive”).
    await renderTeam(EXAMPLE);
    const small = teamFixture(40, 12).markdown;
    const after = await renderTeam(small);
    const words = pdfWords(after.path).flatMap((p) => p.words.map((w) => w.text));
    expect(words).toContain('Executive');
    expect(words).not.toContain('xecutive');
    await renderTeam(readFileSync('test/fixtures/pdf/team-30.md', 'utf8').slice(0, 4000));
    expect((await renderTeam(small)).pdf.equals(after.pdf)).toBe(true);
  });

  it('builds byte-identical PDFs twice with SOURCE_DATE_EPOCH, dated from it', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1764288000'; // 2025-11-28
    try {
      const dirs = [join(tempDir(), 'a'), join(tempDir(), 'b')];
      for (const out of dirs) expect((await build(['content'], { out, formats: ['pdf'] })).ok).toBe(true);
      const files = readdirSync(join(dirs[0] as string, 'roles'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of ['product-roles/charter.pdf', ...files.map((f) => `roles/${f}`)]) {
        const [a, b] = dirs.map((d) => readFileSync(join(d, f)));
        expect((a as Buffer).equals(b as Buffer), f).toBe(true);
      }
      expect(info(join(dirs[0] as string, 'product-roles/charter.pdf'))).toMatch(
        /CreationDate:\s+Fri Nov 28 00:00:00 2025 UTC/,
      );
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('takes the date from the document, else SOURCE_DATE_EPOCH, never the clock', () => {
    const ir = { meta: { date: '2026-11-28' } } as DocumentIR;
    expect(creationDate(ir, {}, {}).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    const undated = { meta: { date: null } } as unknown as DocumentIR;
    expect(creationDate(undated, {}, { SOURCE_DATE_EPOCH: '0' }).toISOString()).toBe(
      '1970-01-01T00:00:00.000Z',
    );
    expect(creationDate(undated, {}, {}).toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });
});

describe('PDF/A-2b', () => {
  it('identifies itself in well-formed XMP and has an sRGB output intent', async () => {
    const text = EXAMPLE.replace('title: Product Manager and Product Owner', 'title: R&D <Platform> team');
    const team = await renderTeam(text, { pdfa: true });
    expect(run('qpdf', ['--check', team.path])).toContain('No syntax or stream encoding errors');
    const raw = qdf(team.path);
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toContain('/DestOutputProfile');
    // The XMP agrees with the Info dictionary and stays well-formed XML.
    expect(raw).toContain('R&amp;D &lt;Platform&gt; team');
    expect(raw).toContain('<xmp:ModifyDate>');
    expect(raw).toContain('<pdf:Producer>');
    expect(info(team.path)).toMatch(/Title:\s+R&D <Platform> team/);
    for (const font of pdfFonts(team.path)) expect(font.embedded).toBe(true);
  });
});

describe('fonts and scripts', () => {
  const team = (roleName: string, activity: string) => `# Team

## Roles
### ${roleName} (X)
Does things.
### Reader (RD)
Reads.

## Responsibilities
| Activity | X | RD |
|---|---|---|
| ${activity} | A/R | I |
`;

  it('warns about a character that no font has, naming the text, and the build reports it', async () => {
    const warnings: RenderWarning[] = [];
    await renderTeam(team('Scribe 𓀀', 'Carve the stele'), { onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => [w.ruleId, w.char, w.text])).toContainEqual([
      'missing-glyph',
      '𓀀',
      'Scribe 𓀀',
    ]);
    const dir = tempDir();
    const file = join(dir, 'team.md');
    writeFileSync(file, team('Scribe 𓀀', 'Carve the stele'));
    const result = await build([file], { out: join(dir, 'out'), formats: ['pdf'] });
    const d = result.diagnostics.find((x) => x.ruleId === 'missing-glyph');
    expect(d).toMatchObject({ severity: 'warning', file, line: 4 });
    expect(d?.message).toContain('Scribe 𓀀');
    // Like every rule, its severity is the configuration's: off drops it, error raises it.
    const off = await build([file], {
      out: join(dir, 'off'),
      formats: ['pdf'],
      rules: { 'missing-glyph': 'off' },
    });
    expect(off.diagnostics.filter((x) => x.ruleId === 'missing-glyph')).toEqual([]);
    const raised = await build([file], {
      out: join(dir, 'raised'),
      formats: ['pdf'],
      rules: { 'missing-glyph': 'error' },
    });
    expect(raised.diagnostics.find((x) => x.ruleId === 'missing-glyph')?.severity).toBe('error');
  });

  it('falls back per glyph: Japanese from Noto CJK when installed, a warning without it', async () => {
    const warnings: RenderWarning[] = [];
    const none = await renderTeam(team('品質保証担当', 'リリース計画の承認'), {
      fallbackFonts: [],
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.length).toBeGreaterThan(0);
    expect(pdfFonts(none.path).every((f) => /DejaVu/.test(f.name))).toBe(true);
    if (!NOTO) return;
    const withNoto: RenderWarning[] = [];
    const cjk = await renderTeam(team('品質保証担当', 'リリース計画の承認'), {
      onWarning: (w) => withNoto.push(w),
    });
    expect(withNoto).toEqual([]);
    expect(pdfFonts(cjk.path).map((f) => f.name)).toContainEqual(expect.stringMatching(/NotoSansCJKjp/));
    expect(pdfText(cjk.path)).toContain('品質保証担当');
  });

  it('sets Arabic right to left in visual order, and keeps Greek, Cyrillic and accents', async () => {
    const doc = await renderTeam(
      team('مدير المنتج', 'Υπεύθυνος ελέγχου — Руководитель — Qualitätsprüfung, Sécurité'),
    );
    const text = pdfText(doc.path, false);
    expect(text).toContain('مدير المنتج');
    expect(text).toContain('Υπεύθυνος ελέγχου — Руководитель — Qualitätsprüfung, Sécurité');
  });
});

describe('role charters', () => {
  it('fit on at most two pages for the example roles, with collaborators and their counts', async () => {
    const out = join(tempDir(), 'out');
    const result = await build(['content'], { out, formats: ['pdf'] });
    for (const role of result.model.roles) {
      const path = join(out, 'roles', `${role.id}.pdf`);
      expect(Number(/Pages:\s+(\d+)/.exec(info(path))?.[1]), role.name).toBeLessThanOrEqual(2);
      expect(pdfText(path, false)).toMatch(/Collaborators[\s\S]*\d+ shared activit/);
    }
  });
});
