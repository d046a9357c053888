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
 * but searching with `indexOf` for the few places to change, and copying the body once: a replace
 * with a function walks the whole part through the regular expression engine's slower path, and
 * each pass made a copy of the body. `test/docx-bookmarks.test.ts` compares the two on hostile text.
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

/** A change to the body: the text from `from` to `to` becomes `text`. */
type Edit = [from: number, to: number, text: string];

/** Each `_Toc<digits>` just after one of NAMED_AFTER, renamed. */
function tocNames(xml: string, names: Renamer, edits: Edit[]): void {
  for (let at = xml.indexOf('_Toc'); at >= 0; ) {
    const end = digitsEnd(xml, at + 4);
    const named = NAMED_AFTER.some(
      (before) => at >= before.length && xml.startsWith(before, at - before.length),
    );
    if (end > at + 4 && named) edits.push([at, end, names.get(xml.slice(at, end))]);
    at = xml.indexOf('_Toc', Math.max(end, at + 1));
  }
}

/** The first `w:id="<digits>"` of the tag from `from` to `to`, renumbered. */
function tagId(xml: string, from: number, to: number, ids: Renamer, edits: Edit[]): void {
  for (let at = xml.indexOf('w:id="', from); at >= 0 && at < to; at = xml.indexOf('w:id="', at + 1)) {
    const end = digitsEnd(xml, at + 6);
    if (end > at + 6 && end < to && xml.charCodeAt(end) === 34) {
      edits.push([at + 6, end, ids.get(xml.slice(at + 6, end))]);
      return;
    }
  }
}

/** Each `<w:bookmarkStart …>` and `<w:bookmarkEnd …>` with its first id renumbered. */
function bookmarkIds(xml: string, ids: Renamer, edits: Edit[]): void {
  for (let at = xml.indexOf('<w:bookmark'); at >= 0; ) {
    const kind = xml.startsWith('Start', at + 11) ? 5 : xml.startsWith('End', at + 11) ? 3 : 0;
    const after = at + 11 + kind;
    const close = kind && !isWord(xml.charCodeAt(after)) ? xml.indexOf('>', after) : -1;
    if (close < 0) {
      at = xml.indexOf('<w:bookmark', at + 1);
      continue;
    }
    tagId(xml, at, close, ids, edits);
    at = xml.indexOf('<w:bookmark', close + 1);
  }
}

/**
 * Renumbers bookmark ids and docx's `_Toc<counter>` bookmark names in document order. The two
 * passes above are one here: a name never changes a tag's bounds nor its id, so both are found in
 * the body as given, and the body is copied once, with both kinds of change (a copy of a body is
 * a large allocation: ~1.5 ms for 185 kB on the shared VM).
 */
export function fixBookmarks(xml: string): string {
  const names = new Renamer((i) => `_Toc${String(i).padStart(9, '0')}`);
  const ids = new Renamer((i) => String(i));
  const edits: Edit[] = [];
  tocNames(xml, names, edits);
  const named = edits.length;
  bookmarkIds(xml, ids, edits);
  if (edits.length === 0) return xml;
  // Each list is in order and they never overlap: merged by where they start.
  if (named > 0 && named < edits.length) edits.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to, text] of edits) {
    parts.push(xml.slice(at, from), text);
    at = to;
  }
  parts.push(xml.slice(at));
  return parts.join('');
}
