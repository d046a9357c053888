import type PDFDocument from 'pdfkit';
import { drawString, embeddingLevels, visualOrder } from './bidi.js';
import type { FontStack } from './fonts.js';
import type { StructElem, Tagger } from './tags.js';
import {
  breakLines,
  itemize,
  type Line,
  type MissingGlyph,
  RangeMeasure,
  type Span,
  type TextBlock,
} from './text.js';

type Doc = InstanceType<typeof PDFDocument>;

export type Align = 'start' | 'left' | 'right' | 'center';

export interface DrawOptions {
  align?: Align;
  /** The structure element the text belongs to, or `artifact` for text outside the structure. */
  tag: StructElem | null | 'artifact';
  /** The lines to draw, `[from, to)`; all by default. */
  from?: number;
  to?: number;
}

interface Unit {
  start: number;
  end: number;
  level: number;
  span: Span;
  font: string;
}

const SPLIT_AT_SPACES = /(\s+)/u;

/**
 * Sets text with our own line breaking, per-glyph font fallback and bidi reordering, then draws
 * each run with pdfkit at computed positions. pdfkit's own wrapper would break lines for us, but
 * it picks one font per call, and lays out right-to-left words in logical order.
 */
export class Typesetter {
  /** Layouts of short single-style texts (cell letters, numbers, names), which are immutable. */
  private readonly layouts = new Map<string, TextBlock>();

