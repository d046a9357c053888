import type { Scheme } from '../model/types.js';
import { deconfuse } from './confusables.js';
import { collapse, trimWhere } from './text.js';
import { conceptsOf, fold } from './vocabulary.js';

/** Finds a scheme's codes by letter (any case) or by label, in any supported language. */
export interface CodeIndex {
  scheme: Scheme;
  /** The code written as `token` (`r` → `R`), or undefined. */
  byCode(token: string): string | undefined;
  /** The code a label stands for (`Responsável` → `R`), or undefined. */
  byLabel(label: string): string | undefined;
  /** Single-letter codes, upper-cased, for `AR` written without a separator. */
  letters: ReadonlySet<string>;
}

const cache = new WeakMap<Scheme, CodeIndex>();

export function codeIndex(scheme: Scheme): CodeIndex {
  const cached = cache.get(scheme);
  if (cached) return cached;
  const codes = new Map<string, string>();
  const labels = new Map<string, string>();
  const concepts = new Map<string, string>();
  for (const c of scheme.codes) {
    if (!codes.has(c.code.toUpperCase())) codes.set(c.code.toUpperCase(), c.code);
    const label = fold(c.label);
    if (label !== '' && !labels.has(label)) labels.set(label, c.code);
  }
  // Synonyms come second: a scheme's own label always wins over a translation of another one.
  for (const c of scheme.codes) {
    for (const concept of [fold(c.label), ...conceptsOf(c.label)])
      if (!concepts.has(concept)) concepts.set(concept, c.code);
  }
  const index: CodeIndex = {
    scheme,
    byCode: (token) => codes.get(token.toUpperCase()),
    byLabel(label) {
      const key = fold(label);
      const own = labels.get(key);
      if (own) return own;
      for (const concept of conceptsOf(key)) {
        const code = concepts.get(concept);
        if (code) return code;
      }
      return undefined;
    },
    letters: new Set([...codes.keys()].filter((k) => [...k].length === 1)),
  };
  cache.set(scheme, index);
  return index;
}

/**
 * The codes a header or a list label names: a code (`R`), a label (`Responsible`, `Aprovador`),
 * or both (`Responsible (R)`, `R - Responsible`, `R/A`). Undefined when it names none.
 */
export function codesOfLabel(text: string, index: CodeIndex): string[] | undefined {
  const plain = collapse(text.normalize('NFKC').replace(/[*_`]/gu, ''));
  // Labels are short; a long text is not one (and is not worth the regular expressions below).
  if (plain === '' || plain.length > 80) return undefined;
  const whole = wordCode(plain, index);
  if (whole) return [whole];
  // `Responsible (R)` or `R (Responsible)`: both parts must agree, or one must be empty.
  const paren = /^(.*?)\(([^()]*)\)\s*$/u.exec(plain);
  if (paren) {
    const outside = wordCode(paren[1] ?? '', index);
    const inside = wordCode(paren[2] ?? '', index);
    if (outside && (!inside || inside === outside)) return [outside];
    if (inside && (paren[1] ?? '').trim() === '') return [inside];
    if (inside && !outside && index.byLabel(paren[1] ?? '') === undefined) return [inside];
  }
  // `R - Responsible`, `R = Responsible`, `R: Responsible`.
  const parts = plain.split(/\s*[=:–—]\s*|\s+-\s+/u).filter((p) => p !== '');
  if (parts.length === 2) {
    const a = wordCode(parts[0] as string, index);
    const b = wordCode(parts[1] as string, index);
    if (a && (!b || a === b)) return [a];
  }
  // `R/A`, `Responsible / Accountable`: every part must be a code.
  const many = plain.split(/\s*[/,+&;]\s*|\s+and\s+/u).filter((p) => p !== '');
  if (many.length > 1) {
    const codes = many.map((p) => wordCode(p, index));
    if (codes.every((c) => c !== undefined))
      return index.scheme.codes.map((c) => c.code).filter((c) => codes.includes(c));
  }
  return undefined;
}

/** One word or label as a code, lookalike letters included. */
function wordCode(word: string, index: CodeIndex): string | undefined {
  const trimmed = trimWhere(word.trim(), /[.:\s]/u, 'end');
  if (trimmed === '') return undefined;
  const code = index.byCode(trimmed) ?? index.byLabel(trimmed);
  if (code) return code;
  const latin = deconfuse(trimmed)?.latin;
  return latin ? index.byCode(latin) : undefined;
}
