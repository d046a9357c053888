import { shortNames } from '../../compose/short-names.js';
import type { MatrixBlock, MatrixCell, MatrixColumn } from '../../ir/types.js';
import type { PdfContext } from './context.js';
import {
  CAPTION,
  headerSpans,
  type MatrixLayout,
  type MatrixPage,
  PAD_X,
  PAD_Y,
  type RowPart,
  rotatedLines,
} from './matrix-layout.js';
import { drawNotes, legendKey, legendStrip } from './matrix-notes.js';
import { activityLabel, cont, type Measured, nameKey, planMatrix } from './matrix-plan.js';
import type { StructElem } from './tags.js';
import type { TextBlock } from './text.js';

/** An open table row, kept across pages when a row taller than a page continues. */
interface OpenRow {
  row: number;
  tr: StructElem | null;
  th: StructElem | null;
  tds: (StructElem | null)[];
}

/**
 * Draws a matrix with our own pager: rows are measured and broken into pages first; every page
 * repeats the legend, the header row and the running group band; wide matrices rotate their
 * headers, then split the roles into groups that repeat the activity column; the page has turned
 * landscape before, when the composer said the matrix needs it (IR `landscape`).
 */
/** "Sheet 2 of 4, rows 61–120": the page's place among the sheets, and its activities' numbers. */
function sheetCaption(
  block: MatrixBlock,
  label: string,
  pages: MatrixPage[],
  index: number,
  sheets: number,
): string {
  const numbers: number[] = [];
  let n = 0;
  block.rows.forEach((r) => {
    if (r.type === 'activity') n++;
    numbers.push(n);
  });
  const page = pages[index % pages.length];
  const rows = (page?.parts ?? [])
    .filter((p) => block.rows[p.row]?.type === 'activity')
    .map((p) => numbers[p.row] ?? 0);
  return label
    .replace('{sheet}', String(index + 1))
    .replace('{sheets}', String(sheets))
    .replace('{from}', String(Math.min(...rows, Number.POSITIVE_INFINITY)))
    .replace('{to}', String(Math.max(...rows, 0)));
}

