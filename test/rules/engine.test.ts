import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/types.js';
import { runRules, sortDiagnostics } from '../../src/rules/engine.js';
import { rules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { modelOf } from '../helpers.js';

const table = (rows: string, front = '') =>
  `${front ? `---\n${front}\n---\n` : ''}## RACI\n| Task | Dev | QA |\n|--|--|--|\n${rows}`;
const ids = (text: string, settings = {}) =>
  runRules(modelOf(text), settings).map((d) => [d.ruleId, d.severity, d.line]);

describe('the rules engine', () => {
  it('accepts activities with one accountable and a responsible role', () => {
    expect(ids(table('| Build | A/R | C |\n| Test | C | A/R |\n'))).toEqual([]);
  });

  it('reports at the row, with the rule id and its default severity', () => {
    expect(ids(table('| Build | R | C |\n| Test | C | A/R |\n'))).toEqual([
      ['accountable-missing', 'error', 4],
    ]);
  });

  it('keeps the end of the place it reports', () => {
    const [d] = runRules(modelOf(table('| Build | R | C |\n| Test | C | A/R |\n')));
    expect(d).toMatchObject({ line: 4, column: 1, endLine: 4, endColumn: 18 });
  });

  it('lets settings change a severity or turn a rule off, for reader rules too', () => {
    const text = table('| Build | A | Z |\n| Test | R | A/R |\n');
    expect(ids(text)).toEqual([
      ['responsible-missing', 'warning', 4],
      ['unknown-code', 'error', 4],
    ]);
    expect(ids(text, { 'responsible-missing': 'error', 'unknown-code': 'off' })).toEqual([
      ['responsible-missing', 'error', 4],
    ]);
    expect(ids(text, { 'responsible-missing': { severity: 'info' } })).toEqual([
      ['responsible-missing', 'info', 4],
      ['unknown-code', 'error', 4],
    ]);
  });

  it('passes options, and falls back to the default for an option of the wrong type', () => {
    const wide =
      '## RACI\n| Task | Ann | Ben | Cat |\n|--|--|--|--|\n| Build | A/R | C | C |\n| X | C | A/R | A/R |\n';
    expect(ids(wide, { 'accountable-multiple': 'off' })).toEqual([]);
    expect(
      ids(wide, { 'accountable-multiple': 'off', 'too-many-consulted': { options: { max: 1 } } }),
    ).toEqual([['too-many-consulted', 'warning', 4]]);
    const d = runRules(modelOf(wide), {
      'accountable-multiple': 'off',
      'too-many-consulted': { options: { max: 'one' } },
    });
    expect(d.map((x) => x.ruleId)).toEqual(['config-invalid']);
    expect(d[0]?.message).toBe(
      'Unexpected "one" for option `max` of too-many-consulted, expected a whole number; used 4',
    );
  });

  it('applies a file’s frontmatter rules over the configuration, for that file only', () => {
    const noR = '| Build | A | C |\n| Test | C | A/R |\n';
    const model = Object.assign(modelOf(table(noR, 'rules:\n  responsible-missing: off')), {});
    expect(runRules(model, { 'responsible-missing': 'error' })).toEqual([]);
    const two = (a: string, b: string) => {
      const m1 = modelOf(a, 'a.md');
      const m2 = modelOf(b, 'b.md');
      return {
        ...m1,
        documents: [...m1.documents, ...m2.documents.map((d) => ({ ...d, id: 'b' }))],
        activities: [...m1.activities, ...m2.activities.map((x) => ({ ...x, document: 'b' }))],
      } as Model;
    };
    const both = two(table(noR, 'rules:\n  responsible-missing: { severity: info }'), table(noR));
    expect(runRules(both, { 'responsible-missing': 'error' }).map((d) => [d.file, d.severity])).toEqual([
      ['a.md', 'info'],
      ['b.md', 'error'],
    ]);
  });

  it('applies frontmatter severities to the reader’s diagnostics of that file', () => {
    const text = (front: string) => table('| Build | A/R | Z |\n| Test | C | A/R |\n', front);
    expect(ids(text('rules:\n  unknown-code: warning'))).toEqual([['unknown-code', 'warning', 8]]);
    expect(ids(text('rules:\n  unknown-code: off'), { 'unknown-code': 'error' })).toEqual([]);
  });

  it('merges options key by key: frontmatter over configuration over defaults', () => {
    const wide = (front: string) =>
      `---\n${front}\n---\n## RACI\n| Task | Ann | Ben | Cat | Dan |\n|--|--|--|--|--|\n| Build | A/R | C | C | C |\n| X | C | A/R | R | R |\n`;
    const settings = { 'too-many-consulted': { severity: 'error' as const, options: { max: 1 } } };
    expect(runRules(modelOf(wide('rules: {}')), settings).map((d) => [d.ruleId, d.severity])).toEqual([
      ['too-many-consulted', 'error'],
    ]);
    // The frontmatter raises the limit and keeps the configuration's severity.
    expect(runRules(modelOf(wide('rules:\n  too-many-consulted: { max: 3 }')), settings)).toEqual([]);
  });

  it('lets a model rule be turned on or off by the file it reports into', () => {
    const text = (front: string) =>
      `---\n${front}\n---\n## Roles\n### Dev\n### QA\n### Writer\n## RACI\n| Task | Dev | QA |\n|--|--|--|\n| Build | A/R | R |\n`;
    expect(ids(text('rules: {}'))).toEqual([['role-unused', 'warning', 7]]);
    expect(ids(text('rules:\n  role-unused: off'))).toEqual([]);
    expect(ids(text('rules:\n  role-unused: error'), { 'role-unused': 'off' })).toEqual([
      ['role-unused', 'error', 8],
    ]);
  });

  it('turns a rule that throws into an error naming it, and goes on with the others', () => {
    const boom: Rule = {
      id: 'boom',
      description: 'Always throws.',
      defaultSeverity: 'info',
      options: {},
      check: () => {
        throw new Error('kaput');
      },
    };
    const d = runRules(modelOf(table('| Build | R | C |\n')), {}, [boom, ...rules]);
    expect(d.map((x) => [x.ruleId, x.severity, x.message])).toContainEqual([
      'boom',
      'error',
      'Rule boom failed: kaput',
    ]);
    expect(d.map((x) => x.ruleId)).toContain('accountable-missing');
  });

  it('sorts by file, position and severity, the same way on every machine', () => {
    const d = (file: string, line: number, severity: 'error' | 'info', ruleId = 'x') => ({
      ruleId,
      severity,
      message: '',
      file,
      line,
      column: 1,
    });
    expect(
      sortDiagnostics([
        d('b.md', 1, 'error'),
        d('a.md', 2, 'info'),
        d('a.md', 2, 'error'),
        d('B.md', 9, 'info'),
      ]).map((x) => `${x.file}:${x.line}:${x.severity}`),
    ).toEqual(['B.md:9:info', 'a.md:2:error', 'a.md:2:info', 'b.md:1:error']);
  });

  it('every rule has an id, a description, why and how, and a default severity', () => {
    const seen = new Set<string>();
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(seen.has(rule.id), rule.id).toBe(false);
      seen.add(rule.id);
      expect(rule.description.length, rule.id).toBeGreaterThan(10);
      expect(rule.rationale?.length ?? 0, `${rule.id} rationale`).toBeGreaterThan(10);
      expect(rule.fix?.length ?? 0, `${rule.id} fix`).toBeGreaterThan(5);
      expect(['error', 'warning', 'info', 'off']).toContain(rule.defaultSeverity);
      for (const [name, option] of Object.entries(rule.options)) {
        expect(option.description.length, `${rule.id}.${name}`).toBeGreaterThan(5);
      }
    }
  });

  it('lists the public rule ids of the issue', () => {
    const ids = rules.map((r) => r.id);
    for (const id of [
      'accountable-missing',
      'accountable-multiple',
      'responsible-missing',
      'only-consulted-informed',
      'too-many-responsible',
      'too-many-consulted',
      'too-many-informed',
      'role-overloaded',
      'role-everywhere',
      'role-no-ownership',
      'role-unused',
      'unknown-code',
      'unknown-role',
      'duplicate-activity',
      'duplicate-role',
      'placeholder-accountable',
      'ragged-row',
      'confusable-code',
      'same-role-r-and-a',
    ])
      expect(ids).toContain(id);
    const severity = Object.fromEntries(rules.map((r) => [r.id, r.defaultSeverity]));
    expect(severity).toMatchObject({
      'too-many-responsible': 'info',
      'too-many-consulted': 'warning',
      'too-many-informed': 'info',
      'role-everywhere': 'info',
      'same-role-r-and-a': 'off',
      'duplicate-activity': 'warning',
      'duplicate-role': 'error',
    });
  });
});
