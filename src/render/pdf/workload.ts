import type { WorkloadBlock } from '../../ir/types.js';
import type { PdfContext } from './context.js';

const ROW = 17;
const BAR = 11;
const LABEL_SIZE = 6.5;
/** The space a count takes in its segment besides its text. */
const LABEL_PAD = 4;
const TOTAL_W = 30;

type Row = WorkloadBlock['rows'][number];

/**
 * One stacked horizontal bar per role: a segment per code, in the code's colour, with the letter
 * and the count printed on it, so it reads in greyscale too. A segment too narrow for its count
 * keeps what fits of it (the letter, or nothing), and the count is printed beside the bar, after
 * the total: "12  A 1 · I 2". Dropping it left a reader unable to tell one A from three.
 * Tagged as a table (role, bar, total).
 */
export function drawWorkload(w: PdfContext, block: WorkloadBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const nameW = Math.min(170, w.width * 0.32);
  const totals = block.rows.map((r) => block.codes.reduce((sum, c) => sum + (r.counts[c.code] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const labelW = (text: string) =>
    w.measure(w.plain(text, 'bold', LABEL_SIZE, t.color.cellText), Infinity).width;
  const asideText = (row: Row, barW: number) =>
    block.codes
      .filter((c) => (row.counts[c.code] ?? 0) > 0)
      .filter(
        (c) =>
          labelW(`${c.code} ${row.counts[c.code]}`) + LABEL_PAD > ((row.counts[c.code] ?? 0) / max) * barW,
      )
      .map((c) => `${c.code} ${row.counts[c.code]}`)
      .join(' · ');
  const asideW = (text: string) =>
    text === '' ? 0 : w.measure(w.plain(text, 'regular', t.size.small, t.color.muted), Infinity).width + 6;
  // The bars shrink until the longest bar, its total and the counts beside it fit the line; a
  // narrower bar can only move more counts beside it, so this settles within a few rounds.
  const room = w.width - nameW - TOTAL_W - 4;
  let aside = 0;
  let barW = room;
  for (let round = 0; round < 6; round++) {
    barW = room - aside;
    const need = Math.max(
      0,
      ...block.rows.map((r, i) => ((totals[i] ?? 0) / max) * barW + asideW(asideText(r, barW)) - barW),
    );
    if (need <= aside) break;
    aside = need;
  }
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
    w.from(row.source, () => w.put(name, w.left, y + 2, nameW - 8, th));
    const td = w.tags.element('TD', {}, tr ?? undefined);
    let x = w.left + nameW;
    for (const code of block.codes) {
      const n = row.counts[code.code] ?? 0;
      if (n === 0) continue;
      const segW = (n / max) * barW;
      const sx = x;
      w.deco((d) => d.rect(sx, y + 1, segW, BAR).fill(code.color));
      const full = `${code.code} ${n}`;
      const label =
        labelW(full) + LABEL_PAD <= segW ? full : labelW(code.code) + LABEL_PAD <= segW ? code.code : '';
      if (label) {
        const text = w.measure(w.plain(label, 'bold', LABEL_SIZE, t.color.cellText), segW);
        w.put(text, sx, y + 1 + (BAR - text.height) / 2, segW, td, 'center');
      }
      x += segW;
    }
    const tdTotal = w.tags.element('TD', {}, tr ?? undefined);
    const total = w.measure(w.plain(String(totals[i] ?? 0), 'regular', t.size.small, t.color.muted), TOTAL_W);
    w.put(total, x + 4, y + 2.5, TOTAL_W, tdTotal);
    const besides = asideText(row, barW);
    if (besides !== '') {
      const text = w.measure(w.plain(besides, 'regular', t.size.small, t.color.muted), Infinity);
      w.put(text, x + 4 + total.width + 6, y + 2.5, text.width + 1, tdTotal);
    }
    tr?.end();
    doc.y = y + h;
  });
  w.tags.close(table);
  doc.y += 8;
}
