import { noteText } from '../../compose/labels.js';
import type { MatrixBlock } from '../../ir/types.js';
import { LEGEND_STRIP } from './matrix-layout.js';
import type { PdfWriter } from './writer.js';

/** A one-line key of the codes above the table, so every matrix page can be read on its own. */
export function legendStrip(w: PdfWriter, block: MatrixBlock, x: number, width: number): void {
  const t = w.theme;
  const y = w.doc.y;
  let cx = x;
  w.tags.artifact(() => {
    for (const code of block.codes) {
      const label = w.measure(w.plain(code.label, 'regular', t.size.small - 0.5, t.color.muted));
      if (cx + 13 + label.width > x + width) break;
      w.doc.save().roundedRect(cx, y, 10, 10, 1.5).fill(code.color).restore();
      const letter = w.measure(w.plain(code.code, 'bold', 6.5, t.color.cellText));
      w.ts.draw(letter, cx, y + (10 - letter.height) / 2, 10, { tag: null, align: 'center' });
      w.ts.draw(label, cx + 13, y + (10 - label.height) / 2, label.width + 1, { tag: null });
      cx += 13 + label.width + 12;
    }
  });
  w.doc.y = y + LEGEND_STRIP;
}

/** The cells' notes under the table, numbered as their marks: nothing written in a cell is dropped. */
export function drawNotes(w: PdfWriter, block: MatrixBlock): void {
  if (block.notes.length === 0) return;
  const doc = w.doc;
  const t = w.theme;
  w.ensure(40);
  const heading = w.tags.element('P');
  w.flow(w.plain(w.ir.labels.notes ?? 'Notes', 'bold', t.size.small, t.color.text), heading);
  heading?.end();
  doc.y += 2;
  const list = w.tags.open('L');
  for (const note of block.notes) {
    const text = noteText(w.ir.labels.noteOn, note);
    const body = w.measure(w.plain(text, 'regular', t.size.small, t.color.text), w.width - 16, 1);
    w.ensure(Math.min(body.height, 3 * body.lineHeight) + 2);
    const li = w.tags.open('LI');
    const lbl = w.tags.element('Lbl');
    w.put(
      w.measure(w.plain(String(note.mark), 'bold', t.size.small, t.color.accent)),
      w.left,
      doc.y,
      14,
      lbl,
    );
    lbl?.end();
    const lbody = w.tags.element('LBody');
    w.flow(w.plain(text, 'regular', t.size.small, t.color.text), lbody, {
      x: w.left + 16,
      width: w.width - 16,
      lineGap: 1,
    });
    lbody?.end();
    w.tags.close(li);
    doc.y += 1.5;
  }
  w.tags.close(list);
  doc.y += 8;
}
