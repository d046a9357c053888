/**
 * The body of a DOCX, as docx formats it to be written (`{ "w:p": [...] }` objects), read into what
 * pagination needs: paragraphs as lines of known heights with their spacing and keep settings,
 * tables as rows, and where sections start. It reads the formatted body rather than the IR because
 * the body is what the pages show: the writer's and the matrix's decisions (column widths, header
 * rows, landscape sections, keeps) and the contents' bookmarks are all in it, and no second copy of
 * them can drift from the writer's (matrix.ts changes often). Lengths are in points.
 */
import { breakOpportunities } from '../../pdf/linebreak.js';
import type { Face, Metrics } from './metrics.js';
import type { StyleSettings } from './styles.js';

export type Xml = unknown;
type XmlObject = Record<string, unknown>;

const isObject = (x: Xml): x is XmlObject => typeof x === 'object' && x !== null && !Array.isArray(x);
/** An element's name: its object's first key (as `Object.keys(x)[0]`, without the array). */
export function nameOf(x: Xml): string {
  if (!isObject(x)) return '';
  for (const key in x) if (Object.hasOwn(x, key)) return key;
  return '';
}
/** An element's children, without its attributes. */
export function kids(x: Xml): Xml[] {
  if (!isObject(x)) return [];
  const content = x[nameOf(x)];
  return Array.isArray(content) ? content.filter((c) => !(isObject(c) && '_attr' in c)) : [];
}
export function attr(x: Xml, name: string): string | undefined {
  if (!isObject(x)) return undefined;
  const content = x[nameOf(x)];
  const holder = Array.isArray(content) ? content.find((c) => isObject(c) && '_attr' in c) : content;
  const attrs = isObject(holder) ? (holder._attr as Record<string, unknown> | undefined) : undefined;
  const v = attrs?.[name];
  return v === undefined ? undefined : String(v);
}
/** The first child element named `name` (as `kids(x).find(…)`, without the list). */
export function child(x: Xml, name: string): Xml | undefined {
  if (!isObject(x)) return undefined;
  const content = x[nameOf(x)];
  if (!Array.isArray(content)) return undefined;
  for (const c of content) if (!(isObject(c) && '_attr' in c) && nameOf(c) === name) return c;
  return undefined;
}
/** The `w:val` of a child element of `x` (of properties: `w:pStyle`, `w:sz`…). */
export const valOf = (x: Xml | undefined, name: string, key = 'w:val'): string | undefined => {
  const el = x === undefined ? undefined : child(x, name);
  return el === undefined ? undefined : attr(el, key);
};
/** An on/off property: present and not `false`/`0`. */
const on = (props: Xml | undefined, name: string): boolean | undefined => {
  const el = props === undefined ? undefined : child(props, name);
  if (el === undefined) return undefined;
  const v = attr(el, 'w:val');
  return v === undefined || !['0', 'false', 'off'].includes(v);
};

export interface Paragraph {
  kind: 'p';
  lines: number[];
  /**
   * The line spacing (1.1 for 264/240): a line fits at the foot of a page when its single height
   * does, the extra spacing of a multiple hanging below the text area, as in Word and LibreOffice.
   */
  spacing: number;
  before: number;
  after: number;
  keepNext: boolean;
  keepLines: boolean;
  widowControl: boolean;
  /** A page break in its text: what follows starts a new page. */
  pageBreak: boolean;
  bookmarks: string[];
  /** The heights of the footnotes it refers to. */
  notes: number[];
}

export interface Row {
  height: number;
  cantSplit: boolean;
  header: boolean;
  keepNext: boolean;
  bookmarks: string[];
  notes: number[];
}

export interface TableFlow {
  kind: 'table';
  rows: Row[];
}

export interface SectionEnd {
  kind: 'section';
  /** The text area of the section that ends here, and its first page number when it restarts. */
  height: number;
  start?: number;
}

export type Flow = Paragraph | TableFlow | SectionEnd;

export interface FlowContext {
  metrics: Metrics;
  styles: Map<string, StyleSettings>;
  characters: Map<string, { bold?: boolean; italic?: boolean; size?: number; font?: string }>;
  /** Footnote texts by id. */
  notes: ReadonlyMap<string, string>;
  /** The text width of the page the footnotes are set on, in points. */
  noteWidth: number;
  /** Indent (left) of a list level, in DXA. */
  listIndent: (level: number) => number;
}

interface Piece {
  text: string;
  face: Face;
  size: number;
  spacing: number;
  caps: boolean;
  mono: boolean;
  /** A picture in the line (a logo): its size in points, its text one object replacement character. */
  box?: { width: number; height: number };
}

/** EMU (English Metric Units) per point. */
const EMU = 12700;
/** The size of a picture in the line: its `wp:extent`, wherever in the drawing it is. */
function extentOf(x: Xml): { width: number; height: number } | undefined {
  if (nameOf(x) === 'wp:extent')
    return { width: Number(attr(x, 'cx')) / EMU || 0, height: Number(attr(x, 'cy')) / EMU || 0 };
  for (const k of kids(x)) {
    const found = extentOf(k);
    if (found) return found;
  }
  return undefined;
}

