import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compose, load, loadText } from '../src/index.js';
import type { Model } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/index.js';
import { matrixLayout } from '../src/render/docx/matrix.js';
import { parseReferenceDocx } from '../src/render/docx/reference.js';
import { textWidth } from '../src/render/docx/styles.js';
import { cli } from './cli-helpers.js';
import { attr, docxParts, elements, zipTimes } from './docx-helpers.js';
import { docxTables, docxText, tempDir } from './helpers.js';

const THIRTY = 'test/fixtures/docx/thirty-roles.md';
const REFERENCE = 'test/fixtures/docx/reference.docx';

let example: Model;
let thirty: Model;
let exampleCharter: Buffer;
let exampleRole: Buffer;
let thirtyCharter: Buffer;
/** The same 30 roles without their short names: rotated whole names, in column groups. */
let thirtyPlain: Model;
let thirtyPlainCharter: Buffer;

const team = (model: Model) => compose(model, { document: model.documents[0]?.id ?? '' });
const names = (model: Model, ids: string[]) =>
  ids.map((id) => model.roles.find((r) => r.id === id)?.name ?? id);

beforeAll(async () => {
  vi.stubEnv('SOURCE_DATE_EPOCH', '');
  example = await load(['content']);
  thirty = await load([THIRTY]);
  exampleCharter = await renderDocx(team(example));
  exampleRole = await renderDocx(compose(example, { role: 'product-owner' }));
  thirtyCharter = await renderDocx(team(thirty));
  thirtyPlain = { ...thirty, roles: thirty.roles.map((r) => ({ ...r, aliases: [] })) };
  thirtyPlainCharter = await renderDocx(team(thirtyPlain));
  vi.unstubAllEnvs();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/**
 * The matrix as a model says it should read: header, group bands, codes in column order. With
 * `short`, the header holds the roles' short names (an abbreviated matrix).
 */
function expectedMatrix(model: Model, short = false): string[][] {
  const doc = model.documents[0];
  if (!doc) throw new Error('no document');
  const header = short
    ? doc.roles.map((id) => model.roles.find((r) => r.id === id)?.aliases[0] ?? id)
    : names(model, doc.roles);
  const rows: string[][] = [['Activity', ...header]];
  let group: string | null = null;
  for (const a of model.activities.filter((x) => x.document === doc.id)) {
    if (a.group !== group && a.group !== null) rows.push([a.group]);
    group = a.group;
    rows.push([
      a.name,
      ...doc.roles.map((r) => (a.assignments.find((x) => x.role === r)?.codes ?? []).join('/')),
    ]);
  }
  return rows;
}

/** The matrix tables of a document joined back into one, side by side: the activity column once. */
function readBackMatrix(xml: string): string[][] {
  // A column group's header cell also holds its caption ("Roles 1–15 of 30"), above "Activity".
  // An abbreviated matrix's first row is its key, a single cell over the whole table.
  const tables = docxTables(xml)
    .map((t) => (t[0]?.length === 1 && /Activity$/.test(t[1]?.[0] ?? '') ? t.slice(1) : t))
    // Under rotated names the corner above "Activity" holds the key of the codes too.
    .filter((t) => /(Roles \d+–\d+ of \d+)?Activity$/.test(t[0]?.[0] ?? ''))
    .map((t) => t.map((row, r) => (r === 0 ? ['Activity', ...row.slice(1)] : row)));
  const [first, ...rest] = tables;
  if (!first) return [];
  return first.map((row, r) =>
    row.length === 1 ? row : [...row, ...rest.flatMap((t) => (t[r] ?? []).slice(1))],
  );
}

describe('DOCX styles', () => {
  it('every paragraph names a style, and no run carries a direct font, size or colour', () => {
    for (const docx of [exampleCharter, exampleRole, thirtyCharter, thirtyPlainCharter]) {
      const parts = docxParts(docx);
      for (const [path, xml] of Object.entries(parts)) {
        if (!/^word\/(document|header\d+|footer\d+)\.xml$/.test(path)) continue;
        for (const p of elements(xml, 'w:p'))
          expect(p, path).toMatch(/^<w:p><w:pPr><w:pStyle w:val="[^"]+"\/>/);
        for (const rPr of elements(xml, 'w:rPr'))
          expect(rPr, path).not.toMatch(/<w:(rFonts|sz|szCs|color)\b/);
      }
      const footnotes = parts['word/footnotes.xml'] ?? '';
      for (const note of elements(footnotes, 'w:footnote').filter((n) => !/w:type=/.test(n)))
        expect(note).toContain('<w:pStyle w:val="FootnoteText"/>');
    }
  });

  it('every style the body uses is defined once, with the name Word gives its built-in style', () => {
    const parts = docxParts(thirtyCharter);
    const styles = parts['word/styles.xml'] ?? '';
    const ids = [...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(
      Object.entries(parts)
        .filter(([p]) => p.startsWith('word/') && p.endsWith('.xml') && p !== 'word/styles.xml')
        .flatMap(([, xml]) =>
          [...xml.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"/g)].map((m) => m[1]),
        ),
    );
    for (const id of used) expect(ids, `style ${id}`).toContain(id);
    for (const [id, name] of [
      ['Heading1', 'heading 1'],
      ['Heading2', 'heading 2'],
      ['Title', 'Title'],
      ['Subtitle', 'Subtitle'],
      ['Caption', 'caption'],
      ['ListBullet', 'List Bullet'],
      ['TOCHeading', 'TOC Heading'],
      ['Strong', 'Strong'],
      ['RolemarkMatrix', 'Rolemark Matrix'],
    ])
      expect(styles).toMatch(new RegExp(`w:styleId="${id}"><w:name w:val="${name}"/>`));
    expect(styles).toContain('<w:style w:type="character" w:styleId="Strong">');
  });
});

describe('DOCX matrix', () => {
  it('reads back equal to the model, code for code, across the column groups of 30 roles', () => {
    const xml = docxParts(thirtyPlainCharter)['word/document.xml'] ?? '';
    expect(readBackMatrix(xml)).toEqual(expectedMatrix(thirtyPlain));
    const short = docxParts(thirtyCharter)['word/document.xml'] ?? '';
    expect(readBackMatrix(short)).toEqual(expectedMatrix(thirty, true));
    expect(readBackMatrix(docxParts(exampleCharter)['word/document.xml'] ?? '')).toEqual(
      expectedMatrix(example),
    );
  });

  it('splits 30 roles into captioned groups of equal fixed widths in one landscape section', () => {
    const xml = docxParts(thirtyPlainCharter)['word/document.xml'] ?? '';
    // The composer decides the landscape section (compose/landscape.ts); the layout follows it.
    const layout = matrixLayout(30, undefined, 1, [], true);
    expect(layout.groups).toEqual([
      [0, 15],
      [15, 30],
    ]);
    const text = docxText(xml);
    expect(text).toContain('Roles 1–15 of 30');
    expect(text).toContain('Roles 16–30 of 30');
    const matrices = elements(xml, 'w:tbl').filter((t) => t.includes('w:val="RolemarkMatrix"'));
    expect(matrices).toHaveLength(2);
    for (const table of matrices) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid).toEqual([layout.activityWidth, ...Array(15).fill(layout.roleWidth)]);
      expect(grid.reduce((a, b) => a + b)).toBeLessThanOrEqual(textWidth(true));
      const rows = elements(table, 'w:tr');
      expect(rows[0]).toMatch(/<w:trHeight w:val="\d+" w:hRule="atLeast"\/>/);
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows[0]?.match(/<w:textDirection w:val="btLr"\/>/g)).toHaveLength(15);
      for (const row of rows) expect(row).toContain('<w:cantSplit/>');
      for (const band of rows.filter((r) => r.includes('GroupBand')))
        expect(band).toContain('<w:gridSpan w:val="16"/>');
    }
    // The landscape section ends right after the matrix: its sectPr is the first one, after the
    // second table, and the document ends in portrait.
    const sections = elements(xml, 'w:sectPr');
    expect(sections.map((s) => attr(s, 'w:orient'))).toEqual(['portrait', 'landscape', 'portrait']);
    const landscapeEnd = xml.indexOf(sections[1] ?? '');
    expect(xml.lastIndexOf('RolemarkMatrix', landscapeEnd)).toBeGreaterThan(xml.indexOf(sections[0] ?? ''));
  });

  it('shades each cell in its code colour, and turns cell notes into footnotes', () => {
    const parts = docxParts(thirtyCharter);
    const xml = parts['word/document.xml'] ?? '';
    const colours = new Map(thirty.scheme.codes.map((c) => [c.code, c.color.replace('#', '').toUpperCase()]));
    const cells = elements(xml, 'w:tc').filter(
      (c) => /w:val="TableCode(Compact|Dense)?"/.test(c) && /<w:t[^>]*>[A-Z/]+</.test(c),
    );
    expect(cells.length).toBeGreaterThan(100);
    for (const cell of cells.filter((c) => !c.includes('<w:gridSpan'))) {
      const first = /<w:t[^>]*>([A-Z])/.exec(cell)?.[1] ?? '';
      if (colours.has(first)) expect(attr(cell, 'w:fill')).toBe(colours.get(first));
    }
    const notes = thirty.activities.flatMap((a) => a.assignments.filter((x) => x.note).map((x) => x.note));
    expect(notes.length).toBeGreaterThan(3);
    expect(xml.match(/<w:footnoteReference w:id=/g)).toHaveLength(notes.length);
    const footnotes = docxText(parts['word/footnotes.xml'] ?? '');
    for (const note of notes) expect(footnotes).toContain(note);
  });

  it('has upright headers up to 6 roles, and one table in portrait up to 14', () => {
    expect(matrixLayout(3)).toMatchObject({ landscape: false, rotated: false, groups: [[0, 3]] });
    expect(matrixLayout(7)).toMatchObject({ landscape: false, rotated: true, groups: [[0, 7]] });
    // 14 roles is what the composer keeps portrait on A4 (columnsThatFit): one table still.
    expect(matrixLayout(14)).toMatchObject({ landscape: false, rotated: true, groups: [[0, 14]] });
    expect(matrixLayout(15, undefined, 1, [], true)).toMatchObject({ landscape: true, groups: [[0, 15]] });
    expect(matrixLayout(50, undefined, 1, [], true).groups).toHaveLength(3);
  });
});

describe('DOCX team charter', () => {
  it('has a TOC field pre-filled with every heading, linked, with page numbers', () => {
    const xml = docxParts(thirtyCharter)['word/document.xml'] ?? '';
    const sdt = elements(xml, 'w:sdt')[0] ?? '';
    expect(sdt).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(sdt).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    const headings = elements(xml, 'w:p')
      .filter((p) => /w:val="Heading[12]"/.test(p))
      .map((p) => docxText(p).trim());
    const entries = elements(sdt, 'w:p').filter((p) => p.includes('PAGEREF'));
    expect(
      entries.map((p) =>
        docxText(p)
          .trim()
          .replace(/\t\d*$/, ''),
      ),
    ).toEqual(headings);
    expect(headings).toContain('Chief Executive Officer');
    const bookmarks = new Set([...xml.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]));
    for (const entry of entries) {
      expect(bookmarks).toContain(attr(entry, 'w:anchor'));
      expect(docxText(entry)).toMatch(/\t\d+\n?$/);
    }
  });

  it('works out the same page numbers on the slimmed twin as on the whole document', async () => {
    // src/render/docx/estimate.ts: the estimate drops the matrices' code cells. The example, 30
    // roles in column groups, and a chart of 150 activities with notes whose matrix spans pages.
    const rows = Array.from({ length: 150 }, (_, i) => {
      const name = `Activity ${i + 1}${i % 7 === 0 ? ' with a much longer name that wraps onto a second line in the matrix' : ''}`;
      return `| ${name} | ${i % 3 === 0 ? 'A/R' : 'A'} | ${i % 11 === 0 ? 'C (reviews it)' : 'C'} | I | R |`;
    });
    const long = loadText([
      {
        file: 'long.md',
        text: `# Long\n\nIntro.\n\n## Responsibilities\n| Activity | W | X | Y | Z |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
      },
    ]);
    for (const ir of [team(example), team(thirty), team(long)]) {
      const slim = await renderDocx(ir, { modified: null, pageEstimate: 'docx' });
      const full = await renderDocx(ir, { modified: null, fullPageEstimate: true });
      expect(slim.equals(full), ir.meta.title).toBe(true);
      // Our own typesetter (pages/, the default) writes the same numbers, page count and all, on
      // these; how it compares with LibreOffice is test/docx-pages.e2e.test.ts's.
      const own = await renderDocx(ir, { modified: null });
      expect(own.equals(full), `${ir.meta.title}: our own estimate`).toBe(true);
    }
    // With a reference document whose heading 1 is numbered: the slimmed estimate works out no
    // list numbers (estimate.ts), docx's own does, and the bytes are still the same.
    const reference = parseReferenceDocx(new Uint8Array(readFileSync(REFERENCE)));
    const numbered = parseReferenceDocx(
      zipSync({
        'word/styles.xml': strToU8(
          (reference.styles ?? '').replace(
            /(<w:style [^>]*w:styleId="Heading1"[^>]*>[\s\S]*?<w:pPr>)/,
            '$1<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>',
          ),
        ),
      }),
    );
    expect(numbered.styles).toContain('<w:numId w:val="2"/>');
    for (const ref of [reference, numbered]) {
      const slim = await renderDocx(team(example), { modified: null, reference: ref });
      const full = await renderDocx(team(example), {
        modified: null,
        reference: ref,
        fullPageEstimate: true,
      });
      expect(slim.equals(full), 'with a reference document').toBe(true);
    }
    // The numbers are there: the long chart's role sections start pages after the contents.
    const xml = docxParts(await renderDocx(team(long), { modified: null }))['word/document.xml'] ?? '';
    const pages = elements(elements(xml, 'w:sdt')[0] ?? '', 'w:p')
      .filter((p) => p.includes('PAGEREF'))
      .map((p) => Number(/\t(\d+)\n?$/.exec(docxText(p))?.[1]));
    expect(Math.max(...pages)).toBeGreaterThan(3);
    // Docx's full estimate on three charters: half a minute on an idle machine, more under load.
  }, 180_000);

  it('links matrix role names to bookmarks on the role sections', () => {
    const xml = docxParts(thirtyPlainCharter)['word/document.xml'] ?? '';
    const bookmarks = new Set([...xml.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]));
    for (const anchor of [...xml.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1]))
      expect(bookmarks, `link to ${anchor}`).toContain(anchor);
    const header =
      elements(elements(xml, 'w:tbl').find((t) => t.includes('RolemarkMatrix')) ?? '', 'w:tr')[0] ?? '';
    const links = elements(header, 'w:hyperlink');
    expect(links).toHaveLength(15);
    const ceo = xml.indexOf('w:name="bm_role_chief_executive_officer"');
    expect(ceo).toBeGreaterThan(0);
    expect(xml.slice(ceo, ceo + 400)).toContain('Chief Executive Officer');
    expect(links[0]).toContain('w:anchor="bm_role_chief_executive_officer"');
  });

  it('repeats the title in the header and ends every page with "Page X of Y"', () => {
    const parts = docxParts(thirtyCharter);
    const headers = Object.keys(parts).filter((p) => /^word\/header\d+\.xml$/.test(p));
    const footers = Object.keys(parts).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    // One per section, and an empty one for the cover page (title page: no running header there).
    expect(headers.length).toBe(4);
    const empty = headers.filter((h) => docxText(parts[h] ?? '').trim() === '');
    expect(empty).toHaveLength(1);
    for (const h of headers.filter((x) => !empty.includes(x)))
      expect(docxText(parts[h] ?? '')).toContain('Platform Organisation');
    for (const f of footers) {
      const xml = parts[f] ?? '';
      expect(docxText(xml)).toContain('Page ');
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(xml).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    }
    expect(footers.some((f) => parts[f]?.includes('w:val="FooterLandscape"'))).toBe(true);
  });
});

describe('DOCX role charter', () => {
  it('lists responsibilities as bullets, not tables, so they paste into a job description', () => {
    const xml = docxParts(exampleRole)['word/document.xml'] ?? '';
    expect(xml).not.toContain('<w:tbl>');
    const bullets = elements(xml, 'w:p').filter((p) => p.includes('w:val="ListBullet"'));
    const held = example.activities.filter((a) => a.assignments.some((x) => x.role === 'product-owner'));
    expect(bullets.length).toBeGreaterThanOrEqual(held.length);
    for (const b of bullets)
      expect(b).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    const text = docxText(xml);
    for (const a of held) expect(text).toContain(a.name);
  });
});

describe('DOCX core properties', () => {
  it('sets title, subject, creator, keywords, description and language', () => {
    const parts = docxParts(thirtyCharter);
    const core = parts['docProps/core.xml'] ?? '';
    expect(core).toContain('<dc:title>Platform Organisation</dc:title>');
    expect(core).toContain('<dc:subject>Team charter: Platform Organisation</dc:subject>');
    expect(core).toContain('<dc:creator>Chief Operating Officer</dc:creator>');
    expect(core).toMatch(/<cp:keywords>RACI, Chief Executive Officer, .*HR Business Partner<\/cp:keywords>/);
    expect(core).toContain('<dc:description>Team charter: Platform Organisation. Source: ');
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(parts['word/settings.xml']).toContain('<w:themeFontLang w:val="en-GB"/>');
    expect(parts['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="en-GB"/);
  });

  it('dates the document from SOURCE_DATE_EPOCH, else its own date, else not at all', async () => {
    const created = (docx: Uint8Array) =>
      /<dcterms:created xsi:type="dcterms:W3CDTF">([^<]+)</.exec(
        docxParts(docx)['docProps/core.xml'] ?? '',
      )?.[1];
    expect(created(thirtyCharter)).toBe('2026-03-01T00:00:00Z');
    expect(created(exampleCharter)).toBeUndefined();
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    expect(created(await renderDocx(compose(example, { role: 'product-owner' })))).toBe(
      '2023-11-14T22:13:20Z',
    );
  });
});

describe('DOCX reproducibility', () => {
  it('gives the same bytes for the same input, whatever the clock and what was rendered before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-04T12:34:56Z'));
    // Rendering something else first moves docx's shared bookmark counter on.
    await renderDocx(compose(example, { role: 'product-manager' }));
    const again = await renderDocx(team(thirty));
    expect(Buffer.compare(again, thirtyCharter)).toBe(0);
    vi.setSystemTime(new Date('1999-01-01T00:00:00Z'));
    expect(Buffer.compare(await renderDocx(compose(example, { role: 'product-owner' })), exampleRole)).toBe(
      0,
    );
  });

  it('zips every part with the same fixed time, [Content_Types].xml first', () => {
    const times = zipTimes(new Uint8Array(thirtyCharter));
    expect(times.length).toBe(Object.keys(docxParts(thirtyCharter)).length);
    // DOS date 1980-01-01 is (0 << 9) | (1 << 5) | 1.
    for (const t of times) expect(t).toEqual({ time: 0, date: 33 });
    expect(Buffer.from(thirtyCharter.subarray(30, 49)).toString()).toBe('[Content_Types].xml');
  });
});

describe('DOCX --reference-docx', () => {
  it("takes the reference's Heading 1 colour and theme font, and keeps rolemark's own styles it lacks", async () => {
    const reference = parseReferenceDocx(new Uint8Array(readFileSync(REFERENCE)));
    const parts = docxParts(await renderDocx(team(example), { reference }));
    const styles = parts['word/styles.xml'] ?? '';
    const heading1 = elements(styles, 'w:style').find((s) => s.includes('w:styleId="Heading1"')) ?? '';
    expect(heading1).toContain('<w:color w:val="C00000"/>');
    expect(heading1).toContain('w:asciiTheme="majorHAnsi"');
    expect(parts['word/theme/theme1.xml']).toMatch(/<a:majorFont><a:latin typeface="Georgia"/);
    for (const id of ['RolemarkMatrix', 'TableCode', 'GroupBand'])
      expect(styles).toContain(`w:styleId="${id}"`);
    const ids = [...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('matches a localised template by style name: heading 1 whose id is "berschrift1"', async () => {
    const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:next w:val="Standard"/>
    <w:pPr><w:outlineLvl w:val="0"/><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr><w:rPr><w:i/><w:b/><w:color w:val="00AA00"/></w:rPr></w:style>
</w:styles>`;
    const reference = parseReferenceDocx(zipSync({ 'word/styles.xml': strToU8(styles) }));
    const docx = await renderDocx(team(example), { reference });
    const parts = docxParts(docx);
    const out = parts['word/styles.xml'] ?? '';
    const heading1 = elements(out, 'w:style').find((s) => s.includes('w:styleId="Heading1"')) ?? '';
    expect(heading1).toContain('<w:color w:val="00AA00"/>');
    expect(heading1).toContain('<w:basedOn w:val="Normal"/>');
    expect(heading1).not.toContain('numPr');
    expect(out).not.toContain('berschrift1');
    expect(parts['word/document.xml']).toContain('<w:pStyle w:val="Heading1"/>');
  });

  it('the CLI option builds with it, and refuses a file that is not a Word document', async () => {
    const out = join(tempDir(), 'out');
    const ok = await cli(
      'build',
      'content',
      '--out',
      out,
      '--format',
      'docx',
      '--quiet',
      '--reference-docx',
      REFERENCE,
    );
    expect(ok.code).toBe(0);
    expect(docxParts(readFileSync(join(out, 'product-roles/charter.docx')))['word/styles.xml']).toContain(
      'C00000',
    );
    const missing = await cli('build', 'content', '--out', out, '--reference-docx', 'no/such.docx');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'rolemark: Cannot read the reference document `no/such.docx`: no such file\n',
    );
    const notDocx = await cli('build', 'content', '--out', out, '--reference-docx', 'README.md');
    expect(notDocx.code).toBe(2);
    expect(notDocx.stderr).toContain('is not a Word document');
  });
});
