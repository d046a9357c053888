import type { Block, DocumentIR, HeadingBlock, Inline, IrSource } from '../../ir/types.js';
import * as blocks from './blocks.js';
import type { Doc, FlowOptions, PdfContext, TextStyle } from './context.js';
import type { FontFace, FontStack } from './fonts.js';
import { drawMatrix } from './matrix.js';
import { matrixLead } from './matrix-plan.js';
import { drawPageFurniture } from './page-furniture.js';
import type { StructElem, Tagger } from './tags.js';
import type { Span, TextBlock } from './text.js';
import { theme as defaultTheme, type Theme } from './theme.js';
import { Contents } from './toc.js';
import type { Align, Typesetter } from './typeset.js';
import { drawWorkload } from './workload.js';

type OutlineItem = Doc['outline'];

/**
 * Lays IR blocks out on pdfkit pages, top to bottom. Text goes through our typesetter (font
 * fallback, bidi, line breaking); paragraphs flow across pages line by line, and everything else
 * is measured first and moved to the next page whole when it does not fit.
 */
export class PdfWriter implements PdfContext {
  /** Extra left indent for lists and quotes. */
  indent = 0;
  /** A layout to return to before the next block (after a landscape matrix). */
  pendingLayout: 'portrait' | 'landscape' | undefined;
  /** The page the last legend block was drawn on: a matrix starting there needs no legend of its own. */
  legendPage = -1;
  /**
   * The room the blocks after the current one need on its page (see {@link leadOf}): a heading or
   * a legend keeps that much below it, so it never ends a page alone.
   */
  keepNext = 0;
  /**
   * Where in the content the text being drawn comes from: the innermost node with a `source`
   * (a role section, a list item naming an activity, a matrix row). A glyph no font has is
   * reported there (`renderPdf`'s warnings), not guessed from the text.
   */
  source: IrSource | undefined;
  private outlineStack: { level: number; item: OutlineItem }[] = [];
  private readonly contents: Contents;

  constructor(
    readonly doc: Doc,
    readonly ir: DocumentIR,
    readonly fonts: FontStack,
    readonly tags: Tagger,
    readonly ts: Typesetter,
    readonly theme: Theme = defaultTheme,
  ) {
    this.contents = new Contents(ir.blocks);
  }

  /** The index of the current page in the document (0-based). */
  pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  get left(): number {
    return this.doc.page.margins.left + this.indent;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right - this.indent;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  get landscape(): boolean {
    return this.doc.page.width > this.doc.page.height;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) this.newPage();
  }

  newPage(layout?: 'portrait' | 'landscape'): void {
    this.doc.addPage({
      size: this.theme.page.size,
      layout: layout ?? (this.landscape ? 'landscape' : 'portrait'),
      margins: this.theme.page.margin,
    });
  }

  space(points: number): void {
    if (this.doc.y > this.top + 1) this.doc.y += points;
  }

  /** Styled spans of plain text. */
  plain(
    text: string,
    face: FontFace,
    size: number,
    color = this.theme.color.text,
    extra: Partial<Span> = {},
  ) {
    return [{ text, face, size, color, ...extra }];
  }

  /** IR inlines as spans: bold, italic and code pick the face, links take the link colour. */
  spans(content: readonly Inline[], style: TextStyle): Span[] {
    const out: Span[] = [];
    for (const run of content) {
      if (run.type === 'break') {
        out.push({ text: '\n', face: style.face ?? 'regular', size: style.size, color: style.color });
        continue;
      }
      if (run.text === '') continue;
      const face: FontFace = run.code
        ? 'mono'
        : run.bold && run.italic
          ? 'boldItalic'
          : run.bold
            ? 'bold'
            : run.italic
              ? 'italic'
              : (style.face ?? 'regular');
      const span: Span = {
        text: run.text,
        face,
        size: run.code ? style.size * 0.92 : style.size,
        color: run.link || run.ref ? this.theme.color.link : style.color,
      };
      if (run.link) span.link = run.link;
      if (run.ref) span.goTo = run.ref;
      if (run.strike) span.strike = true;
      out.push(span);
    }
    return out;
  }

  /** Lays text out `width` wide (the content width by default). */
  measure(spans: readonly Span[], width = this.width, lineGap = 0, dir?: 'ltr' | 'rtl'): TextBlock {
    return this.ts.layout(spans, width, lineGap, dir);
  }

