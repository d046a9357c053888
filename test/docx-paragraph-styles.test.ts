import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameParagraphStyles } from '../src/render/docx/paragraph-styles.js';

/**
 * Naming the Normal style on the paragraphs docx adds (src/render/docx/paragraph-styles.ts)
 * against the four regular expression passes it replaces, kept here as its specification, on text
 * made of the pieces that matter (paragraph and property tags, spaces, slashes, brackets).
 */
function byRegex(xml: string): string {
  return xml
    .replace(
      /<w:p(\s[^>]*)?\/>/g,
      (_m, attrs = '') => `<w:p${attrs}><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>`,
    )
    .replace(/<w:pPr\s*\/>/g, '<w:pPr></w:pPr>')
    .replace(
      /<w:p(\s[^>]*)?>(?!<w:pPr>)/g,
      (_m, attrs = '') => `<w:p${attrs}><w:pPr><w:pStyle w:val="Normal"/></w:pPr>`,
    )
    .replace(/<w:pPr>(?!<w:pStyle )/g, '<w:pPr><w:pStyle w:val="Normal"/>');
}

const piece = fc.oneof(
  fc.constantFrom(
    '<w:p',
    '<w:p>',
    '<w:p/>',
    '<w:p ',
    '<w:pPr',
    '<w:pPr>',
    '<w:pPr/>',
    '<w:pPr />',
    '</w:pPr>',
    '<w:pStyle ',
    '<w:pStyle w:val="Heading1"/>',
    '<w:pgSz/>',
    '</w:p>',
    ' w:rsidR="00A1"',
    '/',
    '>',
    '<',
    ' ',
    '\t',
    '\n',
    '\u00a0',
    '\u2028',
    'x',
  ),
  fc.string({ maxLength: 3 }),
);

describe('nameParagraphStyles', () => {
  it('names the style as the regular expressions did, on any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (pieces) => {
        const xml = pieces.join('');
        expect(nameParagraphStyles(xml)).toBe(byRegex(xml));
      }),
      { numRuns: 4000 },
    );
  });

  it('gives every paragraph a style, and leaves those that name one alone', () => {
    const normal = '<w:pStyle w:val="Normal"/>';
    expect(nameParagraphStyles('<w:p/><w:p w:rsidR="1"/>')).toBe(
      `<w:p><w:pPr>${normal}</w:pPr></w:p><w:p w:rsidR="1"><w:pPr>${normal}</w:pPr></w:p>`,
    );
    expect(nameParagraphStyles('<w:p><w:r/></w:p><w:p><w:pPr/></w:p><w:p><w:pPr><w:jc/></w:pPr></w:p>')).toBe(
      `<w:p><w:pPr>${normal}</w:pPr><w:r/></w:p><w:p><w:pPr>${normal}</w:pPr></w:p><w:p><w:pPr>${normal}<w:jc/></w:pPr></w:p>`,
    );
    const styled = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p><w:pgSz w:w="1"/>';
    expect(nameParagraphStyles(styled)).toBe(styled);
  });
});
