import type { Scheme } from '../model/types.js';
import { codeIndex } from './codes.js';
import { type Confusion, deconfuse } from './confusables.js';
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
export const NONE = new Set([
  '',
  '-',
  '—',
  '–',
  '--',
  '---',
  'n/a',
  'n.a.',
  'n. a.',
  'na',
  '/',
  '.',
  '·',
  '−',
  '‒',
  '―',
  '∅',
]);
/** "Not applicable" in words, in every supported language (compared folded: no case, no accents). */
const NONE_WORDS = new Set(
  [
    'not applicable',
    'none',
    'not involved',
    'not responsible',
    'no role',
    'no involvement',
    'non applicable',
    'sans objet',
    'aucun',
    'aucune',
    'non responsable',
    'pas responsable',
    'non impliqué',
    'non concerné',
    'nicht zutreffend',
    'entfällt',
    'keine',
    'nicht verantwortlich',
    'nicht beteiligt',
    'nicht zuständig',
    'no aplica',
    'ninguno',
    'ninguna',
    'no responsable',
    'no involucrado',
    'não se aplica',
    'não aplicável',
    'nenhum',
    'nenhuma',
    'não responsável',
    'não envolvido',
    '不负责',
    '不参与',
    '无',
    '責任なし',
    '関与なし',
    '対象外',
    'なし',
  ].map(fold),
);
const isNone = (body: string): boolean => NONE.has(body.toLowerCase()) || NONE_WORDS.has(fold(body));

/**
 * What people write for "not decided yet": the cell is kept as an assignment with no codes and
 * the word as its note, so the open question stays visible (and the column stays a role column).
 */
const UNDECIDED = new Set(
  [
    'tbd',
    'tbc',
    'tba',
    'to be decided',
    'to be defined',
    'to be confirmed',
    'a definir',
    'a confirmer',
    'offen',
    'zu klaren',
    'por definir',
    'a definir',
    'pendiente',
    'pendente',
  ].map(fold),
);
/** Joining words between two written-out codes: `Responsible and Accountable`, `Consulté et informé`. */
const CONJUNCTIONS = new Set(['and', 'or', 'et', 'ou', 'und', 'oder', 'y', 'o', 'e', 'ou']);
const SEPARATORS = /[\s/\\,+;:&|.\-–—]+/u;
// Emoji, check marks and other decoration around the letters carry no meaning here.
export const DECORATION =
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
    if (CONJUNCTIONS.has(token.toLowerCase())) continue;
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
  // `Nicht beteiligt` is no part, unless the scheme has a code for it (CAIRO's Out of the loop).
  if (isNone(body) && !codeIndex(scheme).byLabel(body)) body = '';
  if (body === '' && notes.length === 1) {
    // `(Consulted)`, `(C)`: a code in parentheses, with nothing outside them, is the code.
    const inner = readTokens((notes[0] as string).replace(DECORATION, ' ').trim(), scheme);
    if (inner.codes.size > 0 && inner.unknown.length === 0) {
      body = notes.pop() as string;
    }
  }
  if (body !== '' && UNDECIDED.has(fold(body))) {
    return { codes: [], note: [body, ...notes].join('; '), unknown: [] };
  }
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

/** True when a cell says "no part" or "not decided" (`N/A`, `—`, `TBD`): no evidence either way about its column. */
export function isNeutralCell(text: string): boolean {
  const { body, notes } = splitNotes(text.normalize('NFKC'));
  const plain = body.replace(DECORATION, ' ').replace(/\s+/gu, ' ').trim();
  if (isNone(plain)) return notes.length === 0;
  return notes.length === 0 && UNDECIDED.has(fold(plain));
}

/** "Shared" in every supported language: a share of the work, but which codes it is, no one said. */
const SHARED_WORDS = new Set(
  [
    'shared',
    'joint',
    'jointly',
    'both',
    'partagé',
    'partagée',
    'conjoint',
    'conjointe',
    'geteilt',
    'gemeinsam',
    'compartido',
    'compartida',
    'conjunto',
    'compartilhado',
    'compartilhada',
    '共同',
    '共有',
    '共担',
    '分担',
  ].map(fold),
);

/** `Shared`, `Partagé`, `共同`: a cell saying the work is shared. */
export const isSharedWord = (text: string): boolean => SHARED_WORDS.has(fold(text));

/**
 * What to add to an `unknown-code` message for a token people often write in a chart: `Shared`
 * (a shared-responsibility model) says the role has a part but not which, so the reader cannot
 * pick a code for it.
 */
export function unknownCodeHint(token: string): string {
  if (!isSharedWord(token)) return '';
  return `; \`${token}\` says the work is shared but not which part this role has: write its codes (\`R\`, \`C\`, …) in the cell, with the word as a note (\`R (shared)\`)`;
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
  /** The codes the mark gives: the column's, or the codes written in the cell (`A (premises)`). */
  codes: string[];
  note?: string;
  confusables?: Confusion[];
}

/**
 * Reads a cell of a table with one row per role and one column per code: `✓`, `x`, `yes`, or a
 * code mark the role; blank, `-` and `no` do not. A cell holding codes gives those codes, even
 * under another column (`A (premises)` under R): the caller reports that.
 */
export function parseMark(text: string, code: string, scheme: Scheme): ParsedMark {
  const { body, notes } = splitNotes(text.normalize('NFKC'));
  const note = notes.length > 0 ? { note: notes.join('; ') } : {};
  const plain = body.replace(/[*_`~\u{200B}-\u{200F}]/gu, '').trim();
  const key = fold(plain);
  if (isNone(plain) || NO_MARKS.has(key)) return { marked: false, codes: [], ...note };
  if (MARKS.has(key) || [...plain].every((ch) => MARKS.has(fold(ch)) || ch.trim() === '')) {
    return { marked: true, codes: [code], ...note };
  }
  const cell = parseCell(plain, scheme);
  if (isCodeCell(cell)) {
    return {
      marked: true,
      codes: cell.codes,
      ...note,
      ...(cell.confusables ? { confusables: cell.confusables } : {}),
    };
  }
  return { marked: null, codes: [], ...note };
}
