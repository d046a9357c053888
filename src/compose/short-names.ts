import type { MatrixColumn } from '../ir/types.js';

/**
 * The short names that head a matrix's columns when the whole names cannot (a handout's narrow
 * columns, a wide charter, a right-to-left name that a rotated Word cell misplaces), with a key of
 * whole names beside the table. One rule for every writer: the role's own short name (its first
 * alias, IR `short`) where it has one, else an abbreviation made from its name; every short name
 * unique in the matrix, so no two columns read the same. A column that is no role ("Others") keeps
 * its name.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const chars = (text: string): string[] => [...graphemes.segment(text)].map((s) => s.segment);
const LETTER = /\p{L}/u;
/** Scripts written without spaces (Han, kana, Hangul): their first two characters. */
const WIDE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

/**
 * An abbreviation of `name`: the initials of its first four words ("Site Reliability Engineer" →
 * "SRE"), the first three letters of a one-word name ("Qualitätssicherungsbeauftragter" → "QUA"),
 * the first two characters of a name in a script without spaces ("品質保証担当" → "品質"); an
 * Arabic word's initial is taken after its article ("مدير المنتج" → "مم").
 */
export function abbreviate(name: string): string {
  const words = name.split(/[\s\-‐–—/]+/u).filter((w) => LETTER.test(w));
  if (words.length === 0) return chars(name.trim()).slice(0, 3).join('') || '?';
  const first = words[0] as string;
  if (words.length === 1 || WIDE.test(first))
    return chars(first)
      .filter((c) => LETTER.test(c) || /\p{N}/u.test(c))
      .slice(0, WIDE.test(first) ? 2 : 3)
      .join('')
      .toLocaleUpperCase();
  return (
    words
      .slice(0, 4)
      // An Arabic word's article ("المنتج") would give every initial after the first an alef.
      .map((w, i) => (i > 0 ? w.replace(/^ال(?=\p{L}{2})/u, '') : w))
      .map((w) => chars(w).find((c) => LETTER.test(c)) ?? '')
      .join('')
      .toLocaleUpperCase()
  );
}

/**
 * The header text of each column: its short name, or an abbreviation made unique by a number
 * ("SRE", "SRE2"); columns that are no role ("Others", `roleId` empty) keep their names.
 */
export function shortNames(columns: readonly Pick<MatrixColumn, 'roleId' | 'name' | 'short'>[]): string[] {
  const key = (s: string) => s.toLocaleLowerCase();
  // The roles' own short names are taken first: a made-up one never shadows a real one.
  const taken = new Set(columns.flatMap((c) => (c.roleId !== '' && c.short ? [key(c.short)] : [])));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const col of columns) {
    if (col.roleId === '') {
      out.push(col.name);
      continue;
    }
    let name = col.short && !seen.has(key(col.short)) ? col.short : undefined;
    if (name === undefined) {
      const base = col.short ?? abbreviate(col.name);
      name = base;
      for (let n = 2; seen.has(key(name)) || (name !== col.short && taken.has(key(name))); n++)
        name = `${base}${n}`;
    }
    seen.add(key(name));
    out.push(name);
  }
  return out;
}
