import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggest as configSuggest } from '../src/config/validate.js';
import { didYouMean } from '../src/model/did-you-mean.js';
import { suggest as templateSuggest } from '../src/templates/placeholders.js';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('one did-you-mean for the config, the CLI and the templates', () => {
  it('suggests typos, prefixes and swapped letters, case aside', () => {
    expect(didYouMean('reportr', ['reporter', 'format'])).toBe('reporter');
    expect(didYouMean('titel', ['title', 'date'])).toBe('title');
    expect(didYouMean('warn', ['error', 'warning', 'info', 'off'])).toBe('warning');
    expect(didYouMean('of', ['error', 'warning', 'info', 'off'])).toBe('off');
    expect(didYouMean('Acountable-Missing', ['accountable-missing', 'responsible-missing'])).toBe(
      'accountable-missing',
    );
  });

  it('suggests nothing for words that are not near any candidate', () => {
    expect(didYouMean('a', ['at', 'as'])).toBeUndefined();
    expect(didYouMean('banana', ['format', 'quiet'])).toBeUndefined();
    expect(didYouMean('', ['format'])).toBeUndefined();
    expect(didYouMean('format', [])).toBeUndefined();
  });

  it('is the same function behind the config and the templates', () => {
    for (const [word, list] of [
      ['titel', ['title', 'role.name']],
      ['severty', ['severity', 'options']],
      ['zzz', ['title']],
    ] as const) {
      expect(configSuggest(word, list)).toBe(didYouMean(word, list));
      expect(templateSuggest(word, list)).toBe(didYouMean(word, list));
    }
  });

  it('no other source file computes an edit distance', () => {
    const users = sources('src').filter((f) => {
      const text = readFileSync(f, 'utf8');
      return text.includes('fastest-levenshtein') || /function\s+(distance|levenshtein)\s*\(/iu.test(text);
    });
    expect(users).toEqual([join('src', 'model', 'did-you-mean.ts')]);
  });
});
