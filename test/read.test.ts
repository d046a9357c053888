import { describe, expect, it } from 'vitest';
import { RACI } from '../src/model/schemes.js';
import { splitNames } from '../src/read/cellnames.js';
import { parseMark } from '../src/read/cells.js';
import { codeIndex, codesOfLabel } from '../src/read/codes.js';
import { readLegendText, schemeFromLegend } from '../src/read/legend.js';
import { loadSources } from '../src/read/load.js';
import { findAbbreviations, parseRoleHeading } from '../src/read/roles.js';
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

describe('legends', () => {
  it('reads a legend written as text, and refuses text that only looks like one', () => {
    expect(readLegendText('**R** = Responsible, **A** = Accountable')).toEqual([
      { code: 'R', label: 'Responsible' },
      { code: 'A', label: 'Accountable' },
    ]);
    expect(readLegendText('Legend: S – Support (helps the responsible role)')).toEqual([
      { code: 'S', label: 'Support', description: 'helps the responsible role' },
    ]);
    expect(readLegendText('E = Expert')).toEqual([{ code: 'E', label: 'Expert' }]);
    // With a colon the label must be a known code label: this is a role for an activity.
    expect(readLegendText('R: Content Strategist')).toBeUndefined();
    expect(readLegendText('Plan B: we wait')).toBeUndefined();
    expect(readLegendText('Responsible: UX Designer')).toBeUndefined();
  });

  const legend = (...pairs: [string, string][]) =>
    pairs.map(([code, label]) => ({ code, label, source: { file: 't.md', line: 1, column: 1 } }));

  it.each([
    [[['S', 'Support']], 'RASCI'],
    [
      [
        ['V', 'Verifier'],
        ['S', 'Signatory'],
      ],
      'RACI-VS',
    ],
    [[['O', 'Out of the loop']], 'CAIRO'],
    [
      [
        ['R', 'Responsible'],
        ['A', 'Accountable'],
        ['C', 'Consulted'],
        ['I', 'Informed'],
      ],
      'RACI',
    ],
    [
      [
        ['R', 'Responsável'],
        ['A', 'Aprovador'],
        ['C', 'Consultado'],
        ['I', 'Informado'],
      ],
      'RACI',
    ],
    [
      [
        ['D', 'Driver'],
        ['A', 'Approver'],
        ['C', 'Contributor'],
        ['I', 'Informed'],
      ],
      'DACI',
    ],
    [
      [
        ['R', 'Recommend'],
        ['A', 'Agree'],
        ['P', 'Perform'],
        ['I', 'Input'],
        ['D', 'Decide'],
      ],
      'RAPID',
    ],
  ] as [[string, string][], string][])('picks the built-in scheme for %j: %s', (pairs, name) => {
    expect(schemeFromLegend(legend(...pairs))?.name).toBe(name);
  });

  it('builds a custom scheme from a legend no built-in scheme matches', () => {
    const added = schemeFromLegend(legend(['X', 'Expert']));
    expect(added?.codes.map((c) => `${c.code}=${c.label}`)).toEqual([
      'R=Responsible',
      'A=Accountable',
      'C=Consulted',
      'I=Informed',
      'X=Expert',
    ]);
    const own = schemeFromLegend(legend(['D', 'Doer'], ['O', 'Owner'], ['A', 'Approves']));
    expect(own).toMatchObject({ name: 'DOA', accountable: 'A' });
    expect(own?.codes.find((c) => c.code === 'A')?.cardinality).toEqual({ min: 1, max: 1 });
    // Same letters as RASCI, but S means something else: the legend's words are kept.
    const sponsor = schemeFromLegend(
      legend(
        ['R', 'Responsible'],
        ['A', 'Accountable'],
        ['S', 'Sponsor'],
        ['C', 'Consulted'],
        ['I', 'Informed'],
      ),
    );
    expect(sponsor?.name).toBe('RASCI (legend)');
    expect(sponsor?.codes.find((c) => c.code === 'S')?.label).toBe('Sponsor');
  });

  it('takes the scheme from the code headers of a table when no legend or frontmatter says', () => {
    expect(
      modelOf('| Task | R | A | S | C | I |\n|--|--|--|--|--|--|\n| Ship | Dev | Lead | Ops | QA | All |\n')
        .scheme.name,
    ).toBe('RASCI');
    // Headers that no single scheme explains leave RACI, and the strangers are metadata.
    const mixed = modelOf(
      '| Task | Responsible | Accountable | Driver |\n|--|--|--|--|\n| Ship | Dev | QA | Lead |\n',
    );
    expect(mixed.scheme.name).toBe('RACI');
    expect(mixed.activities[0]?.meta).toEqual({ Driver: 'Lead' });
  });

  it('never reads a legend table as a matrix, and drops the legend from the charter text', () => {
    const model = modelOf(
      '# T\n\n| Letter | Role |\n|---|---|\n| R | Responsible |\n| A | Accountable |\n| S | Support |\n\n## RACI\n| Task | Dev |\n|--|--|\n| Build | R/S |\n',
    );
    expect(model.scheme.name).toBe('RASCI');
    expect(model.activities.map((a) => a.name)).toEqual(['Build']);
    expect(model.documents[0]?.intro).toBe('');
  });
});

