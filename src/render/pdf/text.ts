import type { Levels } from './bidi.js';
import type { FontFace, FontStack } from './fonts.js';
import { breakOpportunities, emergencyBreaks } from './linebreak.js';

/** A run of text in one style: what callers hand to the typesetter. */
export interface Span {
  text: string;
  face: FontFace;
  size: number;
  color: string;
  /** An external link (http, https, mailto). */
  link?: string;
  /** A named destination in the same document. */
  goTo?: string;
  strike?: boolean;
}

/** A stretch of the paragraph drawn with one font and one span's style. */
export interface Piece {
  start: number;
  end: number;
  span: Span;
  font: string;
}

export interface Line {
  start: number;
  /** End of the line's text, trailing spaces excluded. */
  end: number;
  width: number;
}

/** A paragraph laid out in lines of at most `maxWidth` points. */
export interface TextBlock {
  text: string;
  pieces: Piece[];
  bidi: Levels | null;
  /** Characters no font of the stack has: reported when the text is drawn. */
  missing: string[];
  lines: Line[];
  /** Baseline offset from a line's top, and the height of one line, in points. */
  ascent: number;
  lineHeight: number;
  /** Widest line. */
  width: number;
  height: number;
}

export interface Measurer {
  widthOf(font: string, size: number, text: string): number;
}

/** A character no font of the stack has, and the text it is in. */
export interface MissingGlyph {
  char: string;
  text: string;
}

const MARK = /\p{M}|\u200D|\uFE0F/u;
/** A combining mark or joiner. No character below U+0300 is one: Latin text skips the test. */
const isMark = (cp: number): boolean => cp >= 0x300 && MARK.test(String.fromCodePoint(cp));
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\u00A0';

/**
 * Splits spans into pieces of one font each: every character takes the first font of its face's
 * stack that has it; marks and joiners stay with the character before them.
 */
export function itemize(fonts: FontStack, spans: readonly Span[]) {
  let text = '';
  const pieces: Piece[] = [];
  const missing = new Set<string>();
  for (const span of spans) {
    if (span.text === '') continue;
    const base = text.length;
    text += span.text;
    let current: Piece | undefined;
    let offset = 0;
    for (const ch of span.text) {
      const cp = ch.codePointAt(0) ?? 0;
      let font: string;
      if (current && (isMark(cp) || isSpace(ch) || cp < 0x20)) font = current.font;
      else {
        const found = isSpace(ch) || cp < 0x20 ? fonts.primary(span.face) : fonts.fontFor(span.face, cp);
        if (found === null) missing.add(ch);
        font = found ?? fonts.primary(span.face);
      }
      if (current && current.font === font) current.end = base + offset + ch.length;
      else {
        current = { start: base + offset, end: base + offset + ch.length, span, font };
        pieces.push(current);
      }
      offset += ch.length;
    }
  }
  return { text, pieces, missing: [...missing] };
}

/** Widths of text ranges, summed over the pieces they cross. */
export class RangeMeasure {
  constructor(
    private readonly text: string,
    private readonly pieces: readonly Piece[],
    private readonly measurer: Measurer,
  ) {}

  width(start: number, end: number): number {
    let w = 0;
    for (const p of this.pieces) {
      if (p.end <= start) continue;
      if (p.start >= end) break;
      const s = Math.max(start, p.start);
      const e = Math.min(end, p.end);
      if (e > s) w += this.measurer.widthOf(p.font, p.span.size, this.text.slice(s, e));
    }
    return w;
  }
}

const trimEnd = (text: string, start: number, end: number): number => {
  let e = end;
  while (e > start && isSpace(text[e - 1] ?? '')) e--;
  return e;
};

/**
 * Breaks a paragraph into lines: at the break opportunities of UAX #14 (so CJK breaks between
 * characters and URLs after `/`), greedily; a word wider than the line is split, at URL punctuation
 * when it can be, else between graphemes. Nothing is cut off and nothing overflows.
 */
export function breakLines(text: string, measure: Pick<RangeMeasure, 'width'>, maxWidth: number): Line[] {
  const lines: Line[] = [];
  const max = Math.max(maxWidth, 1);
  let lineStart = 0;
  let lineWidth = 0; // width of the words on the line, trailing spaces included
  let lineEnd = 0; // end of the last word on the line, trailing spaces excluded
  let lineEndWidth = 0;
  let prev = 0;
  const push = (start: number, end: number, width: number) => lines.push({ start, end, width });
  for (const brk of breakOpportunities(text)) {
    const wordStart = prev;
    const wordEnd = brk.position;
    prev = wordEnd;
    const trimmed = trimEnd(text, wordStart, wordEnd);
    const fullW = measure.width(wordStart, wordEnd);
    const trimW = trimmed === wordEnd ? fullW : measure.width(wordStart, trimmed);
    if (lineEnd > lineStart && lineWidth + trimW > max) {
      push(lineStart, lineEnd, lineEndWidth);
      lineStart = wordStart;
      lineWidth = 0;
      lineEnd = wordStart;
      lineEndWidth = 0;
    }
    if (lineEnd === lineStart && trimW > max) {
      // A word wider than the line: split it, every chunk but the last on a line of its own.
      const cuts = emergencyBreaks(text, lineStart, trimmed, (a, b) => measure.width(a, b), max);
      let s = lineStart;
      for (const cut of cuts) {
        push(s, cut, measure.width(s, cut));
        s = cut;
      }
      lineStart = s;
      lineWidth = measure.width(s, wordEnd);
      lineEnd = trimmed;
      lineEndWidth = measure.width(s, trimmed);
    } else {
      if (trimmed > wordStart) {
        lineEnd = trimmed;
        lineEndWidth = lineWidth + trimW;
      }
      lineWidth += fullW;
    }
    if (brk.required) {
      push(lineStart, lineEnd, lineEndWidth);
      lineStart = wordEnd;
      lineWidth = 0;
      lineEnd = wordEnd;
      lineEndWidth = 0;
    }
  }
  if (lineEnd > lineStart || lines.length === 0) push(lineStart, lineEnd, lineEndWidth);
  return lines;
}