  /** Draws a laid-out block at (x, y) as the content of `tag`. */
  put(
    block: TextBlock,
    x: number,
    y: number,
    width: number,
    tag: StructElem | null | 'artifact',
    align?: Align,
  ) {
    this.ts.draw(block, x, y, width, { tag, ...(align ? { align } : {}) });
  }

  /**
   * Draws text at the current position as the content of `tag`, flowing across pages line by
   * line: the page furniture is redrawn on each new page, so nothing is ever cut off.
   */
  flow(spans: readonly Span[], tag: StructElem | null | 'artifact', options: FlowOptions = {}): void {
    const x = options.x ?? this.left;
    const width = options.width ?? this.width;
    const block = this.ts.layout(spans, width, options.lineGap ?? 0, options.dir);
    const keep = Math.min(options.keep ?? 2, block.lines.length);
    let i = 0;
    while (i < block.lines.length) {
      const room = Math.floor((this.bottom - this.doc.y + (options.lineGap ?? 0)) / block.lineHeight);
      const need = i === 0 ? keep : 1;
      if (room < need && this.doc.y > this.top + 1) {
        this.newPage();
        continue;
      }
      let n = Math.max(1, Math.min(room, block.lines.length - i));
      // No widow: a paragraph's last line never starts a page alone; one more goes with it.
      if (block.lines.length - i - n === 1 && this.doc.y > this.top + 1) {
        if (n - 1 >= need) n -= 1;
        else {
          this.newPage();
          continue;
        }
      }
      this.ts.draw(block, x, this.doc.y, width, {
        tag,
        from: i,
        to: i + n,
        ...(options.align ? { align: options.align } : {}),
      });
      this.doc.y += n * block.lineHeight;
      i += n;
    }
    if (block.lines.length > 0) this.doc.y -= options.lineGap ?? 0;
    this.doc.x = this.left;
  }

  /** Draws decoration (fills, rules) outside the structure tree. */
  deco(draw: (doc: Doc) => void): void {
    this.tags.artifact(() => {
      this.doc.save();
      draw(this.doc);
      this.doc.restore();
    });
  }

  rule(x: number, y: number, width: number, lineWidth: number, color: string): void {
    this.deco((d) =>
      d
        .moveTo(x, y)
        .lineTo(x + width, y)
        .lineWidth(lineWidth)
        .stroke(color),
    );
  }

  render(list: readonly Block[]): void {
    // Where a matrix's landscape page begins, as the composer decided: at its heading and legend.
    const turns = new Set<number>();
    list.forEach((b, i) => {
      if (b.type === 'matrix' && b.landscape) turns.add(i - b.landscape.lead);
    });
    list.forEach((block, i) => {
      // A matrix that needs landscape takes its heading and legend along to the landscape page;
      // right after another landscape matrix, it starts a landscape page at once (no portrait
      // page between them, blank or holding its heading alone).
      if (turns.has(i) && (!this.landscape || this.pendingLayout)) {
        this.pendingLayout = undefined;
        this.newPage('landscape');
      }
      this.keepNext = block.type === 'heading' || block.type === 'legend' ? this.leadOf(list, i + 1) : 0;
      this.block(block);
      this.keepNext = 0;
    });
  }

  /**
   * The height the blocks from `start` need on the page where they begin: two lines of a
   * paragraph or list, two rows of fields, a matrix's header and first rows, a legend or a
   * heading with what follows them. At most a third of the page, so a long chain still breaks.
   */
  leadOf(list: readonly Block[], start: number): number {
    const t = this.theme;
    const next = list[start];
    const line = t.size.body * 1.17 + t.lineGap;
    let lead: number;
    switch (next?.type) {
      case undefined:
      case 'toc':
      case 'cover':
      case 'pagebreak':
        return 0;
      case 'paragraph': {
        const text = this.measure(this.spans(next.content, { size: t.size.body, color: t.color.text }));
        lead = Math.min(2, text.lines.length) * text.lineHeight;
        break;
      }
      case 'fields':
        lead = blocks.fieldsLead(this, next);
        break;
      case 'legend':
        lead = blocks.legendHeight(this, next) + this.leadOf(list, start + 1);
        break;
      case 'heading':
        lead = 2 * line + 20 + this.leadOf(list, start + 1);
        break;
      case 'matrix':
        lead = matrixLead(this, next);
        break;
      case 'quote':
        lead = this.leadOf(next.blocks, 0);
        break;
      default:
        lead = 2 * line;
    }
    return Math.min(lead, (this.bottom - this.top) / 3);
  }

