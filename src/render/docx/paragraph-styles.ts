/**
 * A paragraph docx adds on its own (the end of the contents field, a section break after a table)
 * gets the Normal style named, so that every paragraph of the body names its style (package.ts).
 *
 * The same as these four passes, which it replaces, one after the other:
 *
 *     xml.replace(/<w:p(\s[^>]*)?\/>/g, (_m, a = '') => `<w:p${a}><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>`)
 *        .replace(/<w:pPr\s*\/>/g, '<w:pPr></w:pPr>')
 *        .replace(/<w:p(\s[^>]*)?>(?!<w:pPr>)/g, (_m, a = '') => `<w:p${a}><w:pPr><w:pStyle w:val="Normal"/></w:pPr>`)
 *        .replace(/<w:pPr>(?!<w:pStyle )/g, '<w:pPr><w:pStyle w:val="Normal"/>');
 *
 * but each searching with `indexOf` for its start and deciding there: a replace with a function
 * walks the whole part through V8's slower path. `test/docx-paragraph-styles.test.ts` compares
 * the two on hostile text.
 */

const NORMAL = '<w:pStyle w:val="Normal"/>';
const SPACE = /\s/;

/**
 * The text with each match of a pattern starting with `start` replaced: `match(i)` says, for an
 * occurrence of `start` at `i`, where the match ends and what replaces it, or undefined when no
 * match starts there (the search goes on from the next character, as a regular expression's).
 */
function replaceAt(
  xml: string,
  start: string,
  match: (i: number) => [end: number, replacement: string] | undefined,
): string {
  let out = '';
  let from = 0;
  for (let i = xml.indexOf(start); i >= 0; ) {
    const found = match(i);
    if (found) {
      out += xml.slice(from, i) + found[1];
      from = found[0];
      i = xml.indexOf(start, Math.max(from, i + 1));
    } else i = xml.indexOf(start, i + 1);
  }
  return from === 0 ? xml : out + xml.slice(from);
}

/** `<w:p(\s[^>]*)?` followed by `tail` at the first `>`: the attributes and the match's end. */
function paragraphTag(xml: string, i: number, tail: '/>' | '>'): [attrs: string, end: number] | undefined {
  const after = i + 4;
  if (SPACE.test(xml.charAt(after))) {
    const gt = xml.indexOf('>', after);
    if (gt < 0) return undefined;
    // `\s[^>]*` ends just before the tail, which ends at the first `>`.
    const tailAt = gt + 1 - tail.length;
    if (tailAt < after + 1 || !xml.startsWith(tail, tailAt)) return undefined;
    return [xml.slice(after, tailAt), gt + 1];
  }
  return xml.startsWith(tail, after) ? ['', after + tail.length] : undefined;
}

export function nameParagraphStyles(xml: string): string {
  const empty = replaceAt(xml, '<w:p', (i) => {
    const tag = paragraphTag(xml, i, '/>');
    return tag && [tag[1], `<w:p${tag[0]}><w:pPr>${NORMAL}</w:pPr></w:p>`];
  });
  const opened = replaceAt(empty, '<w:pPr', (i) => {
    let j = i + 6;
    while (j < empty.length && SPACE.test(empty.charAt(j))) j++;
    return empty.startsWith('/>', j) ? [j + 2, '<w:pPr></w:pPr>'] : undefined;
  });
  const styled = replaceAt(opened, '<w:p', (i) => {
    const tag = paragraphTag(opened, i, '>');
    if (!tag || opened.startsWith('<w:pPr>', tag[1])) return undefined;
    return [tag[1], `<w:p${tag[0]}><w:pPr>${NORMAL}</w:pPr>`];
  });
  return replaceAt(styled, '<w:pPr>', (i) =>
    styled.startsWith('<w:pStyle ', i + 7) ? undefined : [i + 7, `<w:pPr>${NORMAL}`],
  );
}