export function drawMatrix(w: PdfContext, block: MatrixBlock): void {
  const doc = w.doc;
  if (block.landscape && !w.landscape) w.newPage('landscape');
  const { layout, m, pages, here, legendFirst, keyInHeader } = planMatrix(w, block);
  if (!here) w.newPage();
  const multi = layout.groups.length > 1;
  const tiled = block.sheetOf !== undefined;
  const colors = new Map(block.codes.map((c) => [c.code, c.color]));
  const total = block.columns.length;
  const focusIndex = block.focus ? block.columns.findIndex((c) => c.roleId === block.focus) : -1;
  layout.groups.forEach((group, gi) => {
    const table = w.tags.open('Table');
    let open: OpenRow | null = null;
    const closeRow = () => {
      open?.tr?.end();
      open = null;
    };
    pages.forEach((page, pi) => {
      if (gi > 0 || pi > 0) w.newPage();
      const first = pi === 0;
      const x0 = w.left;
      const tableWidth = layout.activityWidth + layout.colWidth * group.length;
      const key = !first || legendFirst || gi > 0;
      if (key && !keyInHeader) legendStrip(w, block, x0, tableWidth);
      if (multi || tiled) {
        const from = (group[0] ?? 0) + 1;
        const to = (group[group.length - 1] ?? 0) + 1;
        const roles = multi
          ? `${(w.ir.labels.rolesOf ?? 'Roles {from}–{to} of {total}')
              .replace('{from}', String(from))
              .replace('{to}', String(to))
              .replace('{total}', String(total))}${first ? '' : ` ${cont(w)}`}`
          : '';
        const sheet = block.sheetOf
          ? sheetCaption(
              block,
              block.sheetOf,
              pages,
              gi * pages.length + pi,
              pages.length * layout.groups.length,
            )
          : '';
        const caption = w.measure(
          w.plain(
            [roles, sheet].filter((t) => t !== '').join(' · '),
            'bold',
            w.theme.size.small,
            w.theme.color.muted,
          ),
          tableWidth,
        );
        const elem = first ? w.tags.element('Caption') : 'artifact';
        w.put(caption, x0, doc.y, tableWidth, elem);
        if (elem !== 'artifact') elem?.end();
        doc.y += CAPTION;
      }
      if (layout.abbreviated) {
        const names = nameKey(w, block, tableWidth);
        const elem = first && !multi && !tiled ? w.tags.element('Caption') : 'artifact';
        w.put(names, x0, doc.y, tableWidth, elem);
        if (elem !== 'artifact') elem?.end();
        doc.y += names.height + 5;
      }
      drawHeader(w, block, layout, group, x0, tableWidth, !first);
      if (key && keyInHeader) {
        const top = doc.y - layout.headerHeight + PAD_Y;
        legendKey(w, block, x0 + PAD_X, layout.activityWidth - 2 * PAD_X, true, top);
      }
      if (page.band !== null) drawBand(w, block, m, page.band, x0, tableWidth, 'artifact');
      let zebra = zebraAt(block, page.parts[0]?.row ?? 0);
      for (const part of page.parts) {
        const row = block.rows[part.row];
        if (!row) continue;
        if (row.type === 'group') {
          closeRow();
          const tr = w.tags.element('TR');
          const th = w.tags.element('TH', { scope: 'Row' }, tr ?? undefined);
          w.tags.tableAttributes(th, { ColSpan: group.length + 1 });
          drawBand(w, block, m, part.row, x0, tableWidth, th);
          tr?.end();
          zebra = false;
          continue;
        }
        if (open?.row !== part.row) {
          closeRow();
          const tr = w.tags.element('TR');
          open = {
            row: part.row,
            tr,
            th: w.tags.element('TH', { scope: 'Row' }, tr ?? undefined),
            tds: group.map(() => w.tags.element('TD', {}, tr ?? undefined)),
          };
        }
        w.from(row.source, () =>
          drawRow(
            w,
            row.cells,
            part,
            m,
            layout,
            group,
            x0,
            tableWidth,
            zebra,
            colors,
            open as OpenRow,
            focusIndex < 0 ? null : focusIndex,
          ),
        );
        if (part.to >= (m.names[part.row]?.lines.length ?? 0)) zebra = !zebra;
      }
      w.rule(x0, doc.y, tableWidth, 1, w.theme.color.accent);
      doc.y += 8;
    });
    closeRow();
    w.tags.close(table);
  });
  drawNotes(w, block);
  doc.x = w.left;
  // What follows a matrix that turned the page returns to the document's own orientation.
  if (w.landscape !== (w.theme.page.layout === 'landscape')) w.pendingLayout = w.theme.page.layout;
}

/** Where, among the columns of `group`, the focus column is drawn; null when it is not there. */
function focusColumn(group: number[], focusIndex: number | null): number | null {
  if (focusIndex === null) return null;
  const k = group.indexOf(focusIndex);
  return k < 0 ? null : k;
}

/** The zebra phase of a row: activities alternate, starting afresh after each group band. */
function zebraAt(block: MatrixBlock, row: number): boolean {
  let zebra = false;
  for (let r = 0; r < row; r++) zebra = block.rows[r]?.type === 'group' ? false : !zebra;
  return zebra;
}

