import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  importFile,
  importTable,
  load,
  loadText,
  type Model,
  parseCsv,
  readXlsx,
  renderCsv,
} from '../src/index.js';
import { cli } from './cli-helpers.js';
import { modelOf, tempDir } from './helpers.js';

/** What a CSV carries: the matrix, by names (ids and role descriptions are not in a spreadsheet). */
function matrixOf(model: Model) {
  const roleName = new Map(model.roles.map((r) => [r.id, r]));
  const title = new Map(model.documents.map((d) => [d.id, d.title]));
  return {
    documents: model.documents.map((d) => ({
      title: d.title,
      scheme: d.scheme.name,
      roles: d.roles.map((id) => ({ name: roleName.get(id)?.name, aliases: roleName.get(id)?.aliases })),
    })),
    activities: model.activities.map((a) => ({
      document: title.get(a.document),
      name: a.name,
      group: a.group,
      assignments: a.assignments.map((x) => ({
        role: roleName.get(x.role)?.name,
        codes: x.codes,
        note: x.note,
      })),
    })),
  };
}

/** Export to CSV, import it back, read the Markdown: the model the round trip gives. */
function roundTrip(model: Model): Model {
  const result = importTable(parseCsv(renderCsv(model)));
  return loadText(result.documents.map((d) => ({ file: d.fileName, text: d.markdown })));
}

describe('CSV round trip', () => {
  it('gives the same model for the example content', async () => {
    const model = await load(['content']);
    expect(matrixOf(roundTrip(model))).toEqual(matrixOf(model));
  });

  it('gives the same model for several documents, groups, notes and awkward text', () => {
    const model = loadText([
      { file: 'a.md', text: readFileSync('test/fixtures/diff/v1/team.md', 'utf8') },
      {
        file: 'b.md',
        text: '---\nscheme: RASCI\n---\n# Ops, "Night" | Shift\n\n## Roles\n\n### On-call Engineer (OCE)\n\n## RACI\n\n| Activity | OCE | SM |\n|---|---|---|\n| =Restart the *service* | A/R | S (pairs, "always") |\n| Write the post\\|mortem | A | C |\n',
      },
    ]);
    const back = roundTrip(model);
    // One table holds the roles of every document in one order of columns, so each document's
    // columns follow it: compare them as sets.
    const sorted = (m: Model) => {
      const x = matrixOf(m);
      const byName = (a: { name?: string; role?: string }, b: { name?: string; role?: string }) =>
        String(a.name ?? a.role).localeCompare(String(b.name ?? b.role));
      for (const d of x.documents) d.roles.sort(byName);
      for (const a of x.activities) a.assignments.sort(byName);
      return x;
    };
    expect(sorted(back)).toEqual(sorted(model));
    expect(model.diagnostics).toEqual([]);
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('exports one table with a column per role, guarded against spreadsheet formulas', () => {
    const csv = renderCsv(
      modelOf('## RACI\n\n| Activity | Dev | QA |\n|---|---|---|\n| =SUM(A1) | A/R | C (reviews, twice) |\n'),
    );
    expect(csv).toBe('Document,Activity,Dev,QA\r\ntest,\'=SUM(A1),R/A,"C (reviews, twice)"\r\n');
  });

  it('writes a golden CSV of the example with `rolemark export --format csv`', async () => {
    const r = await cli('export', 'content', '--format', 'csv');
    expect(r.code).toBe(0);
    const path = 'test/golden/product-roles.csv';
    if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, r.stdout);
    expect(r.stdout).toBe(readFileSync(path, 'utf8'));
    expect(
      (await cli('export', 'content', '--format', 'csv', '--bom')).stdout.startsWith('\uFEFFDocument,'),
    ).toBe(true);
  });
});

describe('CSV reader', () => {
  it('reads quotes, doubled quotes, line breaks in fields, CRLF and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,"b ""c""",d\r\n"x\ny",,z\r\n')).toEqual([
      ['a', 'b "c"', 'd'],
      ['x\ny', '', 'z'],
    ]);
  });

  it('detects ; and tab delimiters, as European spreadsheets and TSV write them', () => {
    expect(parseCsv('Activity;PM;PO\nPlan;A/R;"C; I"\n')).toEqual([
      ['Activity', 'PM', 'PO'],
      ['Plan', 'A/R', 'C; I'],
    ]);
    expect(parseCsv('Activity\tPM\nPlan\tA,R\n')).toEqual([
      ['Activity', 'PM'],
      ['Plan', 'A,R'],
    ]);
  });
});

