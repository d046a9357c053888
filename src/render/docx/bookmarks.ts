/**
 * Renumbers the bookmarks of a DOCX body in document order (package.ts): docx names the contents'
 * bookmarks `_Toc<counter>` and numbers bookmark ids from counters shared by every document of the
 * process, so a document's bytes depended on what the process wrote before.
 *
 * The same as these two passes, which it replaces:
 *
 *     xml.replace(/(w:name="|w:anchor="|PAGEREF )(_Toc\d+)/g, (_m, before, name) => before + names.get(name))
 *        .replace(/<w:bookmark(?:Start|End)\b[^>]*>/g, (tag) =>
 *          tag.replace(/w:id="(\d+)"/, (_m, id) => `w:id="${ids.get(id)}"`));
 *
 * but searching with `indexOf` for the few places to change: a replace with a function walks the
 * whole part through the regular expression engine's slower path, ~1 ms a document of the M set
 * for these two passes. `test/docx-bookmarks.test.ts` compares the two on hostile text.
 */

/** Renames matched ids in order of first appearance, the same way in every part that uses them. */
export class Renamer {
  private readonly names = new Map<string, string>();
  constructor(private readonly make: (index: number) => string) {}
  get(id: string): string {
    let name = this.names.get(id);
    if (name === undefined) {
      name = this.make(this.names.size + 1);
      this.names.set(id, name);
    }
    return name;
  }
}

const isDigit = (code: number) => code >= 48 && code <= 57;
/** `\w` of a regular expression without the `u` flag. */
const isWord = (code: number) =>
  isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/** The end of the digits from `at`. */
function digitsEnd(s: string, at: number): number {
  let end = at;
  while (end < s.length && isDigit(s.charCodeAt(end))) end++;
  return end;
}

const NAMED_AFTER = ['w:name="', 'w:anchor="', 'PAGEREF '];

/** Each `_Toc<digits>` just after one of NAMED_AFTER, renamed. */
function renameTocs(xml: string, names: Renamer): string {
  let out = '';
  let from = 0;
  for (let at = xml.indexOf('_Toc'); at >= 0; ) {
    const end = digitsEnd(xml, at + 4);
    const named = NAMED_AFTER.some(
      (before) => at >= before.length && xml.startsWith(before, at - before.length),
    );
    if (end > at + 4 && named) {
      out += xml.slice(from, at) + names.get(xml.slice(at, end));
      from = end;
    }
    at = xml.indexOf('_Toc', Math.max(end, at + 1));
  }
  return from === 0 ? xml : out + xml.slice(from);
}

/** The first `w:id="<digits>"` in the tag, renumbered. */
function renumberTag(tag: string, ids: Renamer): string {
  for (let at = tag.indexOf('w:id="'); at >= 0; at = tag.indexOf('w:id="', at + 1)) {
    const end = digitsEnd(tag, at + 6);
    if (end > at + 6 && tag.charCodeAt(end) === 34)
      return `${tag.slice(0, at)}w:id="${ids.get(tag.slice(at + 6, end))}"${tag.slice(end + 1)}`;
  }
  return tag;
}

/** Each `<w:bookmarkStart …>` and `<w:bookmarkEnd …>` with its first id renumbered. */
function renumberBookmarks(xml: string, ids: Renamer): string {
  let out = '';
  let from = 0;
  for (let at = xml.indexOf('<w:bookmark'); at >= 0; ) {
    const kind = xml.startsWith('Start', at + 11) ? 5 : xml.startsWith('End', at + 11) ? 3 : 0;
    const after = at + 11 + kind;
    const close = kind && !isWord(xml.charCodeAt(after)) ? xml.indexOf('>', after) : -1;
    if (close < 0) {
      at = xml.indexOf('<w:bookmark', at + 1);
      continue;
    }
    out += xml.slice(from, at) + renumberTag(xml.slice(at, close + 1), ids);
    from = close + 1;
    at = xml.indexOf('<w:bookmark', from);
  }
  return from === 0 ? xml : out + xml.slice(from);
}

/** Renumbers bookmark ids and docx's `_Toc<counter>` bookmark names in document order. */
export function fixBookmarks(xml: string): string {
  const names = new Renamer((i) => `_Toc${String(i).padStart(9, '0')}`);
  const ids = new Renamer((i) => String(i));
  return renumberBookmarks(renameTocs(xml, names), ids);
}
