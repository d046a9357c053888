import type { WorkloadBlock } from '../../ir/types.js';
import type { PdfWriter } from './writer.js';

const ROW = 17;
const BAR = 11;

/**
 * One stacked horizontal bar per role: a segment per code, in the code's colour, with the letter
 * and the count printed on it, so it reads in greyscale too. Tagged as a table (role, bar, total).
 */
export function drawWorkload(w: PdfWriter, block: WorkloadBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const nameW = Math.min(170, w.width * 0.32);
  const barW = w.width - nameW - 34;
  const totals = block.rows.map((r) => block.codes.reduce((sum, c) => sum + (r.counts[c.code] ?? 0), 0));
  const max = Math.max(1, ...totals);
  w.ensure(Math.min(block.rows.length, 4) * ROW + 6);
  const table = w.tags.open('Table');
  block.rows.forEach((row, i) => {
    const color = row.ref ? t.color.accent : t.color.text;
    const name = w.measure(
      w.plain(row.name, 'regular', t.size.small + 0.5, color, row.ref ? { goTo: row.ref } : {}),
      nameW - 8,
    );
    const h = Math.max(ROW, name.height + 5);
    w.ensure(h);
    const y = doc.y;
    const tr = w.tags.element('TR');
    const th = w.tags.element('TH', { scope: 'Row' }, tr ?? undefined);
    w.put(name, w.left, y + 2, nameW - 8, th);
    const td = w.tags.element('TD', {}, tr ?? undefined);
    let x = w.left + nameW;
    for (const code of block.codes) {
      const n = row.counts[code.code] ?? 0;
      if (n === 0) continue;
      const segW = (n / max) * barW;
      const sx = x;
      w.deco((d) => d.rect(sx, y + 1, segW, BAR).fill(code.color));
      const label = segW > 24 ? `${code.code} ${n}` : segW > 9 ? code.code : '';
      if (label) {
        const text = w.measure(w.plain(label, 'bold', 6.5, t.color.cellText), segW);
        w.put(text, sx, y + 1 + (BAR - text.height) / 2, segW, td, 'center');
      }
      x += segW;
    }
    const total = w.measure(w.plain(String(totals[i] ?? 0), 'regular', t.size.small, t.color.muted), 30);
    const tdTotal = w.tags.element('TD', {}, tr ?? undefined);
    w.put(total, x + 4, y + 2.5, 30, tdTotal);
    tr?.end();
    doc.y = y + h;
  });
  w.tags.close(table);
  doc.y += 8;
}
