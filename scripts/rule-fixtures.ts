/**
 * The rules' fixtures: `test/fixtures/rules/<rule-id>/ok.md` and `not-ok.md` (more may follow:
 * `not-ok-2.md`), each ending with the diagnostics it must produce:
 *
 * ```markdown
 * <!-- expected
 * 5:1-5:27  error  Missing accountable role (A) on "Build", expected exactly 1  accountable-missing
 * -->
 * ```
 *
 * A fixture without the block must produce no diagnostics at all. `config-invalid` fixtures are
 * configuration files (`.yaml`) with the block as `# expected` comment lines. The tests check
 * every fixture, and docs/rules.md shows them as examples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDocumentSettings } from '../src/config/frontmatter.js';
import { parseConfig } from '../src/config/load.js';
import type { Diagnostic } from '../src/model/types.js';
import { loadSources } from '../src/read/load.js';
import type { RuleExample } from '../src/rules/docs.js';
import { runRules } from '../src/rules/engine.js';

export interface Fixture extends RuleExample {
  ruleId: string;
  /** What the fixture says it must produce. */
  expected: string[];
}

/** `14:3-14:28  error  message  rule-id`, the line format of fixtures and of the docs' examples. */
export function fixtureLine(d: Diagnostic): string {
  const end = d.endLine !== undefined && d.endColumn !== undefined ? `-${d.endLine}:${d.endColumn}` : '';
  return `${d.line}:${d.column}${end}  ${d.severity}  ${d.message}  ${d.ruleId}`;
}

const MD_BLOCK = /\n*<!-- expected\n([\s\S]*?)-->\s*$/u;
const YAML_BLOCK = /\n*# expected\n((?:# .*\n?)*)\s*$/u;

/** Splits a fixture into its text and its expected diagnostics. */
export function splitFixture(text: string, yaml: boolean): { text: string; expected: string[] } {
  const m = (yaml ? YAML_BLOCK : MD_BLOCK).exec(text);
  if (!m) return { text, expected: [] };
  const lines = (m[1] ?? '')
    .split('\n')
    .map((l) => (yaml ? l.replace(/^# /u, '') : l).trim())
    .filter((l) => l !== '');
  return { text: `${text.slice(0, m.index)}\n`, expected: lines };
}

/** The diagnostics rolemark reports for a fixture, read alone, with default settings. */
export function diagnoseFixture(path: string, text: string): Diagnostic[] {
  if (path.endsWith('.yaml')) return parseConfig(text, path).diagnostics;
  return runRules(loadSources([{ file: path, text }], withDocumentSettings()));
}

/** Every fixture under `dir` (test/fixtures/rules), by rule id, not-ok before ok. */
export function readFixtures(dir: string): Map<string, Fixture[]> {
  const byRule = new Map<string, Fixture[]>();
  for (const ruleId of readdirSync(dir).sort()) {
    const files = readdirSync(join(dir, ruleId))
      .filter((f) => /^(ok|not-ok)(-\d+)?\.(md|yaml)$/u.test(f))
      .sort((a, b) => Number(a.startsWith('ok')) - Number(b.startsWith('ok')) || a.localeCompare(b, 'en'));
    const fixtures = files.map((f): Fixture => {
      const path = `${dir}/${ruleId}/${f}`.replace(/\\/gu, '/');
      const raw = readFileSync(join(dir, ruleId, f), 'utf8');
      const { text, expected } = splitFixture(raw, f.endsWith('.yaml'));
      return {
        ruleId,
        kind: f.startsWith('ok') ? 'ok' : 'not-ok',
        path,
        text,
        expected,
        diagnostics: diagnoseFixture(path, raw).map(fixtureLine),
      };
    });
    byRule.set(ruleId, fixtures);
  }
  return byRule;
}
