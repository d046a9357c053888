import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/lint.js';
import { CAIRO, DACI, RAPID, RASCI } from '../../src/model/schemes.js';
import type { Model } from '../../src/model/types.js';
import { type RuleSettings, runRules } from '../../src/rules/engine.js';
import { consultedCode, informedCode } from '../../src/rules/util.js';
import { modelOf } from '../helpers.js';

/** A matrix with the given role columns and rows of cells, read as `test.md`. */
function matrix(roles: string[], rows: string[][], front = ''): string {
  const head = `| Activity | ${roles.join(' | ')} |\n|${'---|'.repeat(roles.length + 1)}\n`;
  const body = rows.map((r, i) => `| Activity ${i + 1} | ${r.join(' | ')} |\n`).join('');
  return `${front ? `---\n${front}\n---\n` : ''}## Responsibilities\n${head}${body}`;
}

const only = (id: string, text: string | Model, settings: RuleSettings = {}) =>
  runRules(typeof text === 'string' ? modelOf(text) : text, settings)
    .filter((d) => d.ruleId === id)
    .map((d) => d.message);

describe('too-many-responsible / consulted / informed', () => {
  const row = (code: string, n: number, width: number) => [
    'A',
    ...Array.from({ length: width }, (_, i) => (i < n ? code : '')),
  ];
  const roles = (n: number) => ['Owner', ...Array.from({ length: n }, (_, i) => `Role ${i + 1}`)];

  it('fire above their default thresholds (3, 4, 6), not at them', () => {
    expect(only('too-many-responsible', matrix(roles(4), [row('R', 3, 4)]))).toEqual([]);
    expect(only('too-many-responsible', matrix(roles(4), [row('R', 4, 4)]))).toHaveLength(1);
    expect(only('too-many-consulted', matrix(roles(5), [row('C', 4, 5)]))).toEqual([]);
    expect(only('too-many-consulted', matrix(roles(5), [row('C', 5, 5)]))).toHaveLength(1);
    expect(only('too-many-informed', matrix(roles(7), [row('I', 6, 7)]))).toEqual([]);
    expect(only('too-many-informed', matrix(roles(7), [row('I', 7, 7)]))).toEqual([
      'Unexpected 7 informed roles (Role 1, Role 2, Role 3, Role 4, Role 5, Role 6, Role 7) on "Activity 1", expected at most 6',
    ]);
  });

  it('count the scheme’s own codes: C in DACI, Input in RAPID', () => {
    expect([consultedCode(DACI), informedCode(DACI)]).toEqual(['C', 'I']);
    expect([consultedCode(RAPID), informedCode(RAPID)]).toEqual(['I', null]);
    expect([consultedCode(RASCI), informedCode(RASCI)]).toEqual(['C', 'I']);
    const rapid = matrix(
      ['Ann', 'Ben', 'Cat'],
      [['D/P', 'I', 'I']],
      'scheme: RAPID\nrules:\n  too-many-consulted: { max: 1 }',
    );
    expect(only('too-many-consulted', rapid)).toEqual([
      'Unexpected 2 consulted roles (Ben, Cat) on "Activity 1", expected at most 1',
    ]);
  });
});

describe('role-overloaded', () => {
  const four = ['CTO', 'Eng', 'Design', 'QA'];
  it('judges shares above the limits, not at them', () => {
    // CTO accountable and Eng and Design responsible on 2 of 4 (50%): not above the limits.
    const half = matrix(four, [
      ['A/R', 'R', '', ''],
      ['A', 'R', '', ''],
      ['', 'A', 'R', ''],
      ['', '', 'R', 'A/R'],
    ]);
    expect(only('role-overloaded', half)).toEqual([]);
    expect(
      only('role-overloaded', half, { 'role-overloaded': { options: { maxResponsiblePercent: 40 } } }),
    ).toEqual([
      'Unexpected Eng as Responsible (R) on 2 of 4 activities (50%) in "test", expected at most 40%',
      'Unexpected Design as Responsible (R) on 2 of 4 activities (50%) in "test", expected at most 40%',
    ]);
  });

  it('leaves small matrices alone: fewer roles or activities than minRoles / minActivities', () => {
    const three = matrix(
      ['PM', 'PO', 'Dev'],
      [
        ['A/R', 'C', 'I'],
        ['A/R', 'C', 'I'],
        ['A/R', 'C', 'I'],
        ['C', 'A/R', 'R'],
      ],
    );
    expect(only('role-overloaded', three)).toEqual([]);
    expect(only('role-overloaded', three, { 'role-overloaded': { options: { minRoles: 3 } } })).toEqual([
      'Unexpected PM as Accountable (A) on 3 of 4 activities (75%) in "test", expected at most 50%',
      'Unexpected PM as Responsible (R) on 3 of 4 activities (75%) in "test", expected at most 70%',
    ]);
    expect(
      only('role-overloaded', three, { 'role-overloaded': { options: { minRoles: 3, minActivities: 5 } } }),
    ).toEqual([]);
  });
});

describe('role-everywhere', () => {
  it('counts a cell with only a note as empty', () => {
    const rows = [
      ['I', 'A/R', 'C', 'C'],
      ['(optional)', 'A/R', 'C', 'C'],
      ['I', 'C', 'A/R', 'C'],
      ['I', 'C', 'C', 'A/R'],
    ];
    const text = matrix(['Boss', 'Eng', 'Design', 'QA'], rows);
    expect(only('role-everywhere', text)).toEqual([
      'Unexpected Eng on all 4 activities of "test", expected some activities without it',
      'Unexpected Design on all 4 activities of "test", expected some activities without it',
      'Unexpected QA on all 4 activities of "test", expected some activities without it',
    ]);
  });
});

