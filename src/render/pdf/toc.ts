import type { Block, HeadingBlock, TocBlock } from '../../compose/ir.js';
import type { PdfWriter } from './writer.js';

/** Above this many entries the contents list only level-2 headings, so it stays on one page. */
const MAX_ENTRIES = 32;
const LINE = 15;

interface Entry {
  heading: HeadingBlock;
  anchor: string;
  page?: number;
}

/**
 * The table of contents: its entries are known before rendering (the IR is complete), so its
 * space is reserved where the block stands; page numbers are filled in once every heading has
 * been placed.
 */
export class Contents {
  private readonly entries: Entry[];
  private readonly byHeading = new Map<HeadingBlock, Entry>();
  private reserved: { page: number; y: number; title: string } | undefined;

  constructor(blocks: readonly Block[]) {
    const headings = blocks.filter(
      (b): b is HeadingBlock => b.type === 'heading' && (b.level === 2 || b.level === 3),
    );
    const chosen = headings.length > MAX_ENTRIES ? headings.filter((h) => h.level === 2) : headings;
    this.entries = chosen.map((heading, i) => ({ heading, anchor: heading.anchor ?? `toc-${i + 1}` }));
    for (const e of this.entries) this.byHeading.set(e.heading, e);
  }

  /** The anchor a heading gets, so that the contents can link to it. */
  anchorOf(heading: HeadingBlock): string | undefined {
    return this.byHeading.get(heading)?.anchor ?? heading.anchor;
  }

  /** Records the page a heading landed on. */
  placed(heading: HeadingBlock, page: number): void {
    const entry = this.byHeading.get(heading);
    if (entry) entry.page = page;
  }

  reserve(w: PdfWriter, block: TocBlock): void {
    if (this.entries.length === 0) return;
    const height = 26 + this.entries.length * LINE + 10;
    w.ensure(height);
    this.reserved = { page: w.pageIndex(), y: w.doc.y, title: block.title };
    w.doc.y += height;
  }

  /** Draws the reserved contents, once all pages exist. */
  fill(w: PdfWriter): void {
    if (!this.reserved) return;
    const doc = w.doc;
    doc.switchToPage(this.reserved.page);
    const t = w.theme;
    const x = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    let y = this.reserved.y;
    w.font('bold', t.size.small + 0.5);
    doc
      .fillColor(t.color.accent)
      .text(this.reserved.title.toUpperCase(), x, y, { width, characterSpacing: 1, lineBreak: false });
    y += 18;
    for (const entry of this.entries) {
      const indent = entry.heading.level === 3 ? 14 : 0;
      const page = entry.page === undefined ? '' : String(entry.page + 1);
      w.font(entry.heading.level === 2 ? 'bold' : 'regular', t.size.body);
      const pageW = doc.widthOfString(page);
      const textW = Math.min(doc.widthOfString(entry.heading.text), width - indent - 40);
      doc.fillColor(t.color.text).text(entry.heading.text, x + indent, y, {
        width: width - indent - 40,
        lineBreak: false,
        ellipsis: true,
        goTo: entry.anchor,
      });
      doc.text(page, x + width - pageW, y, { lineBreak: false, goTo: entry.anchor });
      const leaderY = y + t.size.body * 0.85;
      doc
        .save()
        .moveTo(x + indent + textW + 6, leaderY)
        .lineTo(x + width - pageW - 6, leaderY)
        .dash(0.5, { space: 2.5 })
        .lineWidth(0.6)
        .stroke(t.color.rule)
        .undash()
        .restore();
      y += LINE;
    }
  }
}
