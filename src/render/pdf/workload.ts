import type { WorkloadBlock } from '../../compose/ir.js';
import type { PdfWriter } from './writer.js';

const ROW = 17;
const BAR = 11;

/**
 * One stacked horizontal bar per role: a segment per code, in the code's colour, with the letter
 * and the count printed on it, so it reads in greyscale too.
 */
export function drawWorkload(w: PdfWriter, block: WorkloadBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const nameW = Math.min(170, w.width * 0.32);
  const barW = w.width - nameW - 34;
  const totals = block.rows.map((r) => block.codes.reduce((sum, c) => sum + (r.counts[c.code] ?? 0), 0));
  const max = Math.max(1, ...totals);
  w.ensure(Math.min(block.rows.length, 4) * ROW + 6);
  block.rows.forEach((row, i) => {
    w.ensure(ROW);
    const y = doc.y;
    w.font('regular', t.size.small + 0.5);
    doc.fillColor(row.ref ? t.color.accent : t.color.text).text(row.name, w.left, y + 2, {
      width: nameW - 8,
      lineBreak: false,
      ellipsis: true,
      ...(row.ref ? { goTo: row.ref } : {}),
    });
    let x = w.left + nameW;
    for (const code of block.codes) {
      const n = row.counts[code.code] ?? 0;
      if (n === 0) continue;
      const segW = (n / max) * barW;
      doc
        .save()
        .rect(x, y + 1, segW, BAR)
        .fill(code.color)
        .restore();
      const label = segW > 24 ? `${code.code} ${n}` : segW > 9 ? code.code : '';
      if (label) {
        w.font('bold', 6.5);
        doc
          .fillColor(t.color.cellText)
          .text(label, x, y + 3.2, { width: segW, align: 'center', lineBreak: false });
      }
      x += segW;
    }
    w.font('regular', t.size.small);
    doc
      .fillColor(t.color.muted)
      .text(String(totals[i] ?? 0), x + 4, y + 2.5, { width: 30, lineBreak: false });
    doc.y = y + ROW;
  });
  doc.y += 8;
  doc.x = w.left;
}
