import { describe, expect, it } from 'vitest';
import { isAliasLike } from '../src/read/headerparen.js';
import { modelOf } from './helpers.js';

describe('header parentheticals', () => {
  it.each([
    ['PM', true],
    ['IaaS', true],
    ['Eng.', true],
    ['on call', false],
    ['optional', false],
    ['Consulted', false],
    ['A', false],
  ])('%j is alias-like: %s', (text, expected) => {
    expect(isAliasLike(text)).toBe(expected);
  });

  it('makes `Jules Martin (PM)` the role Jules Martin with the alias PM, so that a later `PM` is that role', () => {
    const model = modelOf(
      '| Task | Jules Martin (PM) | QA |\n|--|--|--|\n| Plan | A | C |\n\n## More\n\n| Task | Responsible | Accountable |\n|--|--|--|\n| Ship | QA | PM |\n',
    );
    expect(model.roles.map((r) => [r.name, r.aliases])).toEqual([
      ['Jules Martin', ['PM']],
      ['QA', []],
    ]);
    expect(model.activities[1]?.assignments.map((a) => a.role)).toEqual(['qa', 'jules-martin']);
  });

  it('keeps every parenthetical: a description for a role the chart creates, a warning when it cannot', () => {
    const created = modelOf('| Task | Security (optional) |\n|--|--|\n| Plan | A |\n');
    expect(created.roles[0]).toMatchObject({ name: 'Security', purpose: 'optional' });
    const defined = modelOf(
      '## Roles\n\n### Security\nGuards the gates.\n\n## RACI\n\n| Task | Security (optional) |\n|--|--|\n| Plan | A |\n',
    );
    expect(defined.roles[0]).toMatchObject({ name: 'Security', purpose: 'Guards the gates.' });
    expect(defined.diagnostics.map((d) => d.ruleId)).toEqual(['ambiguous-reading']);
    expect(defined.diagnostics[0]?.message).toContain('(optional)');
  });
});

describe('a header that names a role mentioned before', () => {
  it('turns the role a bare `PM` created into Jules Martin with the alias PM, keeping its id', () => {
    const model = modelOf(
      '| Task | Responsible | Accountable |\n|--|--|--|\n| Brief | Dev | PM |\n\n## Build\n\n| Task | Jules Martin (PM) |\n|--|--|\n| Pages | A |\n',
    );
    expect(model.roles.map((r) => [r.id, r.name, r.aliases])).toEqual([
      ['dev', 'Dev', []],
      ['pm', 'Jules Martin', ['PM']],
    ]);
    expect(model.diagnostics).toEqual([]);
  });
});
