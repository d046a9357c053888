import type {
  Block,
  FieldsBlock,
  Inline,
  LegendBlock,
  ListBlock,
  ParagraphBlock,
  TableBlock,
} from '../../ir/types.js';
import { embeddingLevels } from './bidi.js';
import type { PdfContext } from './context.js';
import type { FontFace } from './fonts.js';
import { bodyMeasure } from './measure.js';
import type { TextBlock } from './text.js';

export { cover } from './cover-block.js';

export function paragraph(w: PdfContext, block: ParagraphBlock): void {
  const t = w.theme;
  const size = block.style === 'lead' ? t.size.lead : block.style === 'small' ? t.size.small : t.size.body;
  const color = block.style === 'small' || block.style === 'caption' ? t.color.muted : t.color.text;
  const elem = w.tags.element('P');
  // Body text is set at most MAX_LINE_CHARS wide, from its own side (measure.ts).
  const width = bodyMeasure(w, size);
  const rtl =
    block.dir === 'rtl' || (!block.dir && (embeddingLevels(plainText(block.content))?.rtl ?? false));
  w.flow(w.spans(block.content, { size, color }), elem, {
    lineGap: t.lineGap,
    dir: block.dir,
    width,
    x: rtl ? w.left + w.width - width : w.left,
  });
  elem?.end();
  w.doc.y += size * 0.7;
}

export function list(w: PdfContext, block: ListBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const l = w.tags.open('L');
  // The height of an item of paragraphs (others count as two lines), for keeping the last two together.
  const itemHeight = (item: Block[]) =>
    item.reduce(
      (sum, child) =>
        sum +
        (child.type === 'paragraph'
          ? w.measure(
              w.spans(child.content, { size: t.size.body, color: t.color.text }),
              w.width - 14,
              t.lineGap,
            ).height + 3
          : t.size.body * 2.4),
      1.5,
    );
  block.items.forEach((item, i) => {
    const marker = block.ordered ? `${(block.start ?? 1) + i}.` : '•';
    w.ensure(t.size.body * 2.4);
    if (i === block.items.length - 2) {
      // The list's last item never starts a page alone: the one before it goes along.
      const lastTwo = itemHeight(item) + itemHeight(block.items[i + 1] ?? []);
      if (lastTwo < (w.bottom - w.top) / 4) w.ensure(lastTwo);
    }
    // A right-to-left item has its marker on its own side, at the right, and its lines end there.
    const rtl = itemRtl(item);
    const li = w.tags.open('LI');
    const lbl = w.tags.element('Lbl');
    const mark = w.measure(w.plain(marker, 'regular', t.size.body, t.color.accent), 14);
    if (rtl) w.put(mark, w.left + w.width - 14, doc.y, 14, lbl, 'right');
    else w.put(mark, w.left, doc.y, 14, lbl);
    lbl?.end();
    w.tags.open('LBody');
    w.indent += 14;
    item.forEach((child, j) => {
      if (child.type === 'paragraph') {
        const p = w.tags.element('P');
        const width = bodyMeasure(w, t.size.body);
        const at = rtl ? { x: w.left + w.width - width - 14, width } : { width };
        w.from(child.source, () =>
          w.flow(w.spans(child.content, { size: t.size.body, color: t.color.text }), p, {
            lineGap: t.lineGap,
            dir: child.dir,
            ...at,
          }),
        );
        p?.end();
        if (j < item.length - 1) doc.y += 3;
      } else w.block(child);
    });
    w.indent -= 14;
    w.tags.close(li);
    doc.y += 1.5;
  });
  w.tags.close(l);
  doc.y += t.size.body * 0.5;
}

/** Whether a list item reads right to left: its first paragraph's direction (UAX #9, rule P2). */
function itemRtl(item: readonly Block[]): boolean {
  const first = item.find((b) => b.type === 'paragraph');
  if (first?.type !== 'paragraph') return false;
  if (first.dir) return first.dir === 'rtl';
  return embeddingLevels(plainText(first.content))?.rtl ?? false;
}

const plainText = (content: readonly Inline[]) =>
  content.map((i) => (i.type === 'text' ? i.text : ' ')).join('');

/** The label and value of each field, laid out, and each row's height. */
function fieldRows(w: PdfContext, block: FieldsBlock) {
  const t = w.theme;
  const labelW = Math.min(130, w.width * 0.3);
  return block.items.map((item) => {
    const label = w.measure(w.plain(item.label, 'bold', t.size.body, t.color.muted), labelW - 8);
    const value = w.measure(
      w.spans(item.value, { size: t.size.body, color: t.color.text }),
      w.width - labelW,
      t.lineGap,
    );
    return { item, label, value, h: Math.max(label.height, value.height) + 6, labelW };
  });
}

