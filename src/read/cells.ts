import type { Scheme } from '../model/types.js';
import { codeIndex } from './codes.js';
import { type Confusion, deconfuse } from './confusables.js';
import { collapse, trimWhere } from './text.js';
import { fold, MARKS, NO_MARKS } from './vocabulary.js';

export interface ParsedCell {
  /** Codes of the scheme, in scheme order, without duplicates. */
  codes: string[];
  /** Text in parentheses, or after a colon or dash: `C (reviews)`, `A: signs off` → a note. */
  note?: string;
  /** Tokens that are not codes of the scheme, as written. */
  unknown: string[];
  /** Lookalike letters read as Latin codes (`А` in Cyrillic → `A`). */
  confusables?: Confusion[];
}

/** What people write for "no part in this activity". */
const NONE = new Set(['', '-', '—', '–', '--', '---', 'n/a', 'na', '/', '.', '·', '−', '‒', '―', '∅']);
const SEPARATORS = /[\s/\\,+;:&|.\-–—]+/u;
// Emoji, check marks and other decoration around the letters carry no meaning here.
const DECORATION =
  /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}|[*_`~]|[\u{200B}-\u{200F}\u{2060}]/gu;

/**
 * Splits text into what is outside parentheses and the notes inside them. Nested parentheses stay
 * inside their note; an unclosed `(` makes the rest a note, so nothing written is lost.
 */
export function splitNotes(text: string): { body: string; notes: string[] } {
  let body = '';
  let note = '';
  const notes: string[] = [];
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') {
      if (depth > 0) note += ch;
      depth++;
    } else if (ch === ')' && depth > 0) {
      depth--;
      if (depth > 0) note += ch;
      else {
        if (note.trim() !== '') notes.push(note.trim());
        note = '';
        body += ' ';
      }
    } else if (depth > 0) note += ch;
    else body += ch;
  }
  if (note.trim() !== '') notes.push(note.trim());
  return { body, notes };
}

interface Tokens {
  codes: Set<string>;
  unknown: string[];
  confusables: Confusion[];
}

function readTokens(body: string, scheme: Scheme): Tokens {
  const index = codeIndex(scheme);
  const result: Tokens = { codes: new Set(), unknown: [], confusables: [] };
  const whole = index.byLabel(body);
  if (whole && /\p{L}{2}/u.test(body)) {
    // A label written out: `Accountable`, `Out of the loop`, `Responsável`.
    result.codes.add(whole);
    return result;
  }
  for (const token of body.split(SEPARATORS)) {
    if (token === '') continue;
    if (addToken(token, index, result.codes)) continue;
    const confusion = deconfuse(token);
    if (confusion && addToken(confusion.latin, index, result.codes)) {
      result.confusables.push(confusion);
      continue;
    }
    result.unknown.push(token);
  }
  return result;
}

function addToken(token: string, index: ReturnType<typeof codeIndex>, found: Set<string>): boolean {
  const code = index.byCode(token) ?? (/\p{L}{3}/u.test(token) ? index.byLabel(token) : undefined);
  if (code) {
    found.add(code);
    return true;
  }
  const upper = token.toUpperCase();
  const chars = [...upper];
  if (chars.length > 1 && chars.length <= index.letters.size && chars.every((ch) => index.letters.has(ch))) {
    // `AR` written without a separator.
    for (const ch of chars) found.add(index.byCode(ch) as string);
    return true;
  }
  return false;
}

/**
 * Reads a matrix cell's text (`A/R`, `a, r`, `R+A`, `C (reviews)`) into codes of the scheme.
 * Unknown tokens are returned, not dropped, so the caller can report them. Never throws.
 */
export function parseCell(text: string, scheme: Scheme): ParsedCell {
  const { body: outside, notes } = splitNotes(text.normalize('NFKC'));
  let body = outside.replace(DECORATION, ' ').replace(/\s+/gu, ' ').trim();
  if (NONE.has(body.toLowerCase())) body = '';
  let tokens = readTokens(body, scheme);
  // `A: signs off`, `R — lead`: codes, then a note after a colon or a dash.
  const tail = /^(.+?)(?:\s*:\s*|\s+[-–—]\s+)(.+)$/u.exec(body);
  if (tokens.unknown.length > 0 && tail) {
    const head = readTokens(tail[1] as string, scheme);
    if (head.unknown.length === 0 && head.codes.size > 0) {
      tokens = head;
      notes.push((tail[2] as string).trim());
    }
  }
  const codes = scheme.codes.map((c) => c.code).filter((c) => tokens.codes.has(c));
  const result: ParsedCell = { codes, unknown: tokens.unknown };
  if (notes.length > 0) result.note = notes.join('; ');
  if (tokens.confusables.length > 0) result.confusables = tokens.confusables;
  return result;
}

/** True when a cell reads as codes only (something, and nothing unknown). */
export const isCodeCell = (cell: ParsedCell): boolean => cell.codes.length > 0 && cell.unknown.length === 0;

/**
 * True when a cell is meant as codes, even wrong ones: codes, or short letters and marks (`Z`,
 * `A/X`, `✓`) that are unknown codes rather than free text (`Needs review`, `Week 3`).
 */
export const isCodeLike = (cell: ParsedCell): boolean =>
  (cell.codes.length > 0 || cell.unknown.length > 0) &&
  cell.unknown.every((t) => /^\p{L}{1,2}$/u.test(t) || MARKS.has(fold(t)));

export interface ParsedMark {
  /** true: marked; false: empty or "no"; null: something that is not a mark. */
  marked: boolean | null;
  note?: string;
  confusables?: Confusion[];
}

/**
 * Reads a cell of a table with one row per role and one column per code: `✓`, `x`, `yes`, or the
 * column's own code mark the role; blank, `-` and `no` do not.
 */
export function parseMark(text: string, code: string, scheme: Scheme): ParsedMark {
  const { body, notes } = splitNotes(text.normalize('NFKC'));
  const note = notes.length > 0 ? { note: notes.join('; ') } : {};
  const plain = body.replace(/[*_`~\u{200B}-\u{200F}]/gu, '').trim();
  const key = fold(plain);
  if (NONE.has(plain.toLowerCase()) || NO_MARKS.has(key)) return { marked: false, ...note };
  if (MARKS.has(key) || [...plain].every((ch) => MARKS.has(fold(ch)) || ch.trim() === '')) {
    return { marked: true, ...note };
  }
  const cell = parseCell(plain, scheme);
  if (cell.unknown.length === 0 && cell.codes.length === 1 && cell.codes[0] === code) {
    return { marked: true, ...note, ...(cell.confusables ? { confusables: cell.confusables } : {}) };
  }
  return { marked: null, ...note };
}