const face = (bold: boolean, italic: boolean): Face =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
const MONO = /consol|mono|courier/i;
const NORMAL = 'Normal';

/** The runs of a paragraph (in hyperlinks, fields' results and bookmarks too) as pieces of text. */
function piecesOf(
  p: Xml,
  base: StyleSettings,
  ctx: FlowContext,
  out: { pieces: Piece[]; bookmarks: string[]; notes: string[]; pageBreak: boolean },
): void {
  for (const k of kids(p)) {
    const name = nameOf(k);
    if (name === 'w:bookmarkStart') {
      const b = attr(k, 'w:name');
      if (b) out.bookmarks.push(b);
    } else if (name === 'w:r') {
      const props = child(k, 'w:rPr');
      const cs = ctx.characters.get(valOf(props, 'w:rStyle') ?? '') ?? {};
      const size = (Number(valOf(props, 'w:sz')) || cs.size || base.size) / 2;
      const bold = on(props, 'w:b') ?? cs.bold ?? base.bold;
      const italic = on(props, 'w:i') ?? cs.italic ?? base.italic;
      const font = cs.font ?? base.font;
      const piece = (text: string) =>
        out.pieces.push({
          text,
          face: face(bold, italic),
          size,
          spacing: base.spacing / 20,
          caps: base.caps,
          mono: MONO.test(font),
        });
      for (const part of kids(k)) {
        const n = nameOf(part);
        if (n === 'w:t')
          piece(
            kids(part)
              .filter((c) => typeof c === 'string')
              .join(''),
          );
        else if (n === 'w:tab') piece('\t');
        else if (n === 'w:br') {
          if (attr(part, 'w:type') === 'page') out.pageBreak = true;
          else piece('\n');
        } else if (n === 'w:footnoteReference') {
          const id = attr(part, 'w:id') ?? '';
          out.notes.push(id);
          piece(id);
        } else if (n === 'w:drawing') {
          const box = extentOf(part);
          if (box)
            out.pieces.push({
              text: '\ufffc',
              face: 'regular',
              size,
              spacing: 0,
              caps: false,
              mono: false,
              box,
            });
        }
      }
    } else if (name !== 'w:pPr' && name !== 'w:instrText') {
      piecesOf(k, base, ctx, out);
    }
  }
}

/** Breaks pieces into lines `width` points wide (UAX #14, greedy, as Word and LibreOffice do). */
function lineBreak(pieces: Piece[], width: number, ctx: FlowContext, line: number): number[] {
  const { metrics } = ctx;
  const text = pieces.map((p) => p.text).join('');
  if (text.replace(/\s/g, '') === '' && !text.includes('\n')) {
    const size = pieces[0]?.size ?? 0;
    return [line * size * metrics.line];
  }
  // Each UTF-16 index's piece.
  const starts: number[] = [];
  let at = 0;
  for (const p of pieces) {
    starts.push(at);
    at += p.text.length;
  }
  /** The first piece that ends after `a` (binary search: a paragraph may have thousands of runs). */
  const pieceAt = (a: number): number => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) + (pieces[mid] as Piece).text.length <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const widthOf = (a: number, b: number): number => {
    let w = 0;
    for (let i = pieceAt(a); i < pieces.length && (starts[i] as number) < b; i++) {
      const p = pieces[i] as Piece;
      const s = starts[i] as number;
      const from = Math.max(a, s);
      const to = Math.min(b, s + p.text.length);
      if (from < to) w += pieceWidth(p, p.text.slice(from - s, to - s), metrics);
    }
    return w;
  };
  const heightOf = (a: number, b: number): number => {
    let h = 0;
    for (let i = pieceAt(a); i < pieces.length && (starts[i] as number) < b; i++) {
      const p = pieces[i] as Piece;
      if (p.text.length > 0) h = Math.max(h, p.box ? p.box.height / line : p.size * metrics.line);
    }
    return h * line;
  };
  const lines: number[] = [];
  let lineStart = 0;
  let lineEnd = 0; // end of what is on the line
  let last = 0;
  const close = (end: number) => {
    lines.push(heightOf(lineStart, Math.max(end, lineStart + 1)));
    lineStart = end;
  };
  for (const brk of breakOpportunities(text)) {
    const segEnd = brk.position;
    const visible = text.slice(last, segEnd).trimEnd().length + last;
    if (lineEnd > lineStart && widthOf(lineStart, visible) > width) {
      close(last);
    }
    // A word wider than the line is cut where it fills one.
    while (widthOf(lineStart, visible) > width && visible - lineStart > 1) {
      let cut = lineStart + 1;
      while (cut < visible && widthOf(lineStart, cut + 1) <= width) cut++;
      close(cut);
    }
    lineEnd = segEnd;
    last = segEnd;
    if (brk.required) close(segEnd);
  }
  if (lineEnd > lineStart || lines.length === 0) close(text.length);
  return lines;
}

/** Texts up to this long are remembered with their lines; longer ones are rarely set twice. */
const REMEMBERED_LENGTH = 48;
const REMEMBERED_COUNT = 4096;
/** The lines of one-run paragraphs broken before, by metrics, then by text, look and width. */
const brokenBefore = new WeakMap<Metrics, Map<string, readonly number[]>>();