/** A page must hold the first two rows of fields (or all, when there are three or fewer). */
export function fieldsLead(w: PdfContext, block: FieldsBlock): number {
  const rows = fieldRows(w, block);
  const first = rows.length <= 3 ? rows : rows.slice(0, 2);
  return first.reduce((sum, r) => sum + r.h + 3, 0);
}

/**
 * Label/value pairs, as a two-column table whose first column heads its row. The rows of a
 * short block stay together, and the last two of a long one: a role's "Reports to" never starts a
 * page alone.
 */
export function fields(w: PdfContext, block: FieldsBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const table = w.tags.open('Table');
  const rows = fieldRows(w, block);
  const page = w.bottom - w.top;
  const together = (from: number, to: number) => rows.slice(from, to).reduce((sum, r) => sum + r.h + 3, 0);
  rows.forEach(({ item, label, value, h, labelW }, i) => {
    if (i === 0 && rows.length <= 3 && together(0, rows.length) < page / 3)
      w.ensure(together(0, rows.length));
    else if (i === rows.length - 2 && together(i, rows.length) < page / 3) w.ensure(together(i, rows.length));
    w.ensure(h + 2);
    const y = doc.y;
    const tr = w.tags.element('TR');
    const th = w.tags.element('TH', { scope: 'Row' }, tr ?? undefined);
    w.put(label, w.left, y + 3, labelW - 8, th);
    const td = w.tags.element('TD', {}, tr ?? undefined);
    if (y + 3 + value.height <= w.bottom) w.put(value, w.left + labelW, y + 3, w.width - labelW, td);
    else {
      // A value longer than the page flows on.
      doc.y = y + 3;
      w.flow(w.spans(item.value, { size: t.size.body, color: t.color.text }), td, {
        x: w.left + labelW,
        width: w.width - labelW,
        lineGap: t.lineGap,
      });
    }
    tr?.end();
    const end = Math.max(doc.y, y + h);
    w.rule(w.left, end + 1, w.width, 0.4, t.color.grid);
    doc.y = end + 3;
  });
  w.tags.close(table);
  doc.y += 6;
}

/** The height of the legend block. */
export function legendHeight(w: PdfContext, block: LegendBlock): number {
  const perRow = Math.min(4, Math.max(block.codes.length, 1));
  return Math.ceil(block.codes.length / perRow) * 34 * (w.theme.size.small / 8) + 10;
}

/** The codes of the scheme: a coloured swatch with the letter, its label and description. */
export function legend(w: PdfContext, block: LegendBlock): void {
  const doc = w.doc;
  const t = w.theme;
  // Swatch and row grow with the theme's type size (the default: 15 and 34 pt).
  const k = t.size.small / 8;
  const swatch = 15 * k;
  const rowH = 34 * k;
  const perRow = Math.min(4, Math.max(block.codes.length, 1));
  const colW = w.width / perRow;
  // A legend stays with the first rows of the matrix it explains.
  w.ensure(legendHeight(w, block) + w.keepNext);
  const l = w.tags.open('L');
  let y = doc.y;
  block.codes.forEach((code, i) => {
    const col = i % perRow;
    if (i > 0 && col === 0) y += rowH;
    const x = w.left + col * colW;
    w.deco((d) => d.roundedRect(x, y, swatch, swatch, 2).fill(code.color));
    const li = w.tags.open('LI');
    const lbl = w.tags.element('Lbl');
    const letter = w.measure(w.plain(code.code, 'bold', t.size.matrixCode, t.color.cellText));
    w.put(letter, x, y + (swatch - letter.height) / 2, swatch, lbl, 'center');
    lbl?.end();
    const body = w.tags.element('LBody');
    const textW = colW - swatch - 10;
    const label = w.measure(w.plain(code.label, 'bold', t.size.small + 0.5, t.color.text), textW);
    w.put(label, x + swatch + 6, y + 0.5, textW, body);
    if (code.description) {
      const desc = w.measure(w.plain(code.description, 'regular', t.size.small - 0.5, t.color.muted), textW);
      w.put(desc, x + swatch + 6, y + 0.5 + label.height + 0.5, textW, body);
    }
    w.tags.close(li);
  });
  w.tags.close(l);
  doc.y = y + rowH;
  w.legendPage = w.pageIndex();
}

