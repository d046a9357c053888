import type { Scheme } from '../model/types.js';

export interface ParsedCell {
  /** Codes of the scheme, in scheme order, without duplicates. */
  codes: string[];
  /** Text in parentheses after the codes: `C (reviews)` → `reviews`. */
  note?: string;
  /** Tokens that are not codes of the scheme, as written. */
  unknown: string[];
}

/** What people write for "no part in this activity". */
const NONE = new Set(['', '-', '—', '–', '--', 'n/a', 'na', '/', '.', '·']);
const SEPARATORS = /[\s/,+;&|]+/u;
// Emoji, check marks and other decoration around the letters carry no meaning here.
const DECORATION = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}|[*_`~]/gu;

/**
 * Reads a matrix cell's text (`A/R`, `a, r`, `R+A`, `C (reviews)`) into codes of the scheme.
 * Unknown tokens are returned, not dropped, so the caller can report them.
 */
export function parseCell(text: string, scheme: Scheme): ParsedCell {
  let body = text.normalize('NFKC').trim();
  let note: string | undefined;
  const paren = /\(([^)]*)\)/u.exec(body);
  if (paren) {
    note = paren[1]?.trim() || undefined;
    body = `${body.slice(0, paren.index)} ${body.slice(paren.index + paren[0].length)}`;
  }
  body = body.replace(DECORATION, ' ').trim();
  if (NONE.has(body.toLowerCase()))
    return note ? { codes: [], note, unknown: [] } : { codes: [], unknown: [] };

  const known = new Map(scheme.codes.map((c) => [c.code.toUpperCase(), c.code]));
  const found = new Set<string>();
  const unknown: string[] = [];
  for (const token of body.split(SEPARATORS)) {
    if (token === '') continue;
    const upper = token.toUpperCase();
    const code = known.get(upper);
    if (code) {
      found.add(code);
    } else if ([...upper].every((ch) => known.has(ch)) && upper.length <= known.size) {
      // `AR` written without a separator.
      for (const ch of upper) found.add(known.get(ch) as string);
    } else {
      unknown.push(token);
    }
  }
  const codes = scheme.codes.map((c) => c.code).filter((c) => found.has(c));
  const result: ParsedCell = { codes, unknown };
  if (note) result.note = note;
  return result;
}