describe('importing spreadsheet charts', () => {
  it('reads a title row, group rows, aliases in headers and a text column', () => {
    const csv = [
      'RACI chart: Website relaunch,,,',
      ',,,',
      'Task,Product Manager (PM),QA,Notes',
      'Planning,,,',
      'Define the scope,A/R,I,Signed off by the board',
      'Delivery,,,',
      'Test the release,A,R,',
    ].join('\n');
    const result = importTable(parseCsv(csv), { file: 'chart.csv' });
    expect(result.warnings).toEqual([
      'chart.csv: column "Notes" holds text rather than codes; kept as a text column',
    ]);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]?.markdown).toBe(
      [
        '# RACI chart: Website relaunch',
        '',
        '## Roles',
        '',
        '### Product Manager (PM)',
        '',
        '### QA',
        '',
        '## Responsibilities',
        '',
        '### Planning',
        '',
        '| Activity | PM | QA | Notes |',
        '|---|:-:|:-:|---|',
        '| Define the scope | A/R | I | Signed off by the board |',
        '',
        '### Delivery',
        '',
        '| Activity | PM | QA | Notes |',
        '|---|:-:|:-:|---|',
        '| Test the release | A | R |  |',
        '',
      ].join('\n'),
    );
  });

  it('detects the scheme from the codes, or takes the one given', () => {
    const csv = 'Activity,Lead,Helper\nBuild,A/R,S\n';
    const rasci = importTable(parseCsv(csv));
    expect(rasci.scheme).toBe('RASCI');
    expect(rasci.documents[0]?.markdown.startsWith('---\nscheme: RASCI\n---\n# Responsibilities\n')).toBe(
      true,
    );
    const daci = importTable(parseCsv('Decision,Ana,Ben\nPick a vendor,D,A\n'));
    expect(daci.scheme).toBe('DACI');
    expect(() => importTable(parseCsv(csv), { scheme: 'XYZ' })).toThrow('Unknown scheme `XYZ`');
  });

  it('says what it expected when a sheet holds no chart', () => {
    expect(() => importTable(parseCsv('Name,Email\nAna,ana@example.com\n'), { file: 'people.csv' })).toThrow(
      'No role columns in people.csv: expected columns named after roles, holding codes such as R, A, C, I',
    );
    expect(() => importTable([], { file: 'empty.csv' })).toThrow('No table in empty.csv');
  });
});

