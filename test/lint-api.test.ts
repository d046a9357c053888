import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import * as lint from '../src/lint.js';

/** The reading and checking half of the API (`rolemark/lint`), which `rolemark check` itself uses. */
describe('rolemark/lint', () => {
  it('is the same functions as the whole API, every one of them', () => {
    expect(Object.keys(lint).sort()).toEqual([
      'check',
      'decodeText',
      'findInputs',
      'findRule',
      'formatFiles',
      'formatSources',
      'load',
      'loadConfig',
      'loadText',
      'parseRuleFlag',
      'readerProblems',
      'resolveOptions',
      'ruleDocs',
      'rules',
    ]);
    for (const [name, value] of Object.entries(lint))
      expect([name, (api as Record<string, unknown>)[name] === value]).toEqual([name, true]);
  });

  it('is a subpath of the package, typed', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.exports['./lint']).toEqual({ types: './dist/lint.d.ts', import: './dist/lint.js' });
  });

  it('checks text', () => {
    const model = lint.loadText([
      { file: 't.md', text: '| Activity | Dev | Ops |\n|---|---|---|\n| Ship | R | R |\n' },
    ]);
    expect(lint.check(model).map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toContain(
      '3:1 accountable-missing',
    );
  });
});