describe('placeholder-accountable', () => {
  it('matches role names without regard to case or punctuation, not aliases', () => {
    const text = `## Roles\n### Development Team (Dev, Team)\n### Everyone.\n${matrix(
      ['Dev', 'everyone.', 'n/a'],
      [
        ['A/R', '', ''],
        ['R', 'A', ''],
        ['R', '', 'A'],
      ],
    ).replace('## Responsibilities', '## RACI')}`;
    expect(only('placeholder-accountable', text)).toEqual([
      'Unexpected placeholder "Everyone." as accountable role (A) on "Activity 2", expected a named role',
      'Unexpected placeholder "n/a" as accountable role (A) on "Activity 3", expected a named role',
    ]);
  });

  it('takes its list of names from options', () => {
    const text = matrix(['Lead', 'Whoever'], [['R', 'A']]);
    expect(only('placeholder-accountable', text)).toEqual([]);
    expect(
      only('placeholder-accountable', text, {
        'placeholder-accountable': { options: { names: ['whoever'] } },
      }),
    ).toHaveLength(1);
  });
});

describe('role-unused and role-no-ownership, across documents', () => {
  const defs = '## Roles\n### Engineer (Eng)\n### Analyst\n';
  const team = (rows: string) => `## RACI\n| Activity | Eng | Analyst |\n|---|---|---|\n${rows}`;

  it('sees a role used in another file as used, and owning there as owning', () => {
    const model = (a: string, b: string) =>
      loadText([
        { file: 'roles.md', text: defs },
        { file: 'a.md', text: team(a) },
        { file: 'b.md', text: team(b) },
      ]);
    const m = model('| Build | A/R | C |\n', '| Analyse | I | A/R |\n');
    expect(only('role-unused', m)).toEqual([]);
    expect(only('role-no-ownership', m)).toEqual([]);
    const m2 = model('| Build | A/R | C |\n', '| Analyse | A/R | I |\n');
    expect(
      runRules(m2)
        .filter((d) => d.ruleId === 'role-no-ownership')
        .map((d) => [d.file, d.line, d.message]),
    ).toEqual([
      [
        'roles.md',
        3,
        'Unexpected Analyst as only Consulted or Informed on 2 activities, expected Accountable (A) or Responsible (R) on at least 1',
      ],
    ]);
  });

  it('leaves a catalogue of roles without any matrix alone, but flags an empty column', () => {
    expect(only('role-unused', modelOf(defs))).toEqual([]);
    expect(only('role-unused', matrix(['Eng', 'Ghost'], [['A/R', '']]))).toEqual([
      'Unexpected role "Ghost" without assignments, expected a code on at least 1 activity',
    ]);
  });
});

describe('accountable and cardinality rules follow the scheme', () => {
  it('RAPID: D is the accountable code, reported once by accountable-multiple', () => {
    const text = matrix(['Ann', 'Ben', 'Cat'], [['D', 'D', 'P']], 'scheme: RAPID');
    expect(runRules(modelOf(text)).map((d) => d.ruleId)).toEqual(['accountable-multiple']);
  });

  it('DACI: a missing Driver is one error from code-cardinality, not also responsible-missing', () => {
    const text = matrix(['Ann', 'Ben'], [['A', 'C']], 'scheme: DACI');
    const activityRules = runRules(modelOf(text)).filter((d) => !d.ruleId.startsWith('role-'));
    expect(activityRules.map((d) => [d.ruleId, d.message])).toEqual([
      ['code-cardinality', 'Missing Driver role (D) on "Activity 1", expected exactly 1'],
    ]);
  });

  it('a custom cardinality of the accountable code replaces "exactly 1"', () => {
    const front =
      'scheme:\n  codes: { A: { label: Approver, cardinality: { max: 2 } }, R: Doer }\n  accountable: A\n  doer: R';
    const two = matrix(
      ['Xia', 'Yan', 'Zoe'],
      [
        ['R', '', 'R'],
        ['A/R', 'A', ''],
      ],
      front,
    );
    const accountable = (text: string) =>
      runRules(modelOf(text))
        .filter((d) => d.ruleId.startsWith('accountable-'))
        .map((d) => d.message);
    expect(accountable(two)).toEqual([]);
    expect(accountable(matrix(['Xia', 'Yan', 'Zoe'], [['A/R', 'A', 'A']], front))).toEqual([
      'Unexpected 3 accountable roles (Xia, Yan, Zoe) on "Activity 1", expected at most 2',
    ]);
  });

  it('only-consulted-informed ignores empty rows and names the codes it found', () => {
    expect(only('only-consulted-informed', matrix(['Xia', 'Yan'], [['', '(later)']]))).toEqual([]);
    expect(
      only('only-consulted-informed', matrix(['Xia', 'Yan', 'Zoe'], [['C', 'O', '']], 'scheme: CAIRO')),
    ).toEqual([
      'Unexpected only Consulted and Out of the loop roles on "Activity 1", expected a role that is Accountable (A) or Responsible (R)',
    ]);
    expect(CAIRO.codes.map((c) => c.code)).toContain('O');
  });

  it('same-role-r-and-a uses the scheme’s codes when turned on', () => {
    const text = matrix(['Xia', 'Yan'], [['A/D', 'C']], 'scheme: DACI\nrules:\n  same-role-r-and-a: warning');
    expect(only('same-role-r-and-a', text)).toEqual([
      'Unexpected Xia as both responsible (D) and accountable (A) on "Activity 1", expected different roles',
    ]);
    expect(only('same-role-r-and-a', matrix(['Xia', 'Yan'], [['A/R', 'C']]))).toEqual([]);
  });
});
