/**
 * Property tests (fast-check). `npm test` runs a few hundred cases; `npm run fuzz` runs
 * FUZZ_RUNS (10,000) of each property, nightly-size. A failing case prints its seed and path:
 * re-run with `FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz.test.ts`.
 *
 * - Whatever the string, `loadText` returns a model and diagnostics and never throws, and no
 *   name holds a character a document cannot (controls, lone surrogates).
 * - Whatever the bytes, decoding returns text or refuses the file with a RolemarkError.
 * - For any chart the reader makes of generated Markdown with hostile names, every writer
 *   completes, and the text read back from its output (pdftotext, word/document.xml) holds every
 *   role name and activity name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RolemarkError } from '../src/errors.js';
import { compose, loadText } from '../src/index.js';
import type { Model } from '../src/model/types.js';
import { decodeText } from '../src/read/decode.js';
import { render } from '../src/render/index.js';
import { docxPart, docxText, run, tempDir } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const runs = (inTests: number) => RUNS || inTests;
const replay = {
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
  ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
};
/** Enough time for the runs at a few hundred milliseconds each. */
const timeout = (inTests: number, msPerRun: number) => Math.max(60_000, runs(inTests) * msPerRun);

// biome-ignore lint/suspicious/noControlCharactersInRegex: what no name may hold.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/u;

/** Characters that break naive readers: controls, surrogate halves, markup, separators. */
const nasty = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '\ufffd',
  '\u200b',
  '\u202e',
  '\r',
  '\t',
  '\v',
  '\f',
  '\n',
  '\n\n',
  '---\n',
  '|',
  '\\|',
  '# ',
  '## Roles\n',
  '### ',
  '## Responsibilities\n',
  '|---|---|\n',
  '- ',
  '> ',
  '1. ',
  '**',
  '_',
  '`',
  '```\n',
  '<script>',
  '<!--',
  '-->',
  '[x](javascript:alert(1))',
  '![i](http://x/y.png)',
  'A/R',
  'C (note',
  ')',
);
const markdownish = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 3, arbitrary: fc.constantFrom('a', 'R', 'A', 'C', 'I', ' ', 'PM', 'Dev', '\n') },
    { weight: 2, arbitrary: nasty },
  ),
  maxLength: 300,
});

function expectSafeModel(model: Model): void {
  for (const role of model.roles) expect(role.name, role.id).not.toMatch(UNSAFE);
  for (const activity of model.activities) expect(activity.name, activity.id).not.toMatch(UNSAFE);
  for (const d of model.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

describe('loadText, whatever the string', () => {
  it(
    'returns a model and diagnostics, never throws, and keeps unsafe characters out of names',
    () => {
      fc.assert(
        fc.property(fc.array(markdownish, { minLength: 1, maxLength: 3 }), (texts) => {
          const model = loadText(texts.map((text, i) => ({ file: `f${i}.md`, text })));
          expectSafeModel(model);
        }),
        { numRuns: runs(300), ...replay },
      );
    },
    timeout(300, 20),
  );

  it(
    'also for any Unicode string at all',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
          expectSafeModel(loadText([{ file: 'any.md', text }]));
        }),
        { numRuns: runs(200), ...replay },
      );
    },
    timeout(200, 20),
  );
});

describe('decoding, whatever the bytes', () => {
  it(
    'returns text the reader takes, or refuses the file with a RolemarkError',
    () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 600 }),
        // Text with a few stray bytes: what a broken copy or an old editor leaves.
        fc.tuple(markdownish, fc.uint8Array({ maxLength: 8 }), fc.nat()).map(([text, junk, at]) => {
          const good = Buffer.from(text, 'utf8');
          const i = good.length === 0 ? 0 : at % good.length;
          return Buffer.concat([good.subarray(0, i), junk, good.subarray(i)]);
        }),
        fc
          .constantFrom(Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0xef, 0xbb, 0xbf]))
          .chain((bom) => fc.uint8Array({ maxLength: 300 }).map((rest) => Buffer.concat([bom, rest]))),
      );
      fc.assert(
        fc.property(bytes, (data) => {
          let text: string;
          try {
            const decoded = decodeText(data, 'x.md');
            text = decoded.text;
            for (const d of decoded.diagnostics) expect(d.ruleId).toBe('input-encoding');
          } catch (error) {
            expect(error).toBeInstanceOf(RolemarkError);
            return;
          }
          expectSafeModel(loadText([{ file: 'x.md', text }]));
        }),
        { numRuns: runs(200), ...replay },
      );
    },
    timeout(200, 20),
  );
});

/** Characters of the names: scripts the bundled fonts draw, markup, and what XML and PDF escape. */
const nameCharacter = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
  },
  { weight: 2, arbitrary: fc.constant(' ') },
  { weight: 2, arbitrary: fc.constantFrom(...'éèêëàçñøßÉÅÆœŁžğıİ') },
  { weight: 1, arbitrary: fc.constantFrom(...'αβγΩЖшщыњ漢字日本語한국') },
  { weight: 2, arbitrary: fc.constantFrom(...'<>&"\'/\\()[]{}%$#@!?+=~^,.;:') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('<script>', '</w:t>', ']]>', '&amp;', '\\(', ')Tj', '{{role.name}}'),
  },
);
const name = fc
  .string({ unit: nameCharacter, minLength: 1, maxLength: 24 })
  .filter((s) => /[\p{L}\p{N}]/u.test(s) && !/^\s|\s$/u.test(s));
