/**
 * Templates have the limits of content (issue 18): before, 10,000 nested `>` overflowed the
 * stack, a 64,000-character word took the writers more than 120 s, and 100,000 unknown
 * placeholders took 86 s to list. Each is now refused with its place, at once.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError } from '../src/templates/template.js';

const FRONT = '---\nname: t\nper: document\n---\n';

function problems(body: string): string[] {
  try {
    parseTemplate('t.md', `${FRONT}${body}`, 't');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as TemplateError).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  }
}

describe('templates at the limits of content', () => {
  it('refuses block quotes nested 10,000 deep, at their line', () => {
    expect(problems(`# T\n\n${'> '.repeat(10_000)}quote\n`)).toEqual([
      expect.stringMatching(
        /^7:1 Unexpected nesting of 10,000 levels of lists or block quotes, above the limit of 32: a template has the limits of content$/u,
      ),
    ]);
  });

  it('refuses a word of 64,000 characters', () => {
    expect(problems(`# T\n\nData: ${'QUJD'.repeat(16_000)} end.\n`)).toEqual([
      expect.stringMatching(
        /^7:7 Unexpected word of 64,000 characters, above the limit of 1,000: a template/u,
      ),
    ]);
  });

  it('lists 100 of 100,000 unknown placeholders, quickly', () => {
    const list = problems(`# T\n\n${'{{nope}} '.repeat(100_000)}\n`);
    expect(list).toHaveLength(100);
    expect(list[0]).toMatch(/^7:1 Unknown placeholder `\{\{nope\}\}`/u);
  });

  it('reads 20,000 known placeholders in one paragraph without placing each', () => {
    expect(problems(`# T\n\n${'{{document.title}} '.repeat(20_000)}\n`)).toEqual([]);
  });
});
