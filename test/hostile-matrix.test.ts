/**
 * A document's matrix within what the writers can draw (issue 18): 2,079 roles in tables of 20
 * columns passed every limit of the reader, and the team charter's DOCX ran out of memory at
 * 4.3 GB (500 roles took 272 s). `limits.cells` keeps activities × roles of one document within
 * 20,000; the activities after the limit are not read, as rows after `limits.rows` are not.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/index.js';

/** `n` roles, in tables of 20 columns, one activity per role. */
function chart(n: number): string {
  const roles = Array.from({ length: n }, (_, i) => `Role ${i}`);
  let text = `# Roles\n\n## Roles\n${roles.map((r) => `### ${r}\nPurpose of ${r}.\n`).join('\n')}\n## Responsibilities\n\n`;
  for (let t = 0; t * 20 < n; t++) {
    const part = roles.slice(t * 20, (t + 1) * 20);
    text += `### Area ${t}\n\n| Activity | ${part.join(' | ')} |\n|---|${part.map(() => '---').join('|')}|\n`;
    for (let a = 0; a < part.length; a++)
      text += `| Task ${t}.${a} | ${part.map((_, i) => (i === a ? 'A/R' : '')).join(' | ')} |\n`;
    text += '\n';
  }
  return text;
}

describe('limits.cells', () => {
  it('reads a matrix up to the limit, with an input-limit error at the first activity cut', () => {
    // 2,079 roles is the case of issue 18, and takes the reader a while: e2e. The same at scale.
    const text = chart(300);
    const model = loadText([{ file: 'roles.md', text }], { limits: { cells: 4000 } });
    const limit = model.diagnostics.filter((d) => d.ruleId === 'input-limit');
    expect(limit.map((d) => [d.line, d.column, d.message])).toEqual([
      [
        text
          .split('\n')
          .indexOf(
            '| Task 0.13 | ' +
              Array.from({ length: 20 }, (_, i) => (i === 13 ? 'A/R' : '')).join(' | ') +
              ' |',
          ) + 1,
        1,
        'Unexpected matrix of 300 activities × 300 roles (90,000 cells), above the limit of 4,000 (`limits.cells` in the configuration); the 287 activities after the first 13 were not read; split the document into several files',
      ],
    ]);
    expect(model.activities.map((a) => a.name)).toEqual(Array.from({ length: 13 }, (_, i) => `Task 0.${i}`));
  });

  it('leaves a chart within the limit whole, and can be raised', () => {
    expect(loadText([{ file: 'roles.md', text: chart(140) }]).activities).toHaveLength(140);
    const raised = loadText([{ file: 'roles.md', text: chart(300) }], { limits: { cells: 100_000 } });
    expect(raised.activities).toHaveLength(300);
    expect(raised.diagnostics.filter((d) => d.ruleId === 'input-limit')).toEqual([]);
  });
});

describe('limits.roles', () => {
  it('reads the first roles of a document up to the limit, with an input-limit error at the first role cut, and drops its codes', () => {
    const text = chart(60);
    const model = loadText([{ file: 'roles.md', text }], { limits: { roles: 45 } });
    const limit = model.diagnostics.filter((d) => d.ruleId === 'input-limit');
    expect(limit.map((d) => [d.line, d.column, d.message])).toEqual([
      [
        text.split('\n').indexOf('### Role 45') + 1,
        1,
        'Unexpected document with 60 roles, above the limit of 45 (`limits.roles` in the configuration); the 15 roles after the first 45 (from "Role 45" on) and their codes were not read; split the document into several files',
      ],
    ]);
    expect(model.roles.map((r) => r.name)).toEqual(Array.from({ length: 45 }, (_, i) => `Role ${i}`));
    expect(model.documents[0]?.roles).toHaveLength(45);
    const kept = new Set(model.roles.map((r) => r.id));
    // Every activity is still read; only the cut roles' codes are gone.
    expect(model.activities).toHaveLength(60);
    for (const a of model.activities) for (const x of a.assignments) expect(kept.has(x.role)).toBe(true);
    expect(model.activities.find((a) => a.name === 'Task 2.5')?.assignments).toEqual([]);
    expect(model.activities.find((a) => a.name === 'Task 2.4')?.assignments.map((x) => x.codes)).toEqual([
      ['R', 'A'],
    ]);
  });

  it('leaves 500 roles whole by default, and can be raised', () => {
    const model = loadText([{ file: 'roles.md', text: chart(500) }], { limits: { cells: 1_000_000 } });
    expect(model.roles).toHaveLength(500);
    expect(model.diagnostics.filter((d) => d.ruleId === 'input-limit')).toEqual([]);
    const over = loadText([{ file: 'roles.md', text: chart(520) }], { limits: { cells: 1_000_000 } });
    expect(over.roles).toHaveLength(500);
    const raised = loadText([{ file: 'roles.md', text: chart(520) }], {
      limits: { cells: 1_000_000, roles: 600 },
    });
    expect(raised.roles).toHaveLength(520);
  });
});

describe('limits.footnotes', () => {
  it('reads up to 1,000 footnote references and definitions; the lines from the one past it are not read', () => {
    const refs = Array.from({ length: 700 }, (_, i) => `Text[^${i}].`).join('\n');
    const defs = Array.from({ length: 700 }, (_, i) => `[^${i}]: Note ${i}`).join('\n');
    const text = `# Notes\n\n| Activity | Lead |\n|---|---|\n| Ship | A/R |\n\n${refs}\n\n${defs}\n`;
    const model = loadText([{ file: 'notes.md', text }]);
    const limit = model.diagnostics.filter((d) => d.ruleId === 'input-limit');
    // Line 7 is the first reference: the 1,001st `[^` is the 301st definition.
    expect(limit.map((d) => [d.line, d.message])).toEqual([
      [
        7 + 700 + 1 + 300,
        'Unexpected file of more than 1,000 footnote references and definitions, above the limit of 1,000 (`limits.footnotes` in the configuration); the 401 lines from this one were not read',
      ],
    ]);
    expect(model.activities.map((a) => a.name)).toEqual(['Ship']);
    expect(loadText([{ file: 'notes.md', text }], { limits: { footnotes: 2000 } }).diagnostics).toEqual([]);
  });
});
