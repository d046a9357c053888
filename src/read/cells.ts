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
const NONE = new Set([
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
// Between names: ` and ` and its translations, ` / `, `&`, `+`. Commas and semicolons come first.
// A slash without spaces joins names only in a name made of nothing else (`PM/PO`): in
// `AI/ML Team` or `UI/UX Designer` it is part of one name.
const NAME_JOINERS = /\s+\/\s*|\s*\/\s+|\s+(?:and|et|und|y|e|&|\+)\s+/iu;
const SLASH_JOINED = /^[^\s/]+(?:\/[^\s/]+)+$/u;

/**
 * Splits a cell or item that lists role names: `UX Designer, Frontend Engineer`, `PM and PO`,
 * `PM / PO; Legal (if contracts)`, `PM/PO`. Names that `known` recognises whole (`R&D`,
 * `QA/Test`) are kept whole; others are split further at ` and `, `/`, `&`, `+`.
 */
export function splitNames(text: string, known: (name: string) => boolean): NamePart[] {
  const parts: NamePart[] = [];
  for (const { part: whole, index: at } of splitOutsideNotes(text, /[,;\n·•]/gu)) {
    const { body, notes } = splitNotes(whole);
    const name = clean(body);
    if (name === '' || NONE.has(name) || NAME_NONE.has(fold(name))) continue;
    if (known(name)) {
      parts.push(withNotes({ name, index: at + Math.max(whole.indexOf(name), 0) }, notes));
      continue;
    }
    // `SRE for SLOs`, `Legal/DPO for public attestations`: the role, then a note for every name.
    const purpose = PURPOSE.exec(maskNotes(whole));
    const piece = purpose && purpose.index > 0 ? whole.slice(0, purpose.index) : whole;
    const shared =
      purpose && purpose.index > 0 ? [trimWhere(collapse(whole.slice(purpose.index)), /[\s.]/u, 'end')] : [];
    // `Contributor (draft) + editor (review)`: each name keeps the note written after it.
    const bare = clean(splitNotes(piece).body);
    const subs = SLASH_JOINED.test(bare)
      ? splitOutsideNotes(piece, /\//gu)
      : NAME_JOINERS.test(bare)
        ? splitOutsideNotes(piece, NAME_JOINERS_ALL)
        : [{ part: piece, index: 0 }];
    for (const { part: sub, index } of subs) {
      const inner = splitNotes(sub);
      const n = clean(inner.body);
      if (n === '') continue;
      parts.push(
        withNotes({ name: n, index: at + index + Math.max(sub.indexOf(n), 0) }, [...inner.notes, ...shared]),
      );
    }
  }
  return parts;
}

const withNotes = (part: NamePart, notes: string[]): NamePart =>
  notes.length > 0 ? { ...part, note: notes.join('; ') } : part;

const NAME_JOINERS_ALL = new RegExp(NAME_JOINERS.source, 'giu');
const PURPOSE = /\s(?:for|pour|für|fur|para)\s/iu;

/** The same text with every character inside parentheses masked, same length. */
function maskNotes(text: string): string {
  let mask = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '(') depth++;
    mask += depth > 0 ? '_' : ch;
    if (ch === ')' && depth > 0) depth--;
  }
  return mask;
}

/**
 * Splits text at `separator` (a global expression) where it is outside parentheses, so that
 * `Legal (if contracts, or claims), PM` is two parts. Returns each part with its index.
 */
function splitOutsideNotes(text: string, separator: RegExp): { part: string; index: number }[] {
  const mask = maskNotes(text);
  const out: { part: string; index: number }[] = [];
  let start = 0;
  for (const m of mask.matchAll(separator)) {
    if (m[0] === '') continue;
    out.push({ part: text.slice(start, m.index), index: start });
    start = m.index + m[0].length;
  }
  out.push({ part: text.slice(start), index: start });
  return out;
}

const clean = (name: string): string => trimWhere(collapse(name.replace(DECORATION, ' ')), /[\s\-–—:•·.]/u);

// Words that open a sentence, not a role name: articles, pronouns, prepositions and the verbs
// explanations of the letters start with (`does the work`, `In this role, you…`).
const SENTENCE_START = new Set(
  (
    'the a an this that these those it its you your we our they their he she who whoever someone anyone ' +
    'person people in on of to for with by at from if when where which what how as is are be was were ' +
    'does do did done has have had gets get gives give makes make must should shall will would can may ' +
    'owns own approves approve signs sign provides provide keeps keep needs need writes write runs run ' +
    'performs perform adds add ensures ensure decides decide reviews review helps help is kept ' +
    'le la les un une des ce cette il elle qui dans pour est sont ' +
    'der die das ein eine dem den wer ist sind im fur ' +
    'el los las una uno quien en es son para ' +
    'o os as um uma quem em e sao'
  )
    .split(' ')
    .map(fold),
);

/**
 * Whether a text looks like a role name rather than prose: a known role, or a few words
 * (`UX Designer`, `senior Python engineer`, `@alice`) that do not open like a sentence
 * (`the person who does the work`, `In this role, you…`, `does the work`).
 */
export function plausibleRoleName(name: string, known: (name: string) => boolean): boolean {
  if (known(name)) return true;
  const words = name.split(/\s+/u);
  if (words.length > 5 || name.length > 60) return false;
  if (SENTENCE_START.has(fold(words[0] ?? ''))) return false;
  return /^[\p{L}\p{N}@#]/u.test(name);
}
