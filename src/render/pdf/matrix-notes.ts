import type { MatrixBlock } from '../../ir/types.js';
import { noteText } from '../../lang/labels.js';
import type { PdfContext } from './context.js';
import { LEGEND_STRIP } from './matrix-layout.js';

/** One line of the key per this many points. */
const KEY_LINE = 12;

/**
 * The key of the codes above the table, so every matrix page can be read on its own: one line,
 * or as many as `width` needs (no code is ever left out). Returns the height it takes; with
 * `draw` false it only measures. Drawn at `y` (the cursor by default), which it does not move.
 */
export function legendKey(
  w: PdfContext,
  block: MatrixBlock,
  x: number,
  width: number,
  draw = true,
  y = w.doc.y,
): number {
  const t = w.theme;
  let cx = x;
  let line = 0;
  const items = block.codes.map((code) => ({
    code,
    label: w.measure(w.plain(code.label, 'regular', t.size.small - 0.5, t.color.muted)),
  }));
  const place = (fn: (x: number, y: number, item: (typeof items)[number]) => void) => {
    cx = x;
    line = 0;
    for (const item of items) {
      const itemW = 13 + item.label.width;
      if (cx > x && cx + itemW > x + width) {
        cx = x;
        line++;
      }
      fn(cx, y + line * KEY_LINE, item);
      cx += itemW + 12;
    }
  };
  if (draw)
    w.tags.artifact(() =>
      place((ix, iy, { code, label }) => {
        w.doc.save().roundedRect(ix, iy, 10, 10, 1.5).fill(code.color).restore();
        const letter = w.measure(w.plain(code.code, 'bold', 6.5, t.color.cellText));
        w.ts.draw(letter, ix, iy + (10 - letter.height) / 2, 10, { tag: null, align: 'center' });
        w.ts.draw(label, ix + 13, iy + (10 - label.height) / 2, label.width + 1, { tag: null });
      }),
    );
  else place(() => {});
  return items.length === 0 ? 0 : (line + 1) * KEY_LINE + (LEGEND_STRIP - KEY_LINE);
}

/** The key as a strip above the table, moving the cursor under it. */
export function legendStrip(w: PdfContext, block: MatrixBlock, x: number, width: number): void {
  w.doc.y += legendKey(w, block, x, width);
}

/** The height the notes take under the table (see {@link drawNotes}), when they stay on one page. */
export function notesHeight(w: PdfContext, block: MatrixBlock): number {
  if (block.notes.length === 0) return 0;
  const t = w.theme;
  let h = w.measure(w.plain(w.ir.labels.notes ?? 'Notes', 'bold', t.size.small, t.color.text)).height + 2;
  for (const note of block.notes) {
    const text = noteText(w.ir.labels.noteOn, note);
    h += w.measure(w.plain(text, 'regular', t.size.small, t.color.text), w.width - 16, 1).height + 1.5;
  }
  return h + 8;
}

/** The cells' notes under the table, numbered as their marks: nothing written in a cell is dropped. */
export function drawNotes(w: PdfContext, block: MatrixBlock): void {
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
    w.from(note.source, () =>
      w.flow(w.plain(text, 'regular', t.size.small, t.color.text), lbody, {
        x: w.left + 16,
        width: w.width - 16,
        lineGap: 1,
      }),
    );
    lbody?.end();
    w.tags.close(li);
    doc.y += 1.5;
  }
  w.tags.close(list);
  doc.y += 8;
}
