import type { Block, HeadingBlock, TocBlock } from '../../ir/types.js';
import type { PdfContext } from './context.js';
import type { StructElem } from './tags.js';
import type { TextBlock } from './text.js';

/**
 * Above this many entries the contents list only level-2 headings. Below it they list level 3
 * too (Workload, each role), as the DOCX does, when they fit on the page where the contents stand:
 * a 30-role charter's contents fill its first page instead of leaving it nearly blank.
 */
const MAX_ENTRIES = 60;
const GAP = 4.5;
const PAGE_COLUMN = 40;

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
  private entries: Entry[];
  private readonly byHeading = new Map<HeadingBlock, Entry>();
  private reserved: { page: number; y: number; title: string; elem: StructElem | null } | undefined;

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

  private layoutEntries(w: PdfContext, width: number): TextBlock[] {
    const t = w.theme;
    return this.entries.map((e) => {
      const indent = e.heading.level === 3 ? 14 : 0;
      const face = e.heading.level === 2 ? 'bold' : 'regular';
      return w.measure(
        w.plain(e.heading.text, face, t.size.body, t.color.text, { goTo: e.anchor }),
        width - indent - PAGE_COLUMN,
      );
    });
  }

  private title(w: PdfContext, title: string): TextBlock {
    return w.measure(w.plain(title.toUpperCase(), 'bold', w.theme.size.small + 0.5, w.theme.color.accent));
  }

  reserve(w: PdfContext, block: TocBlock): void {
    if (this.entries.length === 0) return;
    const heightOf = () =>
      this.title(w, block.title).height +
      8 +
      this.layoutEntries(w, w.width).reduce((h, b) => h + b.height + GAP, 0) +
      10;
    // Too tall for the rest of this page: the level-2 headings only, rather than a page turned
    // and the cover left alone. Estimated at a line per entry: measuring entries that are then
    // dropped would leave their glyphs in the fonts' shared state (pdf-standards.test.ts).
    const line = w.measure(w.plain('X', 'regular', w.theme.size.body, w.theme.color.text)).lineHeight;
    const estimate = 40 + this.entries.length * (line + GAP);
    if (estimate > w.bottom - w.doc.y && this.entries.some((e) => e.heading.level === 3)) {
      this.entries = this.entries.filter((e) => e.heading.level === 2);
      this.byHeading.clear();
      for (const e of this.entries) this.byHeading.set(e.heading, e);
    }
    const height = heightOf();
    w.ensure(height);
    this.reserved = { page: w.pageIndex(), y: w.doc.y, title: block.title, elem: w.tags.element('TOC') };
    w.doc.y += height;
  }

  /** Draws the reserved contents, once all pages exist. */
  fill(w: PdfContext): void {
    if (!this.reserved) return;
    const { elem } = this.reserved;
    const doc = w.doc;
    doc.switchToPage(this.reserved.page);
    const t = w.theme;
    const x = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    let y = this.reserved.y;
    const title = this.title(w, this.reserved.title);
    const caption = w.tags.element('Caption', {}, elem ?? undefined);
    w.put(title, x, y, width, caption);
    caption?.end();
    y += title.height + 8;
    const blocks = this.layoutEntries(w, width);
    this.entries.forEach((entry, i) => {
      const text = blocks[i] as TextBlock;
      const indent = entry.heading.level === 3 ? 14 : 0;
      const toci = w.tags.element('TOCI', {}, elem ?? undefined);
      // Put in a box as wide as its own lines: a right-to-left entry (aligned to its box's right)
      // then starts where the others do, not against the page numbers, and the leader follows it.
      const own = Math.max(0, ...text.lines.map((l) => l.width)) + 0.5;
      w.put(text, x + indent, y, Math.min(width - indent - PAGE_COLUMN, own), toci);
      const pageNo = entry.page === undefined ? '' : String(entry.page + 1);
      const page = w.measure(w.plain(pageNo, 'regular', t.size.body, t.color.text, { goTo: entry.anchor }));
      const lastY = y + text.height - text.lineHeight;
      w.put(page, x + width - page.width, lastY, page.width, toci);
      toci?.end();
      const last = text.lines[text.lines.length - 1];
      const leaderY = lastY + t.size.body * 0.85;
      const from = x + indent + (last?.width ?? 0) + 6;
      const to = x + width - page.width - 6;
      if (to > from)
        w.deco((d) =>
          d
            .moveTo(from, leaderY)
            .lineTo(to, leaderY)
            .dash(0.5, { space: 2.5 })
            .lineWidth(0.6)
            .stroke(t.color.rule)
            .undash(),
        );
      y += text.height + GAP;
    });
    elem?.end();
  }
}