describe('what is not a responsibility chart stays prose', () => {
  it('keeps an ordinary table and an explanatory list in their section', () => {
    const model = modelOf(
      '# T\n## Glossary\n| Term | Meaning |\n|--|--|\n| SLA | Service level agreement |\n\n## What the letters mean\n- Responsible: the person who does the work\n- Accountable: whoever signs it off\n',
    );
    expect(model.activities).toEqual([]);
    expect(model.roles).toEqual([]);
    expect(model.documents[0]?.sections.map((s) => s.title)).toEqual(['Glossary', 'What the letters mean']);
  });

  it('does not take an explanatory list under the Responsibilities heading for roles', () => {
    const model = modelOf(
      '## Responsibilities\n- **Responsible:** does the work\n- **Accountable:** signs off\n',
    );
    expect(model.activities).toEqual([]);
    expect(model.documents[0]?.matrixIntro).toContain('does the work');
  });

  it('keeps a table describing what each role does as prose', () => {
    const model = modelOf(
      '# T\n## Stakeholders\n| Stakeholder Role | Responsible | Accountable | Consulted | Informed |\n|--|--|--|--|--|\n| **Product Owner** | Define requirements | Final decision authority | All stakeholders | Executive team |\n',
    );
    expect(model.activities).toEqual([]);
    expect(model.documents[0]?.sections.map((s) => s.title)).toEqual(['Stakeholders']);
  });

  it('keeps a list naming a single code, or explaining the letters in sentences, as prose', () => {
    const model = modelOf(
      '# T\n## Profiles\n- **Essential:** work orders\n- **Accountable:** adds check-ins and follow-ups\n\n## Roles explained\n- **Responsible:** In this role, you do the work.\n- **Accountable:** In this role, you approve it.\n',
    );
    expect(model.activities).toEqual([]);
  });

  it('reads numbered section headings by their words', () => {
    const model = modelOf(
      '# T\n## 5. Roles\n### Auditor\nChecks.\n## 14. RACI Matrix\n| Task | Auditor |\n|--|--|\n| Audit | A/R |\n',
    );
    expect(model.roles.map((r) => [r.name, r.implicit])).toEqual([['Auditor', false]]);
    expect(model.documents[0]?.sections).toEqual([]);
  });

  it('does not take `Focus: Strategy` or `QA: Tests every release` for abbreviations', () => {
    expect(findAbbreviations('Focus: Strategy')).toEqual([]);
    expect(findAbbreviations('QA: Tests every release')).toEqual([]);
    expect(
      findAbbreviations('PdM = Product Manager, EM: Engineering Manager').map((a) => [a.short, a.name]),
    ).toEqual([
      ['PdM', 'Product Manager'],
      ['EM', 'Engineering Manager'],
    ]);
  });
});

