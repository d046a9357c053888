import type { Inline } from '../../ir/types.js';

/**
 * Right-to-left text in Word. A paragraph whose first strong character is Hebrew or Arabic is a
 * right-to-left paragraph (`w:bidi`: it starts at the right margin and its full stop lands on the
 * left), and a run whose first strong character is one is a right-to-left run (`w:rtl`), so Word
 * and LibreOffice order its words and the punctuation around them as a reader of that script
 * expects. Without them an Arabic paragraph was left-aligned with its full stop on the wrong side.
 * A Latin run inside an Arabic paragraph stays left-to-right, as the Unicode bidi algorithm keeps it.
 */

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const STRONG = /[\p{L}]/u;

/** Whether the first letter of `text` is of a right-to-left script. */
export function startsRtl(text: string): boolean {
  for (const ch of text) if (STRONG.test(ch)) return RTL.test(ch);
  return false;
}

const plain = (content: readonly Inline[] | string): string =>
  typeof content === 'string' ? content : content.map((i) => (i.type === 'text' ? i.text : ' ')).join('');

/** Paragraph options for text that starts right-to-left: `{ bidirectional: true }`, else nothing. */
export const paragraphDirection = (content: readonly Inline[] | string): { bidirectional?: true } =>
  startsRtl(plain(content)) ? { bidirectional: true } : {};

/** Run options for a run that starts right-to-left. */
export const runDirection = (text: string): { rightToLeft?: true } =>
  startsRtl(text) ? { rightToLeft: true } : {};

/**
 * Paragraph options for a paragraph of the IR: its own `dir` when compose set one (a sentence in
 * the document's language around a Hebrew name is left to right), else its first strong letter.
 */
export const irDirection = (
  content: readonly Inline[],
  dir: 'ltr' | 'rtl' | undefined,
): { bidirectional?: true } =>
  dir === undefined ? paragraphDirection(content) : dir === 'rtl' ? { bidirectional: true } : {};