function drawHeader(
  w: PdfContext,
  block: MatrixBlock,
  layout: MatrixLayout,
  group: number[],
  x0: number,
  tableWidth: number,
  repeated: boolean,
): void {
  const doc = w.doc;
  const t = w.theme;
  const y = doc.y;
  const h = layout.headerHeight;
  w.deco((d) => d.rect(x0, y, tableWidth, h).fill(t.color.headerFill));
  const tr = repeated ? null : w.tags.element('TR');
  const tag = (): StructElem | null | 'artifact' =>
    repeated ? 'artifact' : w.tags.element('TH', { scope: 'Column' }, tr ?? undefined);
  const label = activityLabel(w, block, layout, repeated);
  w.put(label, x0 + PAD_X, y + h - PAD_Y - label.height, layout.activityWidth - 2 * PAD_X, tag());
  // One rule of short names for both writers (compose/short-names.ts).
  const shorts = layout.abbreviated ? shortNames(block.columns) : [];
  group.forEach((ci, k) => {
    const col = block.columns[ci] as MatrixColumn;
    const cx = x0 + layout.activityWidth + k * layout.colWidth;
    // The role a handout is about: its header cell tinted, its column framed (see drawRow).
    if (col.roleId === block.focus) w.deco((d) => d.rect(cx, y, layout.colWidth, h).fill(t.color.band));
    const elem = tag();
    w.from(col.source, () => {
      if (layout.rotated) {
        const length = h - 2 * PAD_X;
        const text = w.measure(headerSpans(w, col.name, col.ref, layout.density.headerSize), length);
        const lines = Math.min(
          text.lines.length,
          rotatedLines(w, layout.colWidth, layout.density.headerSize),
        );
        doc.save();
        doc.translate(cx, y + h).rotate(-90);
        w.ts.draw(text, PAD_X, (layout.colWidth - lines * text.lineHeight) / 2, length, {
          tag: elem,
          align: 'left',
        });
        doc.restore();
      } else {
        const name = shorts[ci] ?? col.name;
        const text = w.measure(headerSpans(w, name, col.ref, layout.density.headerSize), layout.colWidth - 4);
        w.put(text, cx + 2, y + h - PAD_Y - text.height, layout.colWidth - 4, elem, 'center');
      }
    });
    if (elem !== 'artifact') elem?.end();
    w.deco((d) =>
      d
        .moveTo(cx, y)
        .lineTo(cx, y + h)
        .lineWidth(0.5)
        .stroke('#FFFFFF'),
    );
  });
  tr?.end();
  w.rule(x0, y + h, tableWidth, 1, t.color.accent);
  doc.y = y + h;
}

function drawBand(
  w: PdfContext,
  block: MatrixBlock,
  m: Measured,
  row: number,
  x: number,
  width: number,
  tag: StructElem | null | 'artifact',
): void {
  const t = w.theme;
  const y = w.doc.y;
  const d = m.density;
  const h = m.heights[row] ?? d.minRow;
  const name = block.rows[row]?.type === 'group' ? (block.rows[row] as { name: string }).name : '';
  const text =
    tag === 'artifact'
      ? w.measure(w.plain(`${name} ${cont(w)}`, 'bold', d.nameSize, t.color.accent), width - 2 * PAD_X, 1)
      : (m.bands[row] as TextBlock);
  const height = tag === 'artifact' ? Math.max(h, text.height + 2 * d.bandPad) : h;
  w.deco((doc) => doc.rect(x, y, width, height).fill(t.color.band));
  w.put(text, x + PAD_X, y + d.bandPad, width - 2 * PAD_X, tag);
  w.doc.y = y + height;
}

