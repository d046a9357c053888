import type PDFDocument from 'pdfkit';
import type {
  Block,
  CoverBlock,
  DocumentIR,
  FieldsBlock,
  HeadingBlock,
  Inline,
  LegendBlock,
  ListBlock,
  TableBlock,
  TextRun,
} from '../../compose/ir.js';
import type { FontFace } from './fonts.js';
import { drawMatrix } from './matrix.js';
import { theme as defaultTheme, type Theme } from './theme.js';
import { Contents } from './toc.js';
import { drawWorkload } from './workload.js';

type Doc = InstanceType<typeof PDFDocument>;
type OutlineItem = Doc['outline'];

export interface TextStyle {
  size: number;
  color: string;
  face?: FontFace;
}

/**
 * Lays IR blocks out on pdfkit pages, top to bottom. Paragraphs flow across pages through pdfkit's
 * own line breaking; everything else (headings, fields, tables, the matrix) is measured first and
 * moved to the next page whole when it does not fit.
 */
export class PdfWriter {
  /** Extra left indent for lists and quotes. */
  indent = 0;
  /** A layout to return to before the next block (after a landscape matrix). */
  pendingLayout: 'portrait' | 'landscape' | undefined;
  private outlineStack: { level: number; item: OutlineItem }[] = [];

  private readonly contents: Contents;

  constructor(
    readonly doc: Doc,
    readonly ir: DocumentIR,
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

  font(face: FontFace, size: number): this {
    this.doc.font(face).fontSize(size);
    return this;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) this.newPage();
  }

  newPage(layout?: 'portrait' | 'landscape'): void {
    const current = this.doc.page.layout as 'portrait' | 'landscape' | undefined;
    this.doc.addPage({
      size: this.theme.page.size,
      layout: layout ?? current ?? 'portrait',
      margins: this.theme.page.margin,
    });
  }

  space(points: number): void {
    if (this.doc.y > this.top + 1) this.doc.y += points;
  }

  render(blocks: readonly Block[]): void {
    for (const block of blocks) this.block(block);
  }

