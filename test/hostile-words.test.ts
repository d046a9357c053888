/**
 * One definition of a word, shared by the limit and the writers (issue 18): words joined by
 * no-break spaces are one word to the writers' line breaking, so they are one word to the
 * `wordLength` limit and to the DOCX page-number estimate's cost too.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/index.js';
import { WORD_BREAK } from '../src/read/long-words.js';
import { longWordCost } from '../src/render/docx/layout-cost.js';

const chart = '| Activity | Lead |\n|---|---|\n| Ship | A/R |\n';

const limits = (text: string) =>
  loadText([{ file: 't.md', text }])
    .diagnostics.filter((d) => d.ruleId === 'input-limit')
    .map((d) => `${d.line}:${d.column} ${d.message.replace(/, above.*$/su, '')}`);

describe('words joined by spaces that do not break', () => {
  it.each([
    ['U+00A0 no-break space', '\u00A0'],
    ['U+202F narrow no-break space', '\u202F'],
    ['U+2007 figure space', '\u2007'],
    ['U+2060 word joiner', '\u2060'],
    ['U+FEFF', '\uFEFF'],
  ])('%s: one word to the wordLength limit', (_name, glue) => {
    const word = Array.from({ length: 2000 }, () => 'abcdef').join(glue);
    expect(limits(`# T\n\nText ${word} end.\n\n${chart}`)).toEqual([
      `3:6 Unexpected word of ${word.length.toLocaleString('en')} characters`,
    ]);
  });

  it('a role name of no-break-space-joined words is shortened like any long word', () => {
    const name = Array.from({ length: 4000 }, () => 'Lead').join('\u00A0');
    const model = loadText([
      {
        file: 't.md',
        text: `# T\n\n## Roles\n### ${name}\nPurpose.\n\n## Responsibilities\n| Activity | ${name} |\n|---|---|\n| Ship | A/R |\n`,
      },
    ]);
    expect(model.roles[0]?.name.length).toBeLessThanOrEqual(1001);
    expect(
      model.diagnostics.some((d) => d.ruleId === 'input-limit' && d.message.includes('wordLength')),
    ).toBe(true);
  });

  it('ordinary spaces, tabs, ideographic and zero-width spaces still break words', () => {
    for (const space of [' ', '\t', '\u3000', '\u200B', '\u2003']) {
      const text = Array.from({ length: 2000 }, () => 'abcdef').join(space);
      expect(limits(`# T\n\n${text}\n\n${chart}`), JSON.stringify(space)).toEqual([]);
      expect(text.split(WORD_BREAK)).toHaveLength(2000);
    }
  });

  it('the DOCX page-number estimate counts a no-break-space-joined run as the one long word it is', () => {
    const word = Array.from({ length: 100 }, () => 'abcdef').join('\u00A0');
    const ir = { blocks: [{ type: 'paragraph', text: word }] } as unknown as Parameters<
      typeof longWordCost
    >[0];
    expect(longWordCost(ir)).toBe(word.length * word.length);
  });
});