  /** Draws with `source` as the place of what is drawn (an enclosing node's when it has none). */
  from<T>(source: IrSource | undefined, draw: () => T): T {
    const outer = this.source;
    this.source = source ?? outer;
    try {
      return draw();
    } finally {
      this.source = outer;
    }
  }

  block(block: Block): void {
    this.from('source' in block ? block.source : undefined, () => this.drawBlock(block));
  }

  private drawBlock(block: Block): void {
    if (this.pendingLayout) {
      const layout = this.pendingLayout;
      this.pendingLayout = undefined;
      this.newPage(layout);
    }
    switch (block.type) {
      case 'cover':
        blocks.cover(this, block);
        return;
      case 'heading':
        this.heading(block);
        return;
      case 'paragraph':
        blocks.paragraph(this, block);
        return;
      case 'list':
        blocks.list(this, block);
        return;
      case 'fields':
        blocks.fields(this, block);
        return;
      case 'legend':
        blocks.legend(this, block);
        return;
      case 'matrix':
        drawMatrix(this, block);
        return;
      case 'table':
        blocks.table(this, block);
        return;
      case 'quote':
        blocks.quote(this, block);
        return;
      case 'code':
        blocks.code(this, block);
        return;
      case 'rule':
        this.ensure(12);
        this.rule(this.left, this.doc.y + 4, this.width, 0.6, this.theme.color.rule);
        this.doc.y += 12;
        return;
      case 'pagebreak':
        this.newPage();
        return;
      case 'toc':
        this.contents.reserve(this, block);
        return;
      case 'workload':
        drawWorkload(this, block);
        return;
      default: {
        const unknown: never = block;
        throw new Error(`The PDF writer has no case for ${(unknown as { type: string }).type}`);
      }
    }
  }

  /** Adds a bookmark pointing at `y` on the current page, nested under the last lower level. */
  bookmark(level: number, title: string, y = this.doc.y): void {
    while ((this.outlineStack[this.outlineStack.length - 1]?.level ?? 0) >= level) this.outlineStack.pop();
    const parent = this.outlineStack[this.outlineStack.length - 1]?.item ?? this.doc.outline;
    const item = parent.addItem(title);
    // pdfkit points bookmarks at the page's top right corner; point at the heading instead.
    const data = (item as unknown as { outlineData: { Dest?: unknown[] } }).outlineData;
    data.Dest = [this.doc.page.dictionary, 'XYZ', null, this.doc.page.height - y, null];
    this.outlineStack.push({ level, item });
  }

  heading(block: HeadingBlock): void {
    const t = this.theme;
    const size = [0, t.size.h1, t.size.h2, t.size.h3, t.size.h4][block.level] ?? t.size.h4;
    const color = block.level === 2 ? t.color.accent : t.color.text;
    const text = this.measure(this.plain(block.text, 'heading', size, color));
    // Keep a heading with what follows it: two lines of text, a legend and its matrix's first rows…
    this.ensure(text.height + size * 1.3 + Math.max(this.keepNext, t.size.body * 2.5));
    this.space(block.level === 2 ? size * 0.75 : size * 0.55);
    const anchor = this.contents.anchorOf(block);
    this.contents.placed(block, this.pageIndex());
    if (anchor)
      this.doc.addNamedDestination(
        anchor,
        'XYZ',
        this.doc.page.margins.left,
        this.doc.y,
        null as unknown as number,
      );
    this.bookmark(block.level, block.text);
    const elem = this.tags.element(`H${Math.min(block.level, 6)}`);
    this.put(text, this.left, this.doc.y, this.width, elem);
    elem?.end();
    this.doc.y += text.height;
    if (block.level === 2) {
      const y = this.doc.y + 3;
      this.rule(this.left, y, this.width, 0.8, t.color.rule);
      this.doc.y = y + size * 0.5;
    } else {
      this.doc.y += size * 0.35;
    }
  }

  /** Fills in the contents and draws the running header and footer on every page. */
  finish(): void {
    this.contents.fill(this);
    drawPageFurniture(this);
  }
}