/** A role name found in a cell or a list item, with its note and where it starts in the text. */
export interface NamePart {
  name: string;
  note?: string;
  /** Index of the name in the text it was read from. */
  index: number;
}

const NAME_NONE = new Set([
  'none',
  'nobody',
  'no one',
  'personne',
  'niemand',
  'nadie',
  'ninguem',
  'n/a',
  'na',
  'tbd?',
]);
// Between names: ` and ` and its translations, `/`, `&`, `+`. Commas and semicolons come first.
const NAME_JOINERS = /\s*\/\s*|\s+(?:and|et|und|y|e|&|\+)\s+/iu;

/**
 * Splits a cell or item that lists role names: `UX Designer, Frontend Engineer`, `PM and PO`,
 * `PM / PO; Legal (if contracts)`. Names that `known` recognises whole (`R&D`, `QA/Test`) are kept
 * whole; others are split further at ` and `, `/`, `&`, `+`.
 */
export function splitNames(text: string, known: (name: string) => boolean): NamePart[] {
  const parts: NamePart[] = [];
  let cursor = 0;
  for (const piece of text.split(/[,;\n]|·|•/u)) {
    const at = text.indexOf(piece, cursor);
    cursor = at + piece.length;
    const { body, notes } = splitNotes(piece);
    const name = clean(body);
    if (name === '' || NONE.has(name) || NAME_NONE.has(fold(name))) continue;
    const note = notes.length > 0 ? { note: notes.join('; ') } : {};
    if (known(name) || !NAME_JOINERS.test(name)) {
      const found = piece.indexOf(name);
      parts.push({ name, index: at + Math.max(found, 0), ...note });
      continue;
    }
    let inner = 0;
    for (const sub of name.split(NAME_JOINERS)) {
      const n = clean(sub);
      if (n === '') continue;
      const found = piece.indexOf(n, inner);
      if (found >= 0) inner = found + n.length;
      // A note after the last name belongs to it: `PM and Legal (if contracts)`.
      parts.push({ name: n, index: at + Math.max(found, 0) });
    }
    const last = parts[parts.length - 1];
    if (last && note.note !== undefined) last.note = note.note;
  }
  return parts;
}

const clean = (name: string): string => trimWhere(collapse(name.replace(DECORATION, ' ')), /[\s\-–—:•·]/u);

const SENTENCE_START = new Set(
  [
    'the',
    'a',
    'an',
    'who',
    'whoever',
    'someone',
    'person',
    'le',
    'la',
    'les',
    'un',
    'une',
    'der',
    'die',
    'das',
    'ein',
    'eine',
    'el',
    'los',
    'las',
    'o',
    'os',
    'um',
    'uma',
  ].map(fold),
);

/**
 * Whether a text outside a Responsibilities section looks like a role name rather than prose:
 * a known role, or a few words starting with a capital (`UX Designer`, `@alice`), not a sentence
 * (`the person who does the work`).
 */
export function plausibleRoleName(name: string, known: (name: string) => boolean): boolean {
  if (known(name)) return true;
  const words = name.split(/\s+/u);
  if (words.length > 5 || name.length > 60) return false;
  if (SENTENCE_START.has(fold(words[0] ?? ''))) return false;
  return /^[\p{Lu}\p{N}@#]/u.test(name);
}