describe('cells, labels and names', () => {
  it.each([
    ['Responsible', ['R']],
    ['Responsible (R)', ['R']],
    ['R - Responsible', ['R']],
    ['Aprovador', ['A']],
    ['Verantwortlich', ['R']],
    ['Informé', ['I']],
    ['R/A', ['R', 'A']],
    ['Product Manager', undefined],
  ] as [string, string[] | undefined][])('reads the label %j as %j', (label, codes) => {
    expect(codesOfLabel(label, codeIndex(RACI))).toEqual(codes);
  });

  it('splits role names at commas, semicolons, `and`, `/`, keeping known names whole', () => {
    const known = (n: string) => ['r&d', 'qa/test'].includes(n.toLowerCase());
    const names = (text: string) =>
      splitNames(text, known).map((p) => (p.note ? `${p.name} (${p.note})` : p.name));
    expect(names('UX Designer, Frontend Engineer')).toEqual(['UX Designer', 'Frontend Engineer']);
    expect(names('PM and PO; Legal (if contracts)')).toEqual(['PM', 'PO', 'Legal (if contracts)']);
    expect(names('Dev / Ops')).toEqual(['Dev', 'Ops']);
    expect(names('PM/PO')).toEqual(['PM', 'PO']);
    expect(names('AI/ML Team, UI/UX Designer')).toEqual(['AI/ML Team', 'UI/UX Designer']);
    expect(names('R&D, QA/Test')).toEqual(['R&D', 'QA/Test']);
    expect(names('-')).toEqual([]);
    expect(names('Contributor (draft) + editor (review)')).toEqual([
      'Contributor (draft)',
      'editor (review)',
    ]);
    expect(names('SRE for SLOs; Legal/DPO for public attestations.')).toEqual([
      'SRE (for SLOs)',
      'Legal (for public attestations)',
      'DPO (for public attestations)',
    ]);
    expect(names('Governance council (if sensitive, or cultural), Legal')).toEqual([
      'Governance council (if sensitive, or cultural)',
      'Legal',
    ]);
  });

  it('reads marks of a table with one row per role', () => {
    for (const mark of ['✓', '✔', 'x', 'X', '•', 'yes', 'Oui', '✅', 'R'])
      expect(parseMark(mark, 'R', RACI).marked).toBe(true);
    for (const none of ['', '-', 'no', '✗']) expect(parseMark(none, 'R', RACI).marked).toBe(false);
    expect(parseMark('maybe', 'R', RACI).marked).toBeNull();
    expect(parseMark('✓ (final say)', 'A', RACI)).toEqual({ marked: true, codes: ['A'], note: 'final say' });
    // A code under another column is read as written (the table reports it).
    expect(parseMark('A (premises)', 'R', RACI)).toEqual({ marked: true, codes: ['A'], note: 'premises' });
  });

  it('reads `<br>` in a cell as a line break between codes or names', () => {
    const model = modelOf(
      '## RACI\n| Task | Product<br>Manager |\n|--|--|\n| Build | A<br>R |\n\n## Who\n| Activity | Responsible | Accountable |\n|--|--|--|\n| Ship | Dev<br/>QA | Product Manager |\n',
    );
    expect(model.roles.map((r) => r.name)).toEqual(['Product Manager', 'Dev', 'QA']);
    expect(model.activities.map((a) => a.assignments.map((x) => `${x.role}:${x.codes.join('')}`))).toEqual([
      ['product-manager:RA'],
      ['dev:R', 'qa:R', 'product-manager:A'],
    ]);
  });
});

describe('role definitions across files', () => {
  it('merges a bare mention of a role into its definition, and every definition of the same name', () => {
    const merged = loadSources([
      { file: 'a.md', text: '## Roles\n### Designer (UX)\nDesigns.\n' },
      { file: 'b.md', text: '## Roles\n### Designer\n## RACI\n| Task | UX |\n|--|--|\n| Draw | A/R |\n' },
    ]);
    expect(merged.roles.map((r) => [r.name, r.documents])).toEqual([['Designer', ['a', 'b']]]);
    expect(merged.diagnostics).toEqual([]);
    // In two files, one role per team file is the same role: merged (test/fixtures/shapes/multi-team-*).
    const teams = loadSources([
      { file: 'a.md', text: '## Roles\n### Designer\nDesigns screens.\n' },
      { file: 'b.md', text: '## Roles\n### Designer\nDesigns print.\n' },
    ]);
    expect(teams.diagnostics).toEqual([]);
    expect(teams.roles.map((r) => [r.name, r.purpose])).toEqual([
      ['Designer', 'Designs screens.\n\nDesigns print.'],
    ]);
    const twice = loadSources([
      { file: 'a.md', text: '## Roles\n### Designer\nDesigns screens.\n### Designer\nDesigns print.\n' },
    ]);
    expect(twice.diagnostics).toEqual([]);
    expect(twice.roles.map((r) => r.purpose)).toEqual(['Designs screens.\n\nDesigns print.']);
  });

  it('reads a role file named by its heading, and keeps a team file in a roles folder a document', () => {
    const model = loadSources([
      { file: 'content/roles/qa.md', text: '# Quality Engineer (QE)\n\nTests everything.\n' },
      {
        file: 'content/roles/overview.md',
        text: '# Roles overview\n## RACI\n| Task | QE |\n|--|--|\n| Test | A/R |\n',
      },
    ]);
    expect(model.roles).toMatchObject([
      { name: 'Quality Engineer', aliases: ['QE'], purpose: 'Tests everything.', documents: ['overview'] },
    ]);
    expect(model.documents.map((d) => d.id)).toEqual(['overview']);
    const duties = loadSources([
      {
        file: 'roles/po.md',
        text: '# Product Owner\n\nOwns the backlog.\n\n## Responsibilities\n- Order the backlog\n',
      },
    ]);
    expect(duties.documents).toEqual([]);
    expect(duties.roles[0]?.purpose).toBe('Owns the backlog.\n\n## Responsibilities\n\n- Order the backlog');
  });

  it('matches a header typed with lookalike letters to its role, with a warning', () => {
    const model = modelOf(
      '## Roles\n### Product Owner (PO)\n## RACI\n| Task | РО |\n|--|--|\n| Plan | A/R |\n',
    );
    expect(model.roles).toHaveLength(1);
    expect(model.diagnostics).toMatchObject([{ ruleId: 'confusable-code', line: 4, column: 10 }]);
  });
});
