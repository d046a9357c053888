import { describe, expect, it } from 'vitest';
import { readFixtures } from '../../scripts/rule-fixtures.js';
import { RACI } from '../../src/model/schemes.js';
import type { Model } from '../../src/model/types.js';
import { runRules } from '../../src/rules/engine.js';
import { rules } from '../../src/rules/index.js';
import { modelOf } from '../helpers.js';

/** Every rule on, at its default or as a warning when it is off by default. */
const ALL_ON = Object.fromEntries(
  rules.map((r) => [r.id, r.defaultSeverity === 'off' ? ('warning' as const) : r.defaultSeverity]),
);

/** A deep copy without any `source`: what a model built in code, not read from Markdown, looks like. */
function withoutPositions(model: Model): Model {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => k !== 'source')
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return value;
  };
  return { ...(strip(model) as Model), diagnostics: [] };
}

const modelRuleIds = (m: Model) =>
  runRules(m, ALL_ON)
    .filter((d) => rules.find((r) => r.id === d.ruleId)?.check)
    .map((d) => `${d.ruleId}: ${d.message}`)
    .sort();

describe('every rule on a model without positions', () => {
  for (const [ruleId, list] of readFixtures('test/fixtures/rules')) {
    for (const fixture of list.filter((f) => f.path.endsWith('.md'))) {
      it(`${fixture.path}: the same findings, pointed at the document`, () => {
        const model = modelOf(fixture.text, fixture.path);
        const bare = withoutPositions(model);
        expect(JSON.stringify(bare)).not.toContain('"line"');
        const found = runRules(bare, ALL_ON);
        expect(found.filter((d) => d.message.includes('failed'))).toEqual([]);
        // Same rules, same messages; only the places differ.
        expect(modelRuleIds(bare)).toEqual(modelRuleIds({ ...model, diagnostics: [] }));
        for (const d of found) {
          expect(d.file, ruleId).toBe(fixture.path);
          expect([d.line, d.column]).toEqual([1, 1]);
        }
      });
    }
  }

  it('does not crash on an empty model, or on activities whose document is missing', () => {
    const empty: Model = {
      title: null,
      scheme: RACI,
      documents: [],
      roles: [],
      activities: [],
      diagnostics: [],
    };
    expect(runRules(empty, ALL_ON)).toEqual([]);
    const orphan: Model = {
      ...empty,
      roles: [
        { id: 'dev', name: 'Dev', aliases: [], purpose: '', fields: [], documents: [], implicit: false },
        { id: 'tbd', name: 'TBD', aliases: [], purpose: '', fields: [], documents: [], implicit: true },
      ],
      activities: [
        {
          id: 'build',
          name: 'Build',
          group: null,
          document: 'nowhere',
          assignments: [
            { role: 'dev', codes: ['A'] },
            { role: 'tbd', codes: ['A'] },
          ],
        },
      ],
    };
    const found = runRules(orphan, ALL_ON);
    expect(found.filter((d) => d.message.includes('failed'))).toEqual([]);
    expect(found.map((d) => [d.ruleId, d.file, d.line])).toEqual(
      expect.arrayContaining([
        ['accountable-multiple', '', 1],
        ['placeholder-accountable', '', 1],
        ['responsible-missing', '', 1],
      ]),
    );
  });
});
