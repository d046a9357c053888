import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/read/markdown.js';

/** The reader's processor before it left literal autolinks out of text that cannot have one. */
const full = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

/** Pieces of charts and of everything GFM reads: tables, footnotes, strikethrough, task lists. */
const PIECES = [
  '| Activity | PM | Dev |\n|---|:-:|--:|\n| Plan | A/R | C |\n',
  '| a | b |\n| - | - |\n| `x|y` | \\| |\n',
  '---\ntitle: Team\n---\n',
  '# Roles\n',
  '### Product Manager (PM)\n',
  '- **Focus:** strategy\n',
  '- [ ] todo\n- [x] done\n',
  '1. one\n2. two\n',
  'Text with a footnote[^1].\n\n[^1]: The note.\n',
  '~~struck~~ and ~one~ tilde\n',
  '[link](http:x) and [ref][r]\n\n[r]: /url\n',
  '<b>bold</b> <br> <!-- comment -->\n',
  '> quote\n',
  '```\ncode | a\n```\n',
  '    indented\n',
  'ww.example.org wwwx http:/x ftp:x mailto:x xmpp:x @@ user at host\n',
  'PM–PO collaboration “quoted”\n',
  '\n',
  '*',
  '_',
  '|',
  '[',
  ']',
  '^',
  '~',
  ':',
  '/',
  '.',
  'w',
  'W',
  'h',
  '\\',
  '`',
  '-',
  ' ',
  '\t',
];

describe('parseMarkdown without literal autolinks where there can be none', () => {
  it('gives the same tree as remark-gfm for every Markdown file of the tests and the example', () => {
    const files = [...markdownFiles('test/fixtures'), ...markdownFiles('content')];
    expect(files.length).toBeGreaterThan(200);
    let plain = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!/[@&]|www\.|:\/\//iu.test(text)) plain++;
      expect(parseMarkdown(text), file).toEqual(full.parse(text));
    }
    // Most of them take the path without autolinks.
    expect(plain).toBeGreaterThan(150);
  });

  it('gives the same tree as remark-gfm for text assembled from GFM constructs', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        expect(parseMarkdown(text)).toEqual(full.parse(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'|-:[]^~*_`\\w.h/ \nx1<>!()#'), maxLength: 60 }),
        (text) => {
          expect(parseMarkdown(text)).toEqual(full.parse(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('still reads literal autolinks, and addresses made by character references', () => {
    for (const text of [
      'See www.example.org.',
      'Mail a.b@example.org',
      'HTTPS://example.org/x',
      'WWW.EXAMPLE.ORG',
      'a&#64;example.org',
      '&#x77;ww.example.org',
      '| Activity | PM |\n|---|---|\n| Read https://x.org | A |\n',
    ]) {
      const tree = parseMarkdown(text);
      expect(tree, text).toEqual(full.parse(text));
      expect(JSON.stringify(tree), text).toContain('"type":"link"');
    }
  });
});