describe('XLSX', () => {
  it('reads a workbook written by another program, finding the sheet that holds the chart', async () => {
    const result = await importFile('test/fixtures/import/relaunch.xlsx');
    const model = loadText(result.documents.map((d) => ({ file: d.fileName, text: d.markdown })));
    expect(model.documents.map((d) => d.title)).toEqual(['Website relaunch RACI']);
    expect(model.activities.map((a) => [a.group, a.name])).toEqual([
      ['Planning', 'Define the scope'],
      ['Planning', 'Plan the sprints'],
      ['Delivery', 'Test the release'],
      ['Delivery', 'Ship the release'],
    ]);
    const ship = model.activities.find((a) => a.name === 'Ship the release');
    expect(ship?.assignments.map((x) => [x.role, x.codes, x.note])).toEqual([
      ['product-manager', ['I'], undefined],
      ['product-owner', ['R', 'A'], undefined],
      ['qa-engineer', ['C'], 'checks the rollout'],
    ]);
    expect(result.documents[0]?.markdown).toContain('| Includes "smoke" tests & \\<load> tests |');
    // The text column reads back as the rows' notes, not as a role.
    expect(model.roles.map((r) => r.name)).toEqual(['Product Manager', 'Product Owner', 'QA Engineer']);
    expect(model.activities.map((a) => a.meta?.Notes ?? null)).toEqual([
      'Signed off by the board',
      null,
      'Includes "smoke" tests & <load> tests',
      null,
    ]);
  });

  it('reads shared strings with rich text, numbers and booleans, and names the sheets it has', async () => {
    const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8"?>${s}`);
    const book = zipSync({
      '[Content_Types].xml': xml('<Types/>'),
      'xl/workbook.xml': xml(
        '<workbook xmlns:r="r"><sheets><sheet name="Chart &amp; notes" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': xml(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
      ),
      'xl/styles.xml': xml('<styleSheet/>'),
      'xl/sharedStrings.xml': xml(
        '<sst><si><t>Activity</t></si><si><r><t>Dev</t></r><r><rPr/><t xml:space="preserve">elop</t></r><r><t>er</t></r><rPh><t>ruby</t></rPh></si><si><t>A/R</t></si></sst>',
      ),
      'xl/worksheets/s1.xml': xml(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="str"><v>Ship &lt;v2&gt;</v></c><c r="B3"><v>42</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="b"><v>1</v></c></row></sheetData></worksheet>',
      ),
    });
    const sheet = await readXlsx(book);
    expect(sheet.name).toBe('Chart & notes');
    // read-excel-file gives the grid whole: short rows and blank rows padded, in place.
    expect(sheet.rows).toEqual([
      ['Activity', '', 'Developer', ''],
      ['', '', '', ''],
      ['Ship <v2>', '42', 'A/R', 'TRUE'],
    ]);
    await expect(readXlsx(book, 'Other')).rejects.toThrow(
      'No sheet named "Other"; the workbook has "Chart & notes"',
    );
    await expect(readXlsx(strToU8('PK not a zip'))).rejects.toThrow('Not an Excel workbook');
  });
});

describe('rolemark import', () => {
  const CSV = 'Document,Activity,Dev,QA\nAlpha,Build,A/R,C\nBeta,Test,I,A/R\n';

  it('prints one document to standard output, and checks it', async () => {
    const dir = tempDir();
    const file = join(dir, 'chart.csv');
    writeFileSync(file, 'Activity,Dev,QA\nBuild,A/R,C\n');
    const r = await cli('import', file, '--title', 'Delivery');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Delivery\n');
    expect(r.stderr).toBe(
      `${file}  warning  Unexpected QA as only Consulted on 1 activity, expected Accountable (A) or Responsible (R) on at least 1  role-no-ownership\nImported 1 activity and 2 roles (RACI): 0 errors, 1 warning, 0 infos\n`,
    );
  });

  it('writes one file per document into a folder, and never overwrites without --force', async () => {
    const dir = tempDir();
    const file = join(dir, 'org.csv');
    writeFileSync(file, CSV);
    const out = join(dir, 'content');
    expect((await cli('import', file)).stderr).toContain(
      'holds 2 documents (Alpha, Beta); name a folder for them with --out',
    );
    const r = await cli('import', file, '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'alpha.md'), 'utf8')).toContain('| Build | A/R | C |');
    expect(readFileSync(join(out, 'beta.md'), 'utf8')).toContain('| Test | I | A/R |');
    const again = await cli('import', file, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('alpha.md` exists; pass --force to overwrite it');
    expect((await cli('import', file, '--out', out, '--force')).code).toBe(0);
    // What was imported builds.
    expect((await cli('check', out)).code).toBe(0);
  });

  it('reports a missing file clearly', async () => {
    const r = await cli('import', 'no/such.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rolemark: Cannot read `no/such.csv`: no such file\n');
  });
});
