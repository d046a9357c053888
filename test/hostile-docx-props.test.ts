/**
 * Any string in any content field yields a DOCX the OOXML validator accepts (issue 18): the
 * frontmatter's `lang: 'en" …'` once reached word/styles.xml unescaped. Strings are put in every
 * field a charter shows (frontmatter title, version, owner, date, lang, team; the heading, role
 * and activity names, prose, a role's purpose) and the team and role charters are rendered and
 * validated. FUZZ_RUNS sets the number of cases (the default keeps `npm test` fast).
 */
import validate from '@ooxml-tools/validate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, loadText, render } from '../src/index.js';

// About 2 s a case (two renders and two validations): a few in `npm test`, more with FUZZ_RUNS.
const RUNS = Math.max(2, Math.round((Number(process.env.FUZZ_RUNS) || 0) / 100));

/** Strings that break markup: quotes, XML and replacement syntax, controls, other scripts. */
const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'en" xml:space="x',
    'en"x',
    "en'><w:b/>",
    'constructor',
    '__proto__',
    "$& $' $` $$",
    ']]><!--',
    '&amp;&#0;&#x1;',
    '<w:p>',
    'de_AT',
    'zh-Hant-TW',
    '\u0000\u0008\uFFFE\uD800',
  ),
);

const yaml = (s: string) => JSON.stringify(s);
/** A string as Markdown text on one line: table pipes and line ends would change the shape. */
const inline = (s: string) => s.replace(/[|\r\n\u2028\u2029]/gu, ' ').trim() || 'x';

describe('any string in any content field', () => {
  it('gives team and role charters in DOCX that the OOXML validator accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 10, maxLength: 10 }), async (s) => {
        const [title, version, owner, date, lang, team, role, activity, prose, purpose] = s as string[];
        const text = [
          '---',
          `title: ${yaml(title as string)}`,
          `version: ${yaml(version as string)}`,
          `owner: ${yaml(owner as string)}`,
          `date: ${yaml(date as string)}`,
          `lang: ${yaml(lang as string)}`,
          `team: ${yaml(team as string)}`,
          '---',
          `# ${inline(title as string)}`,
          '',
          inline(prose as string),
          '',
          '## Roles',
          `### ${inline(role as string)}`,
          inline(purpose as string),
          '',
          '## Responsibilities',
          `| Activity | ${inline(role as string)} | Dev |`,
          '|---|---|---|',
          `| ${inline(activity as string)} | A/R | C |`,
          '',
        ].join('\n');
        const model = loadText([{ file: 'team.md', text }]);
        const document = model.documents[0];
        if (!document) return;
        const irs = [
          compose(model, { document: document.id }, { date: '2026-01-31' }),
          ...model.roles.slice(0, 1).map((r) => compose(model, { role: r.id }, { date: '2026-01-31' })),
        ];
        for (const ir of irs) {
          const docx = await render(ir, 'docx');
          const errors = await validate(new Uint8Array(docx), 'docx');
          expect(errors, JSON.stringify(s)).toEqual([]);
        }
      }),
      {
        numRuns: RUNS,
        // The cases that broke the DOCX: a quote in `lang` everywhere, and replacement patterns.
        examples: [
          [['a"b', '1"', '<o>', '2026', 'en" xml:space="x', 't"', 'R"&', "A'<", '$&', "$'"]],
          [['t', 'v', 'o', 'd', 'constructor', '__proto__', 'constructor', '$`', '&#0;', '\u0000']],
        ],
        ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
      },
    );
  });
});
