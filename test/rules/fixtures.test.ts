import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFixtures } from '../../scripts/rule-fixtures.js';
import { rules } from '../../src/rules/index.js';

const DIR = 'test/fixtures/rules';
/**
 * Problems a fixture read alone cannot show: a writer's (missing-glyph needs a render:
 * test/pdf-standards.test.ts), inline comments' (unused-disable: test/conventions.test.ts), and
 * templates' and themes' (test/templates*.test.ts, test/hostile-templates.test.ts).
 */
const ELSEWHERE = new Set(['writer', 'inline', 'template']);

const fixtures = readFixtures(DIR);

describe('rule fixtures (test/fixtures/rules/<rule-id>/ok.md and not-ok.md)', () => {
  it('every rule has ok and not-ok fixtures, and every fixture folder is a rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const folder of readdirSync(DIR)) expect(ids.has(folder), `${folder} is not a rule id`).toBe(true);
    for (const rule of rules) {
      if (ELSEWHERE.has(rule.reportedBy ?? 'reader')) continue;
      const list = fixtures.get(rule.id) ?? [];
      expect(
        list.map((f) => f.kind),
        rule.id,
      ).toEqual(expect.arrayContaining(['ok', 'not-ok']));
    }
  });

  for (const [ruleId, list] of fixtures) {
    for (const fixture of list) {
      it(`${fixture.path} reports exactly what it expects`, () => {
        // Ids, severities, lines, columns, ends and messages: all of it.
        expect(fixture.diagnostics).toEqual(fixture.expected);
        const own = fixture.diagnostics.filter((d) => d.endsWith(`  ${ruleId}`));
        if (fixture.kind === 'ok') expect(own).toEqual([]);
        else expect(own.length, `${fixture.path} must show ${ruleId}`).toBeGreaterThan(0);
      });
    }
  }
});
