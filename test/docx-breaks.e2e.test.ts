import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, render } from '../src/index.js';
import { sofficeToPdf } from './docx-helpers.js';
import { latinRoles, noAliases } from './docx-matrix-read.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf, run, tempDir } from './helpers.js';

/**
 * Page breaks in the DOCX as LibreOffice lays it out (issue 14, item 8): no heading ends a page,
 * and no role's last line ("Reports to") sits alone at the top of a page. Charts of 40 short role
 * sections whose purposes grow by a sentence from one variant to the next put the page boundary
 * at every place in a section. Every other variant has the team charter's role section, with its
 * aliases line: four paragraphs kept together (heading, aliases, purpose, fields).
 */

const SENTENCE = 'Keeps the service healthy and answers for it in the weekly review with the wider team. ';
const VARIANTS = 10;

function chart(variant: number): string {
  const roles = Array.from({ length: 40 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const purpose = SENTENCE.repeat(((i * 7 + variant * 3) % 5) + 1).trim();
    return `### Warden ${n} (W${n})\n\n${purpose}\n\n- **Focus:** Area ${n}\n- **Reports to:** Director ${n}\n`;
  });
  return `# Wardens ${variant}\n\n## Roles\n\n${roles.join('\n')}\n## Responsibilities\n\n| Activity | W01 |\n|---|---|\n| Patrol | A/R |\n`;
}

const TEMPLATE = `---
name: role-sections
per: document
formats: [docx]
---

:::roles
### {{role.name}}

::purpose

::fields
:::
`;
/** The team charter's role section (templates/team-charter.md): the aliases line under the heading. */
const TEMPLATE_ALIASES = TEMPLATE.replace('::purpose', '::aliases\n\n::purpose');

let pages: string[][] = [];
/** The 30-role team charter's pages, as text. */
let wide: string[] = [];

beforeAll(async () => {
  const dir = tempDir('rolemark-breaks-');
  const template = join(dir, 'role-sections.md');
  writeFileSync(template, TEMPLATE);
  const withAliases = join(dir, 'role-sections-aliases.md');
  writeFileSync(withAliases, TEMPLATE_ALIASES);
  const files: string[] = [];
  for (let v = 0; v < VARIANTS; v++) {
    const model = modelOf(chart(v), `wardens-${v}.md`);
    const ir = compose(
      model,
      { document: model.documents[0]?.id ?? '' },
      { template: v % 2 === 1 ? withAliases : template },
    );
    const file = join(dir, `wardens-${v}.docx`);
    writeFileSync(file, await render(ir, 'docx'));
    files.push(file);
  }
  // Without short names or Arabic names: rotated whole names, in column groups (with short names
  // the 30 roles fit one table: docx-headers.e2e).
  const thirty = noAliases(modelOf(latinRoles(teamFixture(30, 90).markdown), 'thirty.md'));
  const charter = join(dir, 'thirty.docx');
  writeFileSync(charter, await render(compose(thirty, { document: thirty.documents[0]?.id ?? '' }), 'docx'));
  files.push(charter);
  const { thirty: widePdf, ...pdfs } = await sofficeToPdf(files);
  wide = run('pdftotext', ['-layout', widePdf ?? '', '-']).split('\f');
  pages = Object.values(pdfs).flatMap((pdf) =>
    run('pdftotext', ['-layout', pdf, '-'])
      .split('\f')
      .map((page) =>
        page
          .split('\n')
          .map((l) => l.trim())
          // The running footer and empty lines are not body text.
          .filter((l) => l !== '' && !/^Page \d+ of \d+$/.test(l) && !/Page \d+ of \d+$/.test(l)),
      )
      .filter((lines) => lines.length > 0),
  );
}, 180_000);

describe('DOCX page breaks in LibreOffice', () => {
  it('the charts span enough pages to hit a boundary in every kind of place', () => {
    expect(pages.length).toBeGreaterThan(VARIANTS * 3);
  });

  it('no page ends with a heading', () => {
    for (const [i, page] of pages.entries()) expect(page.at(-1), `page ${i + 1}`).not.toMatch(/^Warden \d+$/);
  });

  it('every page of a column-grouped matrix says which roles it shows, continuation pages too', () => {
    const matrixPages = wide.filter((page) => /^\s*(Roles \d+–\d+ of 30\s*)?Activity\b/m.test(page));
    expect(matrixPages.length).toBeGreaterThan(2);
    for (const page of matrixPages) expect(page).toMatch(/Roles (1–15|16–30) of 30/);
  });

  it('body lines run at most some 80 characters (the body styles’ right indent)', () => {
    const text = SENTENCE.repeat(6);
    const lines = pages.flat().filter((l) => l.split(/\s+/).length > 4 && text.includes(l));
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(85);
    expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThanOrEqual(65);
  });

  it('a role’s aliases line is on the page of its heading', () => {
    let seen = 0;
    for (const [i, page] of pages.entries()) {
      for (const line of page) {
        const n = /^Also known as: W(\d+)$/.exec(line)?.[1];
        if (!n) continue;
        seen++;
        expect(page, `page ${i + 1}: aliases of Warden ${n}`).toContain(`Warden ${n}`);
      }
    }
    expect(seen).toBe((VARIANTS / 2) * 40);
  });

  it('a role’s "Reports to" is on the page of its heading', () => {
    for (const [i, page] of pages.entries()) {
      for (const line of page) {
        const n = /^Reports to: Director (\d+)$/.exec(line)?.[1];
        if (n) expect(page, `page ${i + 1}: Reports to of Warden ${n}`).toContain(`Warden ${n}`);
      }
    }
  });
});