  block(block: Block): void {
    if (this.pendingLayout) {
      const layout = this.pendingLayout;
      this.pendingLayout = undefined;
      this.newPage(layout);
    }
    switch (block.type) {
      case 'cover':
        this.cover(block);
        return;
      case 'heading':
        this.heading(block);
        return;
      case 'paragraph': {
        const size =
          block.style === 'lead'
            ? this.theme.size.lead
            : block.style === 'small'
              ? this.theme.size.small
              : this.theme.size.body;
        const color =
          block.style === 'small' || block.style === 'caption'
            ? this.theme.color.muted
            : this.theme.color.text;
        this.ensure(size * 2.6);
        this.inlines(block.content, { size, color });
        this.doc.y += size * 0.7;
        return;
      }
      case 'list':
        this.list(block);
        return;
      case 'fields':
        this.fields(block);
        return;
      case 'legend':
        this.legend(block);
        return;
      case 'matrix':
        drawMatrix(this, block);
        return;
      case 'table':
        this.table(block);
        return;
      case 'quote': {
        const startY = this.doc.y;
        const startPage = this.doc.page;
        this.indent += 14;
        this.render(block.blocks);
        this.indent -= 14;
        if (this.doc.page === startPage) {
          this.doc
            .save()
            .rect(this.left + 3, startY, 2.5, this.doc.y - startY - 4)
            .fill(this.theme.color.rule)
            .restore();
        }
        return;
      }
      case 'code': {
        this.font('mono', this.theme.size.small);
        const h = this.doc.heightOfString(block.text, { width: this.width - 16 }) + 12;
        this.ensure(Math.min(h, 120));
        const y = this.doc.y;
        if (y + h <= this.bottom)
          this.doc.save().rect(this.left, y, this.width, h).fill(this.theme.color.codeFill).restore();
        this.doc
          .fillColor(this.theme.color.text)
          .text(block.text, this.left + 8, y + 6, { width: this.width - 16 });
        this.doc.y += 12;
        return;
      }
      case 'rule':
        this.ensure(12);
        this.doc
          .save()
          .moveTo(this.left, this.doc.y + 4)
          .lineTo(this.left + this.width, this.doc.y + 4)
          .lineWidth(0.6)
          .stroke(this.theme.color.rule)
          .restore();
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

  /** Draws inline runs as one wrapped paragraph at the current position. */
  inlines(content: readonly Inline[], style: TextStyle, x = this.left, width = this.width): void {
    const segments: TextRun[] = [];
    for (const run of content) {
      if (run.type === 'break') {
        const last = segments[segments.length - 1];
        if (last) last.text += '\n';
        continue;
      }
      if (run.text !== '') segments.push({ ...run });
    }
    if (segments.length === 0) return;
    const doc = this.doc;
    segments.forEach((seg, i) => {
      const face: FontFace = seg.code
        ? 'mono'
        : seg.bold && seg.italic
          ? 'boldItalic'
          : seg.bold
            ? 'bold'
            : seg.italic
              ? 'italic'
              : (style.face ?? 'regular');
      doc
        .font(face)
        .fontSize(seg.code ? style.size * 0.92 : style.size)
        .fillColor(seg.link || seg.ref ? this.theme.color.link : style.color);
      const options: PDFKit.Mixins.TextOptions = {
        width,
        continued: i < segments.length - 1,
        lineGap: this.theme.lineGap,
        underline: false,
        strike: seg.strike === true,
        link: seg.link ?? null,
      };
      if (seg.ref) options.goTo = seg.ref;
      if (i === 0) doc.text(seg.text, x, doc.y, options);
      else doc.text(seg.text, options);
    });
    doc.fillColor(this.theme.color.text);
  }

  /** Adds a bookmark for a heading, nested under the last heading of a lower level. */
  private bookmark(level: number, title: string): void {
    while (
      this.outlineStack.length > 0 &&
      (this.outlineStack[this.outlineStack.length - 1]?.level ?? 0) >= level
    ) {
      this.outlineStack.pop();
    }
    const parent = this.outlineStack[this.outlineStack.length - 1]?.item ?? this.doc.outline;
    const item = parent.addItem(title);
    this.outlineStack.push({ level, item });
  }

  heading(block: HeadingBlock): void {
    const size =
      [0, this.theme.size.h1, this.theme.size.h2, this.theme.size.h3, this.theme.size.h4][block.level] ??
      this.theme.size.h4;
    const face: FontFace = 'bold';
    this.font(face, size);
    const height = this.doc.heightOfString(block.text, { width: this.width });
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(height + size * 0.9 + this.theme.size.body * 4);
    this.space(block.level === 2 ? size * 0.9 : size * 0.55);
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
    const color = block.level === 2 ? this.theme.color.accent : this.theme.color.text;
    this.doc.fillColor(color).text(block.text, this.left, this.doc.y, { width: this.width });
    if (block.level === 2) {
      const y = this.doc.y + 2;
      this.doc
        .save()
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.8)
        .stroke(this.theme.color.rule)
        .restore();
      this.doc.y = y + size * 0.5;
    } else {
      this.doc.y += size * 0.3;
    }
    this.doc.fillColor(this.theme.color.text);
  }

  cover(block: CoverBlock): void {
    const doc = this.doc;
    const x = this.left;
    if (block.subtitle) {
      this.font('bold', 8.5);
      doc
        .fillColor(this.theme.color.accent)
        .text(block.subtitle.toUpperCase(), x, doc.y, { width: this.width, characterSpacing: 1.2 });
      doc.y += 4;
    }
    this.font('bold', this.theme.size.h1);
    doc.fillColor(this.theme.color.text).text(block.title, x, doc.y, { width: this.width, lineGap: 1 });
    this.bookmark(1, block.title);
    doc.y += 8;
    if (block.items.length > 0) {
      const y = doc.y;
      const pad = 8;
      const colW = this.width / Math.max(block.items.length, 1);
      this.font('regular', this.theme.size.body);
      const h =
        Math.max(
          ...block.items.map((it) =>
            doc
              .font('bold')
              .fontSize(this.theme.size.body)
              .heightOfString(it.value, { width: colW - 2 * pad }),
          ),
        ) +
        this.theme.size.small +
        2 * pad +
        4;
      doc.save().rect(x, y, this.width, h).fill(this.theme.color.accentSoft).restore();
      block.items.forEach((it, i) => {
        const cx = x + i * colW + pad;
        this.font('regular', this.theme.size.small);
        doc
          .fillColor(this.theme.color.muted)
          .text(it.label.toUpperCase(), cx, y + pad, { width: colW - 2 * pad, characterSpacing: 0.6 });
        this.font('bold', this.theme.size.body);
        doc
          .fillColor(this.theme.color.text)
          .text(it.value, cx, y + pad + this.theme.size.small + 4, { width: colW - 2 * pad });
      });
      doc.y = y + h;
    }
    doc.save().rect(x, doc.y, this.width, 2.5).fill(this.theme.color.accent).restore();
    doc.y += 18;
    doc.x = x;
  }

  list(block: ListBlock): void {
    const doc = this.doc;
    block.items.forEach((item, i) => {
      const marker = block.ordered ? `${(block.start ?? 1) + i}.` : '•';
      this.ensure(this.theme.size.body * 2.4);
      const y = doc.y;
      this.font('regular', this.theme.size.body);
      doc.fillColor(this.theme.color.accent).text(marker, this.left, y, { width: 14, lineBreak: false });
      doc.y = y;
      this.indent += 14;
      item.forEach((child, j) => {
        if (child.type === 'paragraph') {
          this.inlines(child.content, { size: this.theme.size.body, color: this.theme.color.text });
          if (j < item.length - 1) doc.y += 3;
        } else {
          this.block(child);
        }
      });
      this.indent -= 14;
      doc.y += 2.5;
    });
    doc.y += this.theme.size.body * 0.5;
  }

  fields(block: FieldsBlock): void {
    const doc = this.doc;
    const labelW = Math.min(130, this.width * 0.3);
    for (const item of block.items) {
      this.font('bold', this.theme.size.body);
      const labelH = doc.heightOfString(item.label, { width: labelW - 8 });
      this.font('regular', this.theme.size.body);
      const valueText = item.value.map((v) => (v.type === 'text' ? v.text : '\n')).join('');
      const valueH = doc.heightOfString(valueText, { width: this.width - labelW });
      const h = Math.max(labelH, valueH) + 6;
      this.ensure(h);
      const y = doc.y;
      this.font('bold', this.theme.size.body);
      doc.fillColor(this.theme.color.muted).text(item.label, this.left, y + 3, { width: labelW - 8 });
      doc.y = y + 3;
      this.inlines(
        item.value,
        { size: this.theme.size.body, color: this.theme.color.text },
        this.left + labelW,
        this.width - labelW,
      );
      const end = Math.max(doc.y, y + h);
      doc
        .save()
        .moveTo(this.left, end + 1)
        .lineTo(this.left + this.width, end + 1)
        .lineWidth(0.4)
        .stroke(this.theme.color.grid)
        .restore();
      doc.y = end + 3;
    }
    doc.y += 6;
  }

  legend(block: LegendBlock): void {
    const doc = this.doc;
    const swatch = 15;
    const colW = this.width / Math.min(4, Math.max(block.codes.length, 1));
    const rows = Math.ceil(block.codes.length / 4);
    this.ensure(rows * 34 + 10);
    let y = doc.y;
    block.codes.forEach((code, i) => {
      const col = i % 4;
      if (i > 0 && col === 0) y += 34;
      const x = this.left + col * colW;
      doc.save().roundedRect(x, y, swatch, swatch, 2).fill(code.color).restore();
      this.font('bold', this.theme.size.matrixCode);
      doc
        .fillColor(this.theme.color.cellText)
        .text(code.code, x, y + 3.5, { width: swatch, align: 'center', lineBreak: false });
      this.font('bold', this.theme.size.small + 0.5);
      doc
        .fillColor(this.theme.color.text)
        .text(code.label, x + swatch + 6, y + 0.5, { width: colW - swatch - 10, lineBreak: false });
      if (code.description) {
        this.font('regular', this.theme.size.small - 0.5);
        doc
          .fillColor(this.theme.color.muted)
          .text(code.description, x + swatch + 6, y + 11, { width: colW - swatch - 10 });
      }
    });
    doc.y = y + 34;
    doc.x = this.left;
  }

  /** A plain table from a section of the source: wrapped cells, repeated header row. */
  table(block: TableBlock): void {
    const doc = this.doc;
    const cols = Math.max(block.header.length, ...block.rows.map((r) => r.length), 1);
    const colW = this.width / cols;
    const pad = 4;
    const plain = (cell: Inline[] | undefined) =>
      (cell ?? []).map((i) => (i.type === 'text' ? i.text : '\n')).join('');
    const measure = (cells: Inline[][], face: FontFace) => {
      this.font(face, this.theme.size.small + 0.5);
      return Math.max(
        14,
        ...Array.from(
          { length: cols },
          (_, i) => doc.heightOfString(plain(cells[i]), { width: colW - 2 * pad }) + 2 * pad,
        ),
      );
    };
    const drawRow = (cells: Inline[][], face: FontFace, fill: string | null) => {
      const h = measure(cells, face);
      const y = doc.y;
      if (fill) doc.save().rect(this.left, y, this.width, h).fill(fill).restore();
      for (let i = 0; i < cols; i++) {
        doc.y = y + pad;
        this.inlines(
          cells[i] ?? [],
          { size: this.theme.size.small + 0.5, color: this.theme.color.text, face },
          this.left + i * colW + pad,
          colW - 2 * pad,
        );
      }
      doc
        .save()
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .lineWidth(0.5)
        .stroke(this.theme.color.grid)
        .restore();
      doc.y = y + h;
    };
    const headerH = measure(block.header, 'bold');
    this.ensure(headerH + 20);
    drawRow(block.header, 'bold', this.theme.color.headerFill);
    for (const row of block.rows) {
      const h = measure(row, 'regular');
      if (doc.y + h > this.bottom) {
        this.newPage();
        drawRow(block.header, 'bold', this.theme.color.headerFill);
      }
      drawRow(row, 'regular', null);
    }
    doc.y += 10;
    doc.x = this.left;
  }

  /** Running header and footer with `Page X of Y` on every page, drawn once all pages exist. */
  finish(): void {
    this.contents.fill(this);
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    const total = range.count;
    for (let i = range.start; i < range.start + total; i++) {
      doc.switchToPage(i);
      const { margins } = doc.page;
      const saved = margins.bottom;
      // Drawing below the bottom margin would make pdfkit start a new page.
      margins.bottom = 0;
      const w = doc.page.width - margins.left - margins.right;
      this.font('regular', this.theme.size.header);
      doc.fillColor(this.theme.color.muted);
      if (i > range.start) {
        const hy = margins.top - 30;
        doc.text(this.ir.header, margins.left, hy, { width: w * 0.75, lineBreak: false, ellipsis: true });
        doc
          .save()
          .moveTo(margins.left, hy + 12)
          .lineTo(margins.left + w, hy + 12)
          .lineWidth(0.5)
          .stroke(this.theme.color.rule)
          .restore();
      }
      const fy = doc.page.height - saved + 24;
      doc
        .save()
        .moveTo(margins.left, fy - 7)
        .lineTo(margins.left + w, fy - 7)
        .lineWidth(0.5)
        .stroke(this.theme.color.rule)
        .restore();
      const pageText = this.ir.labels.pageOf
        .replace('{page}', String(i - range.start + 1))
        .replace('{pages}', String(total));
      doc.text(this.ir.footer, margins.left, fy, { width: w * 0.72, lineBreak: false, ellipsis: true });
      doc.text(pageText, margins.left + w * 0.72, fy, { width: w * 0.28, align: 'right', lineBreak: false });
      margins.bottom = saved;
    }
  }
}
