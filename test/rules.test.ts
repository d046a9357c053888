import { describe, expect, it } from 'vitest';
import { runRules } from '../src/rules/engine.js';
import { rules } from '../src/rules/index.js';
import { modelOf } from './helpers.js';

const table = (rows: string) => `## RACI\n| Task | Dev | QA |\n|--|--|--|\n${rows}`;
const ids = (text: string, settings = {}) =>
  runRules(modelOf(text), settings).map((d) => [d.ruleId, d.severity, d.line]);

describe('rules', () => {
  it('accepts an activity with one accountable and a responsible role', () => {
    expect(ids(table('| Build | A/R | C |\n'))).toEqual([]);
  });

  it('accountable-missing: an activity with no A is an error at its row', () => {
    expect(ids(table('| Build | R | C |\n'))).toEqual([['accountable-missing', 'error', 4]]);
  });

  it('accountable-multiple: two A is an error naming both roles', () => {
    const d = runRules(modelOf(table('| Build | A/R | A |\n')));
    expect(d).toMatchObject([
      {
        ruleId: 'accountable-multiple',
        severity: 'error',
        line: 4,
        message: 'Unexpected 2 accountable roles (Dev, QA) on "Build", expected exactly 1',
      },
    ]);
  });

  it('responsible-missing: no R is a warning', () => {
    expect(ids(table('| Build | A | C |\n'))).toEqual([['responsible-missing', 'warning', 4]]);
  });

  it('unknown-code comes from the reader with its position', () => {
    expect(ids(table('| Build | A/R | Z |\n'))).toEqual([['unknown-code', 'error', 4]]);
  });

  it('lets settings change a severity or turn a rule off, for reader rules too', () => {
    expect(
      ids(table('| Build | A | Z |\n'), { 'responsible-missing': 'error', 'unknown-code': 'off' }),
    ).toEqual([['responsible-missing', 'error', 4]]);
  });

  it('turns a rule that throws into a diagnostic naming it', () => {
    const rule = rules.find((r) => r.id === 'accountable-missing');
    const original = rule?.check;
    if (!rule) throw new Error('no rule');
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      expect(runRules(modelOf(table('| Build | A/R | C |\n')))).toMatchObject([
        {
          ruleId: 'accountable-missing',
          severity: 'error',
          message: 'Rule accountable-missing failed: boom',
        },
      ]);
    } finally {
      rule.check = original;
    }
  });

  it('every rule has an id, a description and a default severity', () => {
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(['error', 'warning', 'info', 'off']).toContain(rule.defaultSeverity);
    }
  });
});
