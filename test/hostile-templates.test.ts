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

describe("a template's own `lang`", () => {
  const withLang = (lang: string) => `---\nname: t\nper: document\nlang: ${lang}\n---\n# T\n`;
  const problemsOf = (text: string): string[] => {
    try {
      parseTemplate('t.md', text, 't');
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      return (error as TemplateError).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    }
  };

  // Before, only the part before the first `-` was checked: `en-x"…` passed, as `en`, and reached
  // the DOCX writer's attributes.
  it.each([`'en-x"/><w:b/>'`, `'en"x'`, 'constructor', `'fr-<x>'`])(
    'refuses %s at its line and column',
    (lang) => {
      // At the value: inside its quotes when it has some.
      const at = lang.startsWith("'") ? '4:8' : '4:7';
      expect(problemsOf(withLang(lang))).toEqual([
        `t.md:${at} Invalid language \`${lang.replace(/^'|'$/gu, '')}\`: expected a BCP 47 language tag, such as \`en\`, \`fr-CA\` or \`pt-BR\``,
      ]);
    },
  );

  it('takes a BCP 47 tag, `de_AT` as `de-AT`', () => {
    expect(parseTemplate('t.md', withLang('fr-CA'), 't').meta.lang).toBe('fr-CA');
    expect(parseTemplate('t.md', withLang('de_AT'), 't').meta.lang).toBe('de-AT');
  });
});