function drawRow(
  w: PdfContext,
  cells: MatrixCell[],
  part: RowPart,
  m: Measured,
  layout: MatrixLayout,
  group: number[],
  x0: number,
  tableWidth: number,
  zebra: boolean,
  colors: Map<string, string>,
  open: OpenRow,
  focusIndex: number | null,
): void {
  const doc = w.doc;
  const t = w.theme;
  const y = doc.y;
  const h = part.height;
  const continued = part.from > 0;
  const inset = 1.5;
  // All fills and rules of the row in one artifact: far fewer operators on a 1,000-row page run.
  w.deco((d) => {
    if (zebra) d.rect(x0, y, tableWidth, h).fill(t.color.zebra);
    group.forEach((ci, k) => {
      const codes = cells[ci]?.codes ?? [];
      const stripe = (layout.colWidth - 2 * inset) / Math.max(codes.length, 1);
      const cx = x0 + layout.activityWidth + k * layout.colWidth;
      codes.forEach((code, s) => {
        d.rect(cx + inset + s * stripe, y + inset, stripe, h - 2 * inset).fill(
          colors.get(code) ?? t.color.zebra,
        );
      });
    });
    for (let k = 0; k < group.length; k++) {
      const cx = x0 + layout.activityWidth + k * layout.colWidth;
      d.moveTo(cx, y).lineTo(cx, y + h);
    }
    d.moveTo(x0, y + h)
      .lineTo(x0 + tableWidth, y + h)
      .lineWidth(0.4)
      .stroke(t.color.grid);
    const focus = focusColumn(group, focusIndex);
    if (focus !== null) {
      const cx = x0 + layout.activityWidth + focus * layout.colWidth;
      d.moveTo(cx, y)
        .lineTo(cx, y + h)
        .moveTo(cx + layout.colWidth, y)
        .lineTo(cx + layout.colWidth, y + h)
        .lineWidth(1.2)
        .stroke(t.color.accent);
    }
  });
  let nameX = x0 + PAD_X;
  if (layout.numbered) {
    const number = w.measure(
      w.plain(
        String(m.numbers[part.row] ?? ''),
        'regular',
        Math.min(t.size.small - 1, m.density.nameSize - 0.5),
        t.color.muted,
      ),
    );
    w.put(number, nameX, y + m.density.padY + 0.8, m.density.numberW - 4, 'artifact', 'right');
    nameX += m.density.numberW;
  }
  const name = m.names[part.row] as TextBlock;
  const nameW = layout.activityWidth - 2 * PAD_X - (layout.numbered ? layout.density.numberW : 0);
  w.ts.draw(name, nameX, y + m.density.padY, nameW, { tag: open.th, from: part.from, to: part.to });
  const focus = focusColumn(group, focusIndex);
  group.forEach((ci, k) => {
    const cx = x0 + layout.activityWidth + k * layout.colWidth;
    cellText(
      w,
      cells[ci],
      cx + inset,
      y,
      layout.colWidth - 2 * inset,
      h,
      continued ? 'artifact' : (open.tds[k] ?? null),
      // The handout's own role reads first: its letters a size larger than the others'.
      m.density.codeSize + (k === focus ? 1.5 : 0),
    );
  });
  doc.y = y + h;
}

/**
 * The letters of a cell, one per code stripe (the fills are drawn with the row): the letter is
 * always printed, so the matrix reads in greyscale and for colour-blind readers too.
 */
function cellText(
  w: PdfContext,
  cell: MatrixCell | undefined,
  cx: number,
  y: number,
  width: number,
  h: number,
  tag: StructElem | null | 'artifact',
  codeSize: number,
): void {
  const t = w.theme;
  const codes = cell?.codes ?? [];
  const stripe = width / Math.max(codes.length, 1);
  codes.forEach((code, s) => {
    let letter = w.measure(w.plain(code, 'bold', codeSize, t.color.cellText));
    if (letter.width > stripe - 1) {
      const size = Math.max(4, (codeSize * (stripe - 1)) / letter.width);
      letter = w.measure(w.plain(code, 'bold', size, t.color.cellText));
    }
    w.put(letter, cx + s * stripe, y + (h - letter.height) / 2, stripe, tag, 'center');
  });
  if (cell?.note !== undefined) {
    // 7 pt: the smallest a note's mark reads at on paper.
    const mark = w.measure(w.plain(String(cell.note), 'bold', 7, t.color.accent));
    w.put(mark, cx + width - mark.width - 1.5, y + 0.5, mark.width + 1, tag, 'right');
  }
  if (tag !== 'artifact') tag?.end();
}