  private readonly measurer = {
    widthOf: (font: string, size: number, text: string): number => {
      if (text.length > 48) return this.doc.font(font).fontSize(size).widthOfString(text);
      // Widths scale with the size: cache them at size 1, across documents.
      return (
        size *
        this.fonts.unitWidth(font, text, () => this.doc.font(font).fontSize(1000).widthOfString(text) / 1000)
      );
    },
  };

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontStack,
    private readonly tagger: Tagger,
    private readonly onMissing: (m: MissingGlyph) => void,
  ) {}

  /** Lays spans out in lines at most `maxWidth` wide. */
  layout(spans: readonly Span[], maxWidth: number, lineGap = 0, dir?: 'ltr' | 'rtl'): TextBlock {
    const only = spans.length === 1 ? spans[0] : undefined;
    if (!only || only.text.length > 64 || dir) return this.layoutUncached(spans, maxWidth, lineGap, dir);
    const key = [
      only.face,
      only.size,
      only.color,
      only.link,
      only.goTo,
      only.strike,
      maxWidth,
      lineGap,
      only.text,
    ].join('\u0000');
    let block = this.layouts.get(key);
    if (!block) {
      block = this.layoutUncached(spans, maxWidth, lineGap);
      if (this.layouts.size > 20_000) this.layouts.clear();
      this.layouts.set(key, block);
    }
    return block;
  }

  private layoutUncached(
    spans: readonly Span[],
    maxWidth: number,
    lineGap: number,
    dir?: 'ltr' | 'rtl',
  ): TextBlock {
    const { text, pieces, missing } = itemize(this.fonts, spans);
    const size = Math.max(0, ...spans.map((s) => s.size));
    const face = spans[0]?.face ?? 'regular';
    const m = this.fonts.metricsOf(this.fonts.primary(face));
    const ascent = m.ascent * size;
    const lineHeight = (m.ascent - m.descent) * size + lineGap;
    if (text === '') {
      return { text, pieces, bidi: null, missing, lines: [], ascent, lineHeight, width: 0, height: 0 };
    }
    const lines = breakLines(text, new RangeMeasure(text, pieces, this.measurer), maxWidth);
    return {
      text,
      pieces,
      bidi: embeddingLevels(text, dir),
      missing,
      lines,
      ascent,
      lineHeight,
      width: Math.max(0, ...lines.map((l) => l.width)),
      height: lines.length * lineHeight - (lines.length > 0 ? lineGap : 0),
    };
  }

  /** The width of a single-line text. */
  widthOf(spans: readonly Span[]): number {
    return this.layout(spans, Number.POSITIVE_INFINITY).width;
  }

  /** Draws lines of a laid-out block with their top at `y`, in a box `width` wide at `x`. */
  draw(block: TextBlock, x: number, y: number, width: number, options: DrawOptions): void {
    const from = options.from ?? 0;
    const to = Math.min(options.to ?? block.lines.length, block.lines.length);
    for (const char of block.missing) this.onMissing({ char, text: block.text });
    const drawLines = (tag: StructElem | null) => {
      const links = new Map<Span, StructElem | null>();
      for (let i = from; i < to; i++) {
        const line = block.lines[i] as Line;
        this.drawLine(block, line, x, y + (i - from) * block.lineHeight, width, options.align, tag, links);
      }
      for (const link of links.values()) link?.end();
    };
    // pdfkit moves its cursor with every text it draws; the caller's position stays put.
    const { x: cursorX, y: cursorY } = this.doc;
    if (options.tag === 'artifact') this.tagger.artifact(() => drawLines(null));
    else drawLines(options.tag);
    this.doc.x = cursorX;
    this.doc.y = cursorY;
  }

  private units(block: TextBlock, line: Line): Unit[] {
    const units: Unit[] = [];
    const levels = block.bidi?.levels;
    for (const p of block.pieces) {
      if (p.end <= line.start) continue;
      if (p.start >= line.end) break;
      let s = Math.max(p.start, line.start);
      const e = Math.min(p.end, line.end);
      while (s < e) {
        const level = levels?.[s] ?? 0;
        let k = s + 1;
        while (k < e && (levels?.[k] ?? 0) === level) k++;
        const text = block.text.slice(s, k);
        if (levels && (level % 2 === 1 || block.bidi)) {
          // pdfkit lays out each space-separated word separately: give it one word at a time.
          let at = s;
          for (const part of text.split(SPLIT_AT_SPACES)) {
            if (part !== '')
              units.push({ start: at, end: at + part.length, level, span: p.span, font: p.font });
            at += part.length;
          }
        } else units.push({ start: s, end: k, level, span: p.span, font: p.font });
        s = k;
      }
    }
    return block.bidi ? visualOrder(units) : units;
  }

  private drawLine(
    block: TextBlock,
    line: Line,
    x: number,
    top: number,
    width: number,
    align: Align | undefined,
    tag: StructElem | null,
    links: Map<Span, StructElem | null>,
  ): void {
    const doc = this.doc;
    const units = this.units(block, line);
    const strings = units.map((u) => {
      const raw = block.text.slice(u.start, u.end);
      return block.bidi ? drawString(raw, u.level, this.fonts.metricsOf(u.font).shapesRtl) : raw;
    });
    const widths = units.map((u, i) => this.measurer.widthOf(u.font, u.span.size, strings[i] ?? ''));
    const total = widths.reduce((a, b) => a + b, 0);
    const side = align === 'start' || align === undefined ? (block.bidi?.rtl ? 'right' : 'left') : align;
    let cx = side === 'right' ? x + width - total : side === 'center' ? x + (width - total) / 2 : x;
    // A line reordered for display is drawn in visual order; its logical text goes along as
    // ActualText, so copying, searching and screen readers get the words as written.
    const logical = block.text.slice(line.start, line.end);
    const actual = block.bidi && tag ? this.tagger.element('Span', { actual: logical }, tag) : null;
    let open: { target: StructElem; content: PDFKit.PDFStructureContent } | null = null;
    const closeMark = () => {
      if (!open) return;
      doc.endMarkedContent();
      open.target.add(open.content);
      open = null;
    };
    units.forEach((u, i) => {
      const str = strings[i] ?? '';
      const w = widths[i] ?? 0;
      const href = u.span.link ?? u.span.goTo;
      let target = actual ?? tag;
      if (tag && href && !actual) {
        if (!links.has(u.span)) links.set(u.span, this.tagger.element('Link', {}, tag));
        target = links.get(u.span) ?? tag;
      }
      if (str.trim() !== '') {
        if (this.tagger.enabled && target && open?.target !== target) {
          closeMark();
          const type = tagType(target);
          open = { target, content: doc.markStructureContent(type) };
        }
        const m = this.fonts.metricsOf(u.font);
        doc
          .font(u.font)
          .fontSize(u.span.size)
          .fillColor(u.span.color)
          .text(str, cx, top + block.ascent - m.ascent * u.span.size, {
            lineBreak: false,
            strike: u.span.strike === true,
          });
      }
      if (href && w > 0) {
        const opts = this.tagger.linkOptions(target !== tag && target !== actual ? target : null);
        if (u.span.link) doc.link(cx, top, w, block.lineHeight, u.span.link, opts);
        else doc.goTo(cx, top, w, block.lineHeight, u.span.goTo as string, opts);
      }
      cx += w;
    });
    closeMark();
    actual?.end();
  }
}

const tagType = (elem: StructElem): string =>
  String((elem as unknown as { dictionary: { data: { S: unknown } } }).dictionary.data.S);
