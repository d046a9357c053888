import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/read/load.js';
import { parseRoleHeading } from '../src/read/roles.js';
import { modelOf } from './helpers.js';

const CANONICAL = `---
title: Team
version: 2.0
owner: Head of Product
---
# Ignored title

Intro with **bold**.

## Roles
### Product Manager (PM, Prod. Mgr)
Owns the *vision*.

- **Focus:** Strategy
- **Reports to:** Head of Product
- A plain item that stays in the purpose

### Product Owner (PO)
Owns the backlog.

## Responsibilities
### Strategy
| Activity | pm | Product Owner |
|---|:-:|:-:|
| Define the vision | A/R | C |
| Plan | **r** | a, i |

## Ways of working
Meet weekly.
`;

describe('reading the canonical form', () => {
  const model = modelOf(CANONICAL, 'content/team.md');

  it('takes frontmatter over the first heading, and keeps scalars as written', () => {
    const [doc] = model.documents;
    expect(doc?.title).toBe('Team');
    expect(doc?.version).toBe('2.0');
    expect(doc?.owner).toBe('Head of Product');
    expect(doc?.intro).toBe('Intro with **bold**.');
  });

  it('reads roles with aliases, purpose (Markdown kept) and fields', () => {
    expect(model.roles.map((r) => [r.id, r.name, r.aliases])).toEqual([
      ['product-manager', 'Product Manager', ['PM', 'Prod. Mgr']],
      ['product-owner', 'Product Owner', ['PO']],
    ]);
    const pm = model.roles[0];
    expect(pm?.purpose).toBe('Owns the *vision*.\n\n- A plain item that stays in the purpose');
    expect(pm?.fields).toEqual([
      { label: 'Focus', value: 'Strategy' },
      { label: 'Reports to', value: 'Head of Product' },
    ]);
  });

  it('keeps the source position of roles, activities and assignments', () => {
    expect(model.roles[0]?.source).toMatchObject({ file: 'content/team.md', line: 11, column: 1 });
    const plan = model.activities[1];
    expect(plan?.source).toMatchObject({ file: 'content/team.md', line: 26, column: 1 });
    expect(plan?.assignments[1]?.source).toMatchObject({ line: 26, column: 18 });
  });

  it('resolves headers by name or alias without regard to case, and parses cells in scheme order', () => {
    expect(
      model.activities.map((a) => [a.name, a.group, a.assignments.map((x) => [x.role, x.codes])]),
    ).toEqual([
      [
        'Define the vision',
        'Strategy',
        [
          ['product-manager', ['R', 'A']],
          ['product-owner', ['C']],
        ],
      ],
      [
        'Plan',
        'Strategy',
        [
          ['product-manager', ['R']],
          ['product-owner', ['A', 'I']],
        ],
      ],
    ]);
  });

  it('carries other sections as they are', () => {
    expect(model.documents[0]?.sections).toMatchObject([
      { title: 'Ways of working', depth: 2, markdown: 'Meet weekly.' },
    ]);
  });

  it('reports nothing for clean content', () => {
    expect(model.diagnostics).toEqual([]);
  });
});

describe('roles', () => {
  it('parses a role heading into name and aliases', () => {
    expect(parseRoleHeading('Head of Maintenance (HoM, Head of Maint.)')).toEqual({
      name: 'Head of Maintenance',
      aliases: ['HoM', 'Head of Maint.'],
    });
    expect(parseRoleHeading('Tester')).toEqual({ name: 'Tester', aliases: [] });
  });

  it('takes roles from the table header when there is no Roles section, without warnings', () => {
    const model = modelOf('# T\n## Matrix\n| Task | Dev | QA |\n|--|--|--|\n| Build | A/R | C |\n');
    expect(model.roles.map((r) => [r.name, r.implicit])).toEqual([
      ['Dev', true],
      ['QA', true],
    ]);
    expect(model.diagnostics).toEqual([]);
  });

  it('creates a role for a column that names no defined role, with a warning at the header cell', () => {
    const model = modelOf(
      '## Roles\n### Dev\n## RACI\n| Task | Dev | QA |\n|--|--|--|\n| Build | A/R | C |\n',
    );
    expect(model.roles.map((r) => r.name)).toEqual(['Dev', 'QA']);
    expect(model.diagnostics).toMatchObject([
      { ruleId: 'unknown-role', severity: 'warning', line: 4, column: 16 },
    ]);
  });

  it('is the same role in every file where its name or alias is used', () => {
    const model = loadSources([
      {
        file: 'a.md',
        text: '## Roles\n### Product Owner (PO)\n## RACI\n| Task | PO |\n|--|--|\n| Backlog | A/R |\n',
      },
      { file: 'b.md', text: '## RACI\n| Task | product owner |\n|--|--|\n| Review | A/R |\n' },
    ]);
    expect(model.roles).toHaveLength(1);
    expect(model.roles[0]?.documents).toEqual(['a', 'b']);
    expect(model.activities.map((a) => [a.document, a.assignments[0]?.role])).toEqual([
      ['a', 'product-owner'],
      ['b', 'product-owner'],
    ]);
  });

  it('reports two roles sharing an alias as duplicate-role, citing the first', () => {
    const model = modelOf('## Roles\n### Product Manager (PM)\n### Project Manager (PM)\n');
    expect(model.diagnostics).toMatchObject([
      {
        ruleId: 'duplicate-role',
        severity: 'error',
        line: 3,
        message: expect.stringContaining('test.md:2:1'),
      },
    ]);
  });
});

describe('matrix cells and rows', () => {
  it('reports unknown codes at the cell, as errors', () => {
    const model = modelOf('## RACI\n| Task | Dev |\n|--|--|\n| Build | X |\n');
    expect(model.diagnostics).toMatchObject([
      { ruleId: 'unknown-code', severity: 'error', line: 4, column: 11 },
    ]);
  });

  it('keeps a note written in a cell', () => {
    const model = modelOf('## RACI\n| Task | Dev |\n|--|--|\n| Build | C (reviews) |\n');
    expect(model.activities[0]?.assignments[0]).toMatchObject({ codes: ['C'], note: 'reviews' });
  });

  it('starts a group at a bold row with empty cells', () => {
    const model = modelOf('## RACI\n| Task | Dev |\n|--|--|\n| **Build** | |\n| Code | R |\n');
    expect(model.activities.map((a) => [a.name, a.group])).toEqual([['Code', 'Build']]);
  });

  it('reports cells beyond the header as ragged-row instead of dropping them silently', () => {
    const model = modelOf('## RACI\n| Task | Dev |\n|--|--|\n| Build | R | A |\n');
    expect(model.diagnostics.map((d) => d.ruleId)).toContain('ragged-row');
  });

  it('reports broken frontmatter at its line', () => {
    const model = modelOf('---\ntitle: ok\nversion: [1\n---\n# T\n');
    expect(model.diagnostics[0]).toMatchObject({ ruleId: 'frontmatter-invalid', severity: 'error' });
    expect(model.diagnostics[0]?.line).toBeGreaterThanOrEqual(3);
  });
});