export function quote(w: PdfContext, block: { blocks: Block[] }): void {
  const startY = w.doc.y;
  const startPage = w.pageIndex();
  const q = w.tags.open('BlockQuote');
  w.indent += 14;
  w.render(block.blocks);
  w.indent -= 14;
  w.tags.close(q);
  const top = w.pageIndex() === startPage ? startY : w.top;
  w.deco((d) => d.rect(w.left + 3, top, 2.5, Math.max(0, w.doc.y - top - 4)).fill(w.theme.color.rule));
}

/** Preformatted text in the monospaced face, on a tinted band that follows it across pages. */
export function code(w: PdfContext, block: { text: string }): void {
  const doc = w.doc;
  const t = w.theme;
  const text = w.measure(w.plain(block.text, 'mono', t.size.small, t.color.text), w.width - 16);
  const elem = w.tags.element('Code');
  let i = 0;
  w.ensure(Math.min(text.height + 12, 3 * text.lineHeight + 12));
  while (i < text.lines.length) {
    const room = Math.floor((w.bottom - doc.y - 12) / text.lineHeight);
    if (room < 1) {
      w.newPage();
      continue;
    }
    const n = Math.min(room, text.lines.length - i);
    const y = doc.y;
    w.deco((d) => d.rect(w.left, y, w.width, n * text.lineHeight + 12).fill(t.color.codeFill));
    w.ts.draw(text, w.left + 8, y + 6, w.width - 16, { tag: elem, from: i, to: i + n });
    doc.y = y + n * text.lineHeight + 12;
    i += n;
  }
  elem?.end();
  doc.y += 8;
}

/** A plain table from a section of the source: wrapped cells, repeated header row. */
export function table(w: PdfContext, block: TableBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const cols = Math.max(block.header.length, ...block.rows.map((r) => r.length), 1);
  const colW = w.width / cols;
  const pad = 4;
  const size = t.size.small + 0.5;
  const layoutRow = (cells: (typeof block.rows)[number], face: FontFace) =>
    Array.from({ length: cols }, (_, i) =>
      w.measure(w.spans(cells[i] ?? [], { size, color: t.color.text, face }), colW - 2 * pad, 1.5),
    );
  const header = layoutRow(block.header, 'bold');
  const rowHeight = (cells: TextBlock[]) => Math.max(14, ...cells.map((c) => c.height + 2 * pad));
  const drawHeader = (tag: 'artifact' | null) => {
    const h = rowHeight(header);
    const y = doc.y;
    w.deco((d) => d.rect(w.left, y, w.width, h).fill(t.color.headerFill));
    const tr = tag ? null : w.tags.element('TR');
    header.forEach((c, i) => {
      const th = tag ? null : w.tags.element('TH', { scope: 'Column' }, tr ?? undefined);
      w.put(c, w.left + i * colW + pad, y + pad, colW - 2 * pad, tag ?? th);
    });
    tr?.end();
    w.rule(w.left, y + h, w.width, 0.5, t.color.grid);
    doc.y = y + h;
  };
  const tableElem = w.tags.open('Table');
  w.ensure(rowHeight(header) + 24);
  drawHeader(null);
  for (const row of block.rows) {
    const cells = layoutRow(row, 'regular');
    const tr = w.tags.element('TR');
    const tds = cells.map(() => w.tags.element('TD', {}, tr ?? undefined));
    // Lines already drawn per cell: a row taller than the page continues on the next.
    const done = cells.map(() => 0);
    const left = () =>
      rowHeight(cells.map((c, i) => ({ ...c, height: (c.lines.length - (done[i] ?? 0)) * c.lineHeight })));
    const body = w.bottom - w.top - rowHeight(header);
    for (let part = 0; ; part++) {
      const need = left();
      const room = w.bottom - doc.y;
      // Move the row whole when it fits on a page; split it only when it is taller than one.
      if (need > room && (part > 0 || need <= body || room < 3 * size + 2 * pad)) {
        w.newPage();
        drawHeader('artifact');
      }
      const y = doc.y;
      let used = 14;
      cells.forEach((c, i) => {
        const fit = Math.max(0, Math.floor((w.bottom - y - 2 * pad) / c.lineHeight));
        const from = done[i] ?? 0;
        const to = Math.min(c.lines.length, from + fit);
        w.ts.draw(c, w.left + i * colW + pad, y + pad, colW - 2 * pad, { tag: tds[i] ?? null, from, to });
        done[i] = to;
        used = Math.max(used, (to - from) * c.lineHeight + 2 * pad);
      });
      w.rule(w.left, y + used, w.width, 0.5, t.color.grid);
      doc.y = y + used;
      if (cells.every((c, i) => (done[i] ?? 0) >= c.lines.length)) break;
    }
    tr?.end();
  }
  w.tags.close(tableElem);
  doc.y += 10;
}
