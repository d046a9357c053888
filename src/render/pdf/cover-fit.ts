import type { CoverBlock } from '../../ir/types.js';
import type { PdfContext } from './context.js';
import { fitColumns, unbreakable } from './linebreak.js';

/**
 * The columns of the cover's band of fields (version, owner, team…): equal shares of the width,
 * except that a column gets at least its longest word, so a German compound ("Größenordnung")
 * wraps between words and is never cut inside one. When the words cannot all fit side by side,
 * the values are set smaller, down to the theme's small size; only past that may a word be cut.
 */
export function coverColumns(
  w: PdfContext,
  items: CoverBlock['items'],
  pad: number,
): { widths: number[]; size: number } {
  const t = w.theme;
  const widest = (text: string, face: 'regular' | 'bold', size: number) =>
    Math.max(0, ...unbreakable(text).map((word) => w.measure(w.plain(word, face, size), Infinity).width));
  const labels = items.map((it) => widest(it.label.toUpperCase(), 'regular', t.size.small));
  for (let size = t.size.body; size >= t.size.small; size -= 0.5) {
    const least = items.map(
      (it, i) => Math.max(labels[i] ?? 0, widest(it.value, 'bold', size)) + 2 * pad + 0.5,
    );
    const widths = fitColumns(least, w.width);
    if (widths) return { widths, size };
  }
  return { widths: items.map(() => w.width / items.length), size: t.size.small };
}