const longName = fc
  .tuple(name, fc.integer({ min: 20, max: 120 }))
  .map(([n, repeat]) => `${n} ${'Lorem'.repeat(repeat)} ${n}`.trim());
const anyName = fc.oneof({ weight: 5, arbitrary: name }, { weight: 1, arbitrary: longName });
const code = fc.constantFrom('A/R', 'R', 'A', 'C', 'I', 'C (reviews)', '', '-', 'R, C');

/** A chart with defined roles and a matrix of them, in Markdown. */
const chart = fc
  .tuple(
    fc.uniqueArray(anyName, { minLength: 1, maxLength: 6, selector: (s) => s.toLowerCase() }),
    fc.uniqueArray(anyName, { minLength: 1, maxLength: 8, selector: (s) => s.toLowerCase() }),
    fc.string({ unit: nameCharacter, maxLength: 120 }),
  )
  .chain(([roles, activities, prose]) =>
    fc
      .array(fc.array(code, { minLength: roles.length, maxLength: roles.length }), {
        minLength: activities.length,
        maxLength: activities.length,
      })
      .map((cells) => {
        // Names are written escaped, as an author who means them literally would.
        const md = (s: string) => s.replace(/[\\`*_{}[\]<>()#+\-.!|~]/gu, '\\$&');
        const lines = [
          '# Generated chart',
          '',
          md(prose),
          '',
          '## Roles',
          ...roles.flatMap((r) => [`### ${md(r)}`, `Purpose of the role: ${md(prose)}.`, '']),
          '## Responsibilities',
          `| Activity | ${roles.map(md).join(' | ')} |`,
          `|---|${roles.map(() => '---').join('|')}|`,
          ...activities.map((a, i) => `| ${md(a)} | ${(cells[i] ?? []).join(' | ')} |`),
        ];
        return lines.join('\n');
      }),
  );

/** Text compared without spaces and line breaks, in one Unicode form: writers wrap lines anywhere. */
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u00ad]+/gu, '');

/**
 * The text of a PDF without its page furniture: a name that runs onto the next page is read
 * through the footer (`Source: … Page 1 of 2`) and running header between its two parts.
 */
function pdfTextOf(pdf: Buffer, dir: string): string {
  const path = join(dir, 'out.pdf');
  writeFileSync(path, pdf);
  return withoutFurniture(run('pdftotext', ['-raw', path, '-']));
}

function withoutFurniture(text: string): string {
  // In pdftotext's raw order a page ends with its running header (pages after the first) and its
  // footer, `Source: … Page 2 of 3`: drop the footer, and a line that ends two pages or more.
  const pages = text.split('\f').map((p) => p.split('\n').filter((l) => l.trim() !== ''));
  const footer = /\bPage \d+ of \d+\s*$/u;
  for (const lines of pages) if (footer.test(lines.at(-1) ?? '')) lines.pop();
  const ends = pages.map((lines) => lines.at(-1) ?? '');
  for (const lines of pages) {
    const last = lines.at(-1);
    if (last !== undefined && ends.filter((e) => e === last).length >= 2) lines.pop();
  }
  return pages.map((lines) => lines.join('\n')).join('\n');
}

describe('every writer, for any chart the reader makes', () => {
  it(
    'completes, and the PDF and DOCX read back hold every role and activity name',
    async () => {
      const dir = tempDir('rolemark-fuzz-');
      await fc.assert(
        fc.asyncProperty(chart, fc.nat(), async (markdown, pick) => {
          const model = loadText([{ file: 'chart.md', text: markdown }]);
          const doc = model.documents[0];
          expect(doc, 'a document').toBeDefined();
          if (!doc) return;
          const team = compose(model, { document: doc.id }, { date: null });
          const role = model.roles[pick % model.roles.length];
          const targets: { ir: typeof team; names: string[] }[] = [
            {
              ir: team,
              names: [
                ...model.roles.filter((r) => doc.roles.includes(r.id)).map((r) => r.name),
                ...model.activities.filter((a) => a.document === doc.id).map((a) => a.name),
              ],
            },
          ];
          if (role) {
            const mine = model.activities.filter((a) =>
              a.assignments.some((x) => x.role === role.id && x.codes.length > 0),
            );
            targets.push({
              ir: compose(model, { role: role.id }, { date: null }),
              names: [role.name, ...mine.map((a) => a.name)],
            });
          }
          for (const { ir, names } of targets) {
            const pdf = squash(pdfTextOf(await render(ir, 'pdf'), dir));
            const docx = squash(docxText(docxPart(await render(ir, 'docx'))));
            for (const n of names) {
              expect(pdf, `PDF of ${ir.meta.title} holds ${JSON.stringify(n)}`).toContain(squash(n));
              expect(docx, `DOCX of ${ir.meta.title} holds ${JSON.stringify(n)}`).toContain(squash(n));
            }
          }
        }),
        { numRuns: runs(6), ...replay },
      );
    },
    timeout(6, 3000),
  );
});