/**
 * `lineBreak`'s lines, remembered for a short paragraph of one run: a matrix sets the same few
 * codes (R, A, C/I…) in cells of the same width, thousands of times a document, and breaking
 * one (break opportunities, widths) was most of our page estimate of a matrix. The lines are a
 * function of the run, the width and the metrics alone, so a remembered copy is the same numbers.
 */
function linesOf(pieces: Piece[], width: number, ctx: FlowContext, line: number): number[] {
  const p = pieces[0];
  if (pieces.length !== 1 || !p || p.box || p.text.length > REMEMBERED_LENGTH)
    return lineBreak(pieces, width, ctx, line);
  const known = brokenBefore.get(ctx.metrics) ?? new Map<string, readonly number[]>();
  brokenBefore.set(ctx.metrics, known);
  const key = `${width}|${line}|${p.face}|${p.size}|${p.spacing}|${p.caps}|${p.mono}|${p.text}`;
  let lines = known.get(key);
  if (!lines) {
    if (known.size >= REMEMBERED_COUNT) known.clear();
    lines = lineBreak(pieces, width, ctx, line);
    known.set(key, lines.slice());
  }
  // A copy: the caller adds a border to the last line.
  return lines.slice();
}

/** A paragraph, set `width` points wide (its indents are taken off here). */
export function paragraphFlow(p: Xml, width: number, ctx: FlowContext, inTable = false): Paragraph {
  const props = child(p, 'w:pPr');
  const styleId = valOf(props, 'w:pStyle') || NORMAL;
  const s = (ctx.styles.get(styleId) ?? ctx.styles.get(NORMAL)) as StyleSettings;
  const numPr = props && child(props, 'w:numPr');
  const left = numPr ? ctx.listIndent(Number(valOf(numPr, 'w:ilvl') ?? 0)) : s.left;
  const out = { pieces: [] as Piece[], bookmarks: [] as string[], notes: [] as string[], pageBreak: false };
  piecesOf(p, s, ctx, out);
  if (out.pieces.length === 0)
    out.pieces.push({ text: '', face: 'regular', size: s.size / 2, spacing: 0, caps: false, mono: false });
  const line = s.line / 240;
  const lines = linesOf(out.pieces, width - (left + s.right) / 20, ctx, line);
  if (s.border) {
    const lastLine = lines.length - 1;
    lines[lastLine] = (lines[lastLine] ?? 0) + s.border;
  }
  return {
    kind: 'p',
    lines: out.pageBreak && out.pieces.every((x) => x.text === '') ? [] : lines,
    spacing: Math.max(1, line),
    before: inTable ? 0 : s.before / 20,
    after: inTable && styleId === NORMAL ? 0 : s.after / 20,
    keepNext: on(props, 'w:keepNext') ?? s.keepNext,
    keepLines: on(props, 'w:keepLines') ?? s.keepLines,
    widowControl: on(props, 'w:widowControl') ?? s.widowControl,
    pageBreak: out.pageBreak,
    bookmarks: out.bookmarks,
    notes: out.notes.map((id) => noteHeight(ctx, id)),
  };
}

const noteHeights = new WeakMap<FlowContext, Map<string, number>>();
/** A footnote's height: its text in the footnote style, across the page. */
function noteHeight(ctx: FlowContext, id: string): number {
  const cache = noteHeights.get(ctx) ?? new Map<string, number>();
  noteHeights.set(ctx, cache);
  let h = cache.get(id);
  if (h === undefined) {
    const s = ctx.styles.get('FootnoteText') ?? (ctx.styles.get(NORMAL) as StyleSettings);
    const piece: Piece = {
      text: ctx.notes.get(id) ?? id,
      face: 'regular',
      size: s.size / 2,
      spacing: 0,
      caps: false,
      mono: false,
    };
    h = lineBreak([piece], ctx.noteWidth, ctx, s.line / 240).reduce((a, b) => a + b, 0) + s.after / 20;
    cache.set(id, h);
  }
  return h;
}

/** The width of a paragraph's text on one line (a rotated cell's: the height it needs). */
export function paragraphWidth(p: Xml, ctx: FlowContext): number {
  const props = child(p, 'w:pPr');
  const s = (ctx.styles.get(valOf(props, 'w:pStyle') || NORMAL) ?? ctx.styles.get(NORMAL)) as StyleSettings;
  const out = { pieces: [] as Piece[], bookmarks: [] as string[], notes: [] as string[], pageBreak: false };
  piecesOf(p, s, ctx, out);
  return out.pieces.reduce((w, x) => w + pieceWidth(x, x.text, ctx.metrics), 0);
}

function pieceWidth(p: Piece, text: string, metrics: Metrics): number {
  if (p.box) return p.box.width;
  let t = p.caps ? text.toUpperCase() : text;
  t = t.replace(/\t/g, '    ');
  return (p.mono ? t.length * 0.55 * p.size : metrics.width(t, p.face, p.size)) + p.spacing * t.length;
}
