import { describe, expect, it } from 'vitest';
import { modelOf } from './helpers.js';

const summary = (markdown: string) => {
  const model = modelOf(markdown);
  return {
    activities: model.activities.map(
      (a) => `${a.name}: ${a.assignments.map((x) => `${x.role}=${x.codes.join('')}`).join(' ')}`,
    ),
    ambiguous: model.diagnostics.filter((d) => d.ruleId === 'ambiguous-reading').map((d) => d.line),
  };
};

describe('orientation by content, not by the first header word', () => {
  it('reads a `Team` table as one activity per row when only that reading gives one A per activity', () => {
    expect(
      summary('| Team | Ops | Dev |\n|--|--|--|\n| Deploy | A | R |\n| Audit | R | A |\n| Patch | A | C |\n'),
    ).toEqual({
      activities: ['Deploy: ops=A dev=R', 'Audit: ops=R dev=A', 'Patch: ops=A dev=C'],
      ambiguous: [1],
    });
  });

  it('reads teams as rows and functions as columns when that reading is the valid one, silently', () => {
    expect(
      summary(
        '| Team | Identity | Backups |\n|--|--|--|\n| IT | Accountable | Responsible |\n| Platform | Responsible | Accountable |\n| Finance | Informed | Informed |\n',
      ),
    ).toEqual({
      activities: ['Identity: it=A platform=R finance=I', 'Backups: it=R platform=A finance=I'],
      ambiguous: [],
    });
  });

  it('keeps `| Role | R | A | C | I |` with marks as one role per row, and with names as activities', () => {
    const marks = summary(
      '## Approve the budget\n\n| Role | R | A |\n|--|--|--|\n| CFO | ✓ | |\n| CEO | | ✓ |\n',
    );
    expect(marks).toEqual({ activities: ['Approve the budget: cfo=R ceo=A'], ambiguous: [] });
    const names = summary('## RACI\n\n| Role | R | A |\n|--|--|--|\n| Ship it | Dev | Lead |\n');
    expect(names).toEqual({ activities: ['Ship it: dev=R lead=A'], ambiguous: [3] });
  });

  it('reads letters that are no codes, or codes under code letters, as roles named by letters', () => {
    expect(
      summary('| ID | Task | A | B |\n|--|--|--|--|\n| 1 | Build | R | A |\n| 2 | Test | A | R |\n'),
    ).toEqual({
      activities: ['Build: a=R b=A', 'Test: a=A b=R'],
      ambiguous: [],
    });
    // Under real code headers, marks stay marks.
    expect(summary('## Ship\n\n| Role | R | A |\n|--|--|--|\n| Dev | x | |\n| Lead | | A |\n')).toEqual({
      activities: ['Ship: dev=R lead=A'],
      ambiguous: [],
    });
  });
});

describe('roles named by letters', () => {
  it('takes a key `A = Team Aurora` beside letter columns of codes as role names, not as a legend', () => {
    const model = modelOf(
      'A = Team Aurora, B = Team Borealis\n\n| ID | Task | A | B |\n|--|--|--|--|\n| 1 | Build | R | A |\n',
    );
    expect(model.scheme.name).toBe('RACI');
    expect(model.roles.map((r) => [r.name, r.aliases])).toEqual([
      ['Team Aurora', ['A']],
      ['Team Borealis', ['B']],
    ]);
  });

  it('keeps a legend of letters over names (a transposed table) a legend', () => {
    const model = modelOf(
      'X = Expert, Y = Yield owner\n\n| Task | R | A | X | Y |\n|--|--|--|--|--|\n| Build | Dev | Lead | Ana | Bo |\n',
    );
    expect(model.scheme.codes.map((c) => c.code)).toEqual(['R', 'A', 'C', 'I', 'X', 'Y']);
  });
});

describe('one role per row', () => {
  it('reads a row naming two roles once: one unknown-code per cell, a parenthetical as description', () => {
    const model = modelOf(
      '| Team | Deploy | Audit |\n|--|--|--|\n| Ops, SRE (on call) | Accountable | Z |\n| Security | Responsible | Accountable |\n',
    );
    expect(
      model.diagnostics.filter((d) => d.ruleId === 'unknown-code').map((d) => [d.line, d.column]),
    ).toEqual([[3, 38]]);
    expect(model.roles.find((r) => r.name === 'SRE')?.purpose).toBe('on call');
    expect(model.activities.map((a) => a.assignments.map((x) => `${x.role}=${x.codes.join('')}`))).toEqual([
      ['ops=A', 'sre=A', 'security=R'],
      ['security=A'],
    ]);
  });
});
