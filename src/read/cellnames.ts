/**
 * Role names written in a cell or a list item (`Alice / Bob`, `PO and SM (sign-off)`): split at
 * their joiners, outside parentheses, with their notes; and whether a piece reads as a role name
 * at all. The codes in cells are read in cells.ts.
 */
import { DECORATION, NONE, splitNotes } from './cells.js';
import { collapse, trimWhere } from './text.js';
import { fold } from './vocabulary.js';

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
