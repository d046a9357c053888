import type { CoverBlock } from '../../ir/types.js';
import type { PdfContext } from './context.js';
import { coverColumns } from './cover-fit.js';
import { drawLogo, logoSize } from './page-furniture.js';
import type { TextBlock } from './text.js';

/** Title block: kicker, title (H1, the first bookmark) and a band of version/owner/date fields. */
export function cover(w: PdfContext, block: CoverBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const x = w.left;
  const logo =
    t.logo && t.logo.placement !== 'header' && w.pageIndex() === 0 ? logoSize(w, w.width / 3, 60) : null;
  if (logo) {
    // The cover's logo: above the title, at the width the theme gives it (at most a third).
    drawLogo(w, x, doc.y, logo);
    doc.y += logo.height + 14;
  }
  if (block.subtitle) {
    const kicker = w.measure(
      w.plain(block.subtitle.toUpperCase(), 'bold', t.size.small * 1.0625, t.color.accent),
    );
    const p = w.tags.element('P');
    w.put(kicker, x, doc.y, w.width, p);
    p?.end();
    doc.y += kicker.height + 5;
  }
  const titleSize = block.compact ? t.size.h1 * 0.75 : t.size.h1;
  const title = w.measure(w.plain(block.title, 'heading', titleSize, t.color.text), w.width, 1);
  w.bookmark(1, block.title);
  const h1 = w.tags.element('H1');
  w.put(title, x, doc.y, w.width, h1);
  h1?.end();
  doc.y += title.height + (block.compact ? 4 : 10);
  if (block.compact) {
    compactItems(w, block);
    return;
  }
  if (block.items.length > 0) {
    const pad = 8;
    const { widths, size } = coverColumns(w, block.items, pad);
    const colW = (i: number) => widths[i] ?? 0;
    const colX = (i: number) => widths.slice(0, i).reduce((a, b) => a + b, 0);
    const labels = block.items.map((it, i) =>
      w.measure(w.plain(it.label.toUpperCase(), 'regular', t.size.small, t.color.muted), colW(i) - 2 * pad),
    );
    const values = block.items.map((it, i) =>
      w.measure(w.plain(it.value, 'bold', size, t.color.text), colW(i) - 2 * pad, 1.5),
    );
    const labelH = Math.max(...labels.map((l) => l.height));
    const h = labelH + 4 + Math.max(...values.map((v) => v.height)) + 2 * pad;
    const y = doc.y;
    w.deco((d) => d.rect(x, y, w.width, h).fill(t.color.accentSoft));
    const table = w.tags.open('Table');
    const head = w.tags.element('TR');
    const body = w.tags.element('TR');
    block.items.forEach((_, i) => {
      const cx = x + colX(i) + pad;
      const th = w.tags.element('TH', { scope: 'Column' }, head ?? undefined);
      w.put(labels[i] as TextBlock, cx, y + pad, colW(i) - 2 * pad, th);
      const td = w.tags.element('TD', {}, body ?? undefined);
      w.put(values[i] as TextBlock, cx, y + pad + labelH + 4, colW(i) - 2 * pad, td);
    });
    head?.end();
    body?.end();
    w.tags.close(table);
    doc.y = y + h;
  }
  w.deco((d) => d.rect(x, doc.y, w.width, 2.5).fill(t.color.accent));
  doc.y += 18;
}

/**
 * A compact cover's items on one line (wrapping when long): "ALSO KNOWN AS R01 · TEAM Platform
 * team · VERSION 2.1", then the accent rule. A handout keeps its page for its rows.
 */
function compactItems(w: PdfContext, block: CoverBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const spans = block.items.flatMap((it, i) => [
    ...(i > 0 ? w.plain('   ·   ', 'regular', t.size.small, t.color.muted) : []),
    ...w.plain(`${it.label.toUpperCase()}\u00a0\u00a0`, 'regular', t.size.small - 0.5, t.color.muted),
    ...w.plain(it.value, 'bold', t.size.small + 0.5, t.color.text),
  ]);
  if (spans.length > 0) {
    const p = w.tags.element('P');
    w.flow(spans, p, { lineGap: 1.5 });
    p?.end();
    doc.y += 5;
  }
  w.deco((d) => d.rect(w.left, doc.y, w.width, 1.5).fill(t.color.accent));
  doc.y += 12;
}
