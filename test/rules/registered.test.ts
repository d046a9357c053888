import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/build.js';
import { parseConfig } from '../../src/config/load.js';
import { loadText, type RuleSettings } from '../../src/index.js';
import { diagnostic } from '../../src/rules/diagnostic.js';
import { rules } from '../../src/rules/index.js';
import { tempDir } from '../helpers.js';

/**
 * Every rule id rolemark can report is in the registry (src/rules/index.ts), so that it has docs,
 * a schema entry and a setting. The ids are found in the source where diagnostics are made: the
 * constructor `diagnostic('id', …)`, the reader's `finding('id', …)` and `report(ctx, 'id', …)`, a template's
 * `problems.add(at, message, 'id')`, and object literals `ruleId: 'id'`.
 */
const ID = /^'([a-z]+(?:-[a-z]+)+)'$/;

/** The index of the quote that closes the string literal opened at `open`. */
function stringEnd(source: string, open: number): number {
  const quote = source[open];
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (quote === '`' && c === '$' && source[i + 1] === '{') i = codeEnd(source, i + 1);
  }
  return source.length;
}

/** The index of the bracket that closes the one at `open`, strings and template literals skipped. */
function codeEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') i = stringEnd(source, i);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return i;
  }
  return source.length;
}

/** The top-level arguments of the call whose `(` is at `open`, as source text. */
function callArguments(source: string, open: number): string[] {
  const end = codeEnd(source, open);
  const args: string[] = [];
  let start = open + 1;
  for (let i = open + 1; i < end; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') i = stringEnd(source, i);
    else if (c === '(' || c === '[' || c === '{') i = codeEnd(source, i);
    else if (c === ',') {
      args.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(source.slice(start, end).trim());
  return args;
}

function emittedIds(source: string): string[] {
  const ids: string[] = [];
  for (const m of source.matchAll(/\bruleId:\s*'([a-z]+(?:-[a-z]+)+)'/g)) if (m[1]) ids.push(m[1]);
  for (const m of source.matchAll(/\b(diagnostic|finding|report|\.add)\(/g)) {
    const args = callArguments(source, m.index + m[0].length - 1).filter((a) => a !== '');
    // diagnostic('id', message, place), finding('id', message, at) (the reader's),
    // report(ctx, 'id', message, at), problems.add(at, message, 'id')
    const first = m[1] === 'diagnostic' || m[1] === 'finding';
    const candidate = first ? args[0] : m[1] === 'report' ? args[1] : args.length === 3 ? args[2] : '';
    const id = ID.exec(candidate ?? '')?.[1];
    if (id) ids.push(id);
  }
  return ids;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('every reported rule id is registered', () => {
  const registered = new Set(rules.map((r) => r.id));

  it('finds the ids in the source, in every form a diagnostic is made', () => {
    const source = [
      "diagnostic('lang-unsupported', `No labels for $" + '{x}`, { file, line: 1, column: 1 });',
      'report(',
      '  ctx,',
      "  'ragged-row',",
      '  `Unexpected $' + '{n} cells, expected $' + '{m}`,',
      '  at,',
      ');',
      'problems.add(at, `Unknown \\`$' +
        '{a}\\`; did you mean $' +
        "{b(c, d)}?`, 'template-unknown-directive');",
      // A template literal inside a placeholder of a template literal:
      'problems.add(at, `Unknown $' +
        '{key} in $' +
        '{known.map((k) => `\\`$' +
        "{k}\\``).join(', ')}`, 'yaml-unknown-key');",
      "diagnostics.push(finding('input-empty', empty, { file, line: 1, column: 1 }));",
      "seen.add('not-an-id');",
      "out.push({ ruleId: 'missing-glyph', message });",
    ].join('\n');
    expect(emittedIds(source).sort()).toEqual([
      'input-empty',
      'lang-unsupported',
      'missing-glyph',
      'ragged-row',
      'template-unknown-directive',
      'yaml-unknown-key',
    ]);
  });

  it('has every id that src/ reports in the registry', () => {
    const found = new Map<string, string>();
    for (const file of sourceFiles('src')) {
      for (const id of emittedIds(readFileSync(file, 'utf8'))) if (!found.has(id)) found.set(id, file);
    }
    // The scan must see the reader, the configuration, the templates and the writers.
    expect(found.size).toBeGreaterThan(30);
    const unregistered = [...found]
      .filter(([id]) => !registered.has(id))
      .map(([id, file]) => `${id} (${file})`);
    expect(unregistered).toEqual([]);
  });

  it('refuses an unregistered id at run time, under the tests', () => {
    expect(() => diagnostic('no-such-rule', 'x', { file: 'a.md', line: 1, column: 1 })).toThrow(
      /Unregistered rule id `no-such-rule`/,
    );
    expect(diagnostic('lang-unsupported', 'x', { file: 'a.md', line: 2, column: 3 })).toEqual({
      ruleId: 'lang-unsupported',
      severity: 'warning',
      message: 'x',
      file: 'a.md',
      line: 2,
      column: 3,
    });
  });
});

describe('lang-unsupported is configurable', () => {
  const model = () =>
    loadText([
      {
        file: 'team.md',
        text: '---\nlang: tlh\n---\n# Team\n\n| Activity | Dev |\n|---|---|\n| Ship | A/R |\n',
      },
    ]);
  const build = (rules: RuleSettings) =>
    buildModel(model(), { out: join(tempDir('rolemark-lang-'), 'out'), formats: ['json'], rules });

  it('warns by default, at the document', async () => {
    const result = await build({});
    expect(
      result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`),
    ).toEqual(['team.md:4:1 warning lang-unsupported']);
  });

  it('is silent when off, and an error when set so', async () => {
    expect((await build({ 'lang-unsupported': 'off' })).diagnostics).toEqual([]);
    const strict = await build({ 'lang-unsupported': 'error' });
    expect(strict.ok).toBe(false);
    expect(strict.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });
});

describe('the configuration accepts every registered id', () => {
  it('takes `lang-unsupported: off`, and refuses another severity for a problem that stops the build', () => {
    expect(
      parseConfig('rules:\n  lang-unsupported: off\n  unused-disable: error\n', 'rolemark.config.yaml')
        .diagnostics,
    ).toEqual([]);
    const fatal = parseConfig('rules:\n  template-output: off\n', 'rolemark.config.yaml').diagnostics;
    expect(fatal.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual([
      '2:20 error config-invalid',
    ]);
  });
});
