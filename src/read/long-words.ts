/**
 * Words too long for the writers, shortened on the text before parsing (`limits.wordLength`), and
 * the one definition of a word the reader and the writers share. Split from pathological.ts.
 */
import type { Finding, SourcePosition } from '../model/types.js';
import { REPORTED_EACH } from './characters.js';
import { limitDiagnostic } from './limits.js';

/**
 * The spaces a line may break at: what the writers break lines at (Unicode's line breaking,
 * UAX #14, which pdfkit's `linebreak` implements and Word follows). Not the no-break spaces
 * (U+00A0, U+2007, U+202F), the word joiner (U+2060) or U+FEFF: they glue two words into one that
 * no line can break, so `a\u00A0b\u00A0…` 84 KB long is one word to the writers (it took more
 * than 120 s and 4 GB) and must be one word to the limit too. Shared with the writers
 * (render/docx/layout-cost.ts): one definition of a word.
 */
export const BREAKING_SPACES =
  '\\t\\n\\v\\f\\r \\u0085\\u1680\\u2000-\\u2006\\u2008-\\u200B\\u2028\\u2029\\u205F\\u3000';

/** Splits text into the words the writers see (and empty strings between breaking spaces). */
export const WORD_BREAK = new RegExp(`[${BREAKING_SPACES}]+`, 'u');

/**
 * A character of a word: not a breaking space, not a table's cell border, and not a character of
 * a script that breaks lines between any two characters (Chinese, Japanese, Korean).
 */
const WORD_CHARACTER = `[^${BREAKING_SPACES}|\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]`;

/** `[text](destination)` and `[label]: destination`: destinations are never shown. */
const DESTINATION = /\]\([^)\s]*\)/gu;
const DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+/u;

/**
 * Shortens the words of a line longer than `max` characters, keeping their start and an ellipsis.
 * Link destinations do not count: `[docs](https://…)` shows only `docs`.
 */
export function shortenWords(
  line: string,
  n: number,
  max: number,
  count: () => number,
  diagnostics: Finding[],
  at: (line: number, column?: number) => SourcePosition,
): string {
  if (DEFINITION.test(line)) return line;
  const visible = line.replace(DESTINATION, (m) => `](${' '.repeat(m.length - 3)})`);
  const long = [...visible.matchAll(new RegExp(`${WORD_CHARACTER}{${max + 1},}`, 'gu'))];
  if (long.length === 0) return line;
  let out = line;
  for (const m of long.reverse()) {
    const start = m.index ?? 0;
    const length = m[0].length;
    out = `${out.slice(0, start + max)}…${out.slice(start + length)}`;
    if (count() <= REPORTED_EACH) {
      diagnostics.push(
        limitDiagnostic(
          { ...at(n, start + 1), endLine: n + 1, endColumn: start + length + 1 },
          `word of ${length.toLocaleString('en')} characters`,
          'wordLength',
          max.toLocaleString('en'),
          'it was shortened',
        ),
      );
    }
  }
  return out;
}
