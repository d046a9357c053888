import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixBookmarks, Renamer } from '../src/render/docx/bookmarks.js';

/**
 * The bookmark renumbering of a DOCX body (src/render/docx/bookmarks.ts) against the two regular
 * expression passes it replaces, kept here as its specification, on text made of the pieces that
 * matter (prefixes, `_Toc`, digits, bookmark tags, quotes, brackets) and anything else.
 */
function byRegex(xml: string): string {
  const names = new Renamer((i) => `_Toc${String(i).padStart(9, '0')}`);
  const ids = new Renamer((i) => String(i));
  return xml
    .replace(
      /(w:name="|w:anchor="|PAGEREF )(_Toc\d+)/g,
      (_m, before: string, name: string) => before + names.get(name),
    )
    .replace(/<w:bookmark(?:Start|End)\b[^>]*>/g, (tag) =>
      tag.replace(/w:id="(\d+)"/, (_m, id: string) => `w:id="${ids.get(id)}"`),
    );
}

const piece = fc.oneof(
  fc.constantFrom(
    'w:name="',
    'w:anchor="',
    'PAGEREF ',
    'PAGEREF',
    '_Toc',
    '_To',
    '0',
    '7',
    '123',
    '"',
    '>',
    '<',
    ' ',
    '<w:bookmark',
    '<w:bookmarkStart',
    '<w:bookmarkEnd',
    'Start',
    'End',
    'x',
    '_',
    'w:id="',
    'w:id=',
    ' w:id="4"',
    '/>',
    '<w:p>',
  ),
  fc.string({ maxLength: 4 }),
);

describe('fixBookmarks', () => {
  it('renames as the regular expressions did, on any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const xml = pieces.join('');
        expect(fixBookmarks(xml)).toBe(byRegex(xml));
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers the contents’ bookmarks and their ids in document order', () => {
    const body = [
      '<w:instrText xml:space="preserve">PAGEREF _Toc4242 \\h</w:instrText>',
      '<w:hyperlink w:anchor="_Toc77">',
      '<w:bookmarkStart w:id="9" w:name="_Toc77"/>x<w:bookmarkEnd w:id="9"/>',
      '<w:bookmarkStart w:id="3" w:name="_Toc4242"/>y<w:bookmarkEnd w:id="3"/>',
      // Not after a name, an anchor or PAGEREF: text like any other.
      '<w:t>_Toc5 and w:id="8"</w:t>',
    ].join('');
    expect(fixBookmarks(body)).toBe(
      [
        '<w:instrText xml:space="preserve">PAGEREF _Toc000000001 \\h</w:instrText>',
        '<w:hyperlink w:anchor="_Toc000000002">',
        '<w:bookmarkStart w:id="1" w:name="_Toc000000002"/>x<w:bookmarkEnd w:id="1"/>',
        '<w:bookmarkStart w:id="2" w:name="_Toc000000001"/>y<w:bookmarkEnd w:id="2"/>',
        '<w:t>_Toc5 and w:id="8"</w:t>',
      ].join(''),
    );
    // Another element whose name starts the same, and a tag never closed, keep their ids.
    expect(fixBookmarks('<w:bookmarkStartx w:id="5"><w:bookmarkEnd_ w:id="5"/><w:bookmarkEnd w:id="5"')).toBe(
      '<w:bookmarkStartx w:id="5"><w:bookmarkEnd_ w:id="5"/><w:bookmarkEnd w:id="5"',
    );
    // The first id given in digits is the one renumbered.
    expect(fixBookmarks('<w:bookmarkEnd w:id="x" w:id="12" w:id="13"/>')).toBe(
      '<w:bookmarkEnd w:id="x" w:id="1" w:id="13"/>',
    );
    // Text at the very start is not taken for a prefix.
    expect(fixBookmarks('_Toc1 w:name="_Toc1"')).toBe('_Toc1 w:name="_Toc000000001"');
  });
});
