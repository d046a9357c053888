import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, render } from '../src/index.js';
import { sofficeToPdf } from './docx-helpers.js';
import { modelOf, run, tempDir } from './helpers.js';

/**
 * Where a DOCX matrix starts, as LibreOffice lays it out (issue 14, item 8): never its header and
 * one to three rows at a page's foot with the rest overleaf. Charts whose text before the matrix
 * grows by a sentence from one variant to the next move the matrix's start down a page, across its
 * foot; the header and its first 4 rows keep together (keep-with-next on their paragraphs), and the
 * heading above goes with them.
 */

const SENTENCE = 'Keeps the service healthy and answers for it in the weekly review with the wider team. ';
const VARIANTS = 22;
const ROWS = 20;

function chart(variant: number): string {
  const roles = Array.from(
    { length: 6 },
    (_, i) => `### Warden ${i + 1} (W${i + 1})\n\n${SENTENCE.repeat(i === 0 ? 36 + variant : 4).trim()}\n`,
  );
  const rows = Array.from(
    { length: ROWS },
    (_, k) =>
      `| Task ${k + 1} | ${Array.from({ length: 6 }, (_, j) => (j === k % 6 ? 'A/R' : 'C')).join(' | ')} |`,
  );
  return [
    `# Wardens ${variant}`,
    '## Roles',
    roles.join('\n'),
    '## Responsibilities',
    `| Activity | W1 | W2 | W3 | W4 | W5 | W6 |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`,
    '',
  ].join('\n\n');
}

const TEMPLATE = `---
name: matrix-start
per: document
formats: [docx]
---

:::roles
### {{role.name}}

::purpose
:::

### Assignments

::matrix
`;

/** Per variant, per page: the matrix rows on it, and whether it holds the matrix's heading. */
let starts: { rows: number[]; heading: number }[] = [];

beforeAll(async () => {
  const dir = tempDir('rolemark-matrix-start-');
  const template = join(dir, 'matrix-start.md');
  writeFileSync(template, TEMPLATE);
  const files: string[] = [];
  for (let v = 0; v < VARIANTS; v++) {
    const model = modelOf(chart(v), `start-${v}.md`);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' }, { template });
    const file = join(dir, `start-${String(v).padStart(2, '0')}.docx`);
    writeFileSync(file, await render(ir, 'docx'));
    files.push(file);
  }
  const pdfs = await sofficeToPdf(files);
  starts = Object.keys(pdfs)
    .sort()
    .map((name) => {
      const pages = run('pdftotext', ['-layout', pdfs[name] ?? '', '-']).split('\f');
      return {
        rows: pages.map((p) => p.match(/^\s*Task \d+\b/gmu)?.length ?? 0),
        heading: pages.findIndex((p) => /^\s*Assignments\s*$/mu.test(p)),
      };
    });
}, 240_000);

describe('a DOCX matrix that starts near a page foot (LibreOffice)', () => {
  it('the variants move its start across a page boundary', () => {
    expect(starts).toHaveLength(VARIANTS);
    const first = starts.map((s) => s.rows.findIndex((n) => n > 0));
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('puts 4 rows or more under its header where it starts, or starts on the next page', () => {
    for (const [v, s] of starts.entries()) {
      const start = s.rows.findIndex((n) => n > 0);
      expect(
        s.rows.reduce((a, b) => a + b, 0),
        `variant ${v}`,
      ).toBe(ROWS);
      expect(s.rows[start], `variant ${v}: ${s.rows.join(', ')}`).toBeGreaterThanOrEqual(4);
      // The heading goes with the table.
      expect(s.heading, `variant ${v}`).toBe(start);
    }
  });
});
