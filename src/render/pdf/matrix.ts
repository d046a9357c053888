import type { MatrixBlock, MatrixColumn, MatrixRow } from '../../compose/ir.js';
import type { PdfWriter } from './writer.js';

/** Narrowest role column that still shows a rotated name and a two-letter cell. */
const MIN_COL = 19;
/** Widest role column: wider ones only spread the matrix thin. */
const MAX_COL = 58;
const PAD_X = 5;
const PAD_Y = 4.5;
const MIN_ROW = 17;
const BAND = 16;
const MAX_ROTATED_HEADER = 130;

interface Layout {
  activityWidth: number;
  colWidth: number;
  /** Column indices per page group; one group when all roles fit side by side. */
  groups: number[][];
  rotated: boolean;
  headerHeight: number;
  landscape: boolean;
}

const activityWidthFor = (width: number): number => Math.min(230, Math.max(130, width * 0.36));

/** Splits `n` columns into the fewest balanced groups of at most `max`. */
function splitColumns(n: number, max: number): number[][] {
  const count = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const size = Math.ceil(n / count);
  const groups: number[][] = [];
  for (let start = 0; start < n; start += size) {
    groups.push(Array.from({ length: Math.min(size, n - start) }, (_, i) => start + i));
  }
  return groups.length > 0 ? groups : [[]];
}

function headerFits(w: PdfWriter, columns: MatrixColumn[], colWidth: number): number | null {
  const doc = w.doc;
  w.font('condensedBold', w.theme.size.matrixHeader);
  let height = 0;
  for (const col of columns) {
    const words = col.name.split(/\s+/u);
    if (words.some((word) => doc.widthOfString(word) > colWidth - 4)) return null;
    const h = doc.heightOfString(col.name, { width: colWidth - 4 });
    if (h > w.theme.size.matrixHeader * 1.25 * 3 + 1) return null;
    height = Math.max(height, h);
  }
  return height + 2 * PAD_Y;
}

function rotatedHeight(w: PdfWriter, columns: MatrixColumn[]): number {
  w.font('condensedBold', w.theme.size.matrixHeader);
  const longest = Math.max(0, ...columns.map((c) => w.doc.widthOfString(c.name)));
  return Math.min(MAX_ROTATED_HEADER, Math.max(40, longest + 2 * PAD_X));
}

/**
 * Chooses the layout: horizontal headers when names fit, then rotated headers, then landscape,
 * then the roles split into groups on consecutive pages (each repeating the activity column).
 */
function chooseLayout(w: PdfWriter, block: MatrixBlock): Layout {
  const n = Math.max(block.columns.length, 1);
  const portrait = w.doc.page.layout !== 'landscape';
  const pageW = w.doc.page.width - w.doc.page.margins.left - w.doc.page.margins.right;
  const landscapeW = w.doc.page.height - w.doc.page.margins.left - w.doc.page.margins.right;
  const widths = portrait ? [pageW, landscapeW] : [pageW];
  for (const [i, width] of widths.entries()) {
    const activityWidth = activityWidthFor(width);
    const colWidth = Math.min(MAX_COL, (width - activityWidth) / n);
    if (colWidth < MIN_COL) continue;
    const horizontal = headerFits(w, block.columns, colWidth);
    return {
      activityWidth: horizontal === null ? activityWidth : width - colWidth * n,
      colWidth,
      groups: splitColumns(block.columns.length, block.columns.length),
      rotated: horizontal === null,
      headerHeight: horizontal ?? rotatedHeight(w, block.columns),
      landscape: portrait && i === 1,
    };
  }
  const width = widths[widths.length - 1] as number;
  const activityWidth = activityWidthFor(width);
  const perGroup = Math.floor((width - activityWidth) / (MIN_COL + 4));
  const groups = splitColumns(block.columns.length, perGroup);
  const colWidth = Math.min(MAX_COL, (width - activityWidth) / Math.max(...groups.map((g) => g.length)));
  return {
    activityWidth,
    colWidth,
    groups,
    rotated: true,
    headerHeight: rotatedHeight(w, block.columns),
    landscape: portrait,
  };
}

/** Draws a matrix with our own pager: rows are measured first, headers repeat on every page. */
export function drawMatrix(w: PdfWriter, block: MatrixBlock): void {
  const doc = w.doc;
  const t = w.theme;
  const layout = chooseLayout(w, block);
  if (layout.landscape) {
    w.newPage('landscape');
    w.pendingLayout = 'portrait';
  }
  const colors = new Map(block.codes.map((c) => [c.code, c.color]));
  const rowHeights = block.rows.map((row) => measureRow(w, row, layout));
  const total = block.columns.length;

  layout.groups.forEach((group, gi) => {
    if (gi > 0) w.newPage(layout.landscape ? 'landscape' : undefined);
    const x0 = w.left;
    const tableWidth = layout.activityWidth + layout.colWidth * group.length;
    const caption =
      layout.groups.length > 1
        ? `Roles ${(group[0] ?? 0) + 1}–${(group[group.length - 1] ?? 0) + 1} of ${total}`
        : null;
    let currentGroup: string | null = null;

    const drawHeader = (continued: boolean) => {
      if (caption) {
        w.font('bold', t.size.small);
        doc.fillColor(t.color.muted).text(caption, x0, doc.y, { width: tableWidth, lineBreak: false });
        doc.y += 4;
      }
      const y = doc.y;
      const h = layout.headerHeight;
      doc.save().rect(x0, y, tableWidth, h).fill(t.color.headerFill).restore();
      w.font('bold', t.size.matrixHeader + 0.5);
      doc
        .fillColor(t.color.text)
        .text(
          continued ? `${block.activityLabel} (cont.)` : block.activityLabel,
          x0 + PAD_X,
          y + h - PAD_Y - 10,
          {
            width: layout.activityWidth - 2 * PAD_X,
            lineBreak: false,
          },
        );
      group.forEach((ci, k) => {
        const col = block.columns[ci] as MatrixColumn;
        const cx = x0 + layout.activityWidth + k * layout.colWidth;
        w.font('condensedBold', t.size.matrixHeader);
        doc.fillColor(col.ref ? t.color.accent : t.color.text);
        const options: PDFKit.Mixins.TextOptions = { width: 0, align: layout.rotated ? 'left' : 'center' };
        if (col.ref) options.goTo = col.ref;
        if (layout.rotated) {
          const lineH = doc.currentLineHeight(true);
          const boxW = h - 2 * PAD_X;
          const lines = Math.min(
            Math.max(1, Math.floor((layout.colWidth - 2) / lineH)),
            Math.ceil(doc.widthOfString(col.name) / boxW),
          );
          doc.save();
          doc.translate(cx, y + h).rotate(-90);
          doc.text(col.name, PAD_X, (layout.colWidth - lines * lineH) / 2, {
            ...options,
            width: boxW,
            height: lines * lineH + 1,
          });
          doc.restore();
        } else {
          const th = doc.heightOfString(col.name, { width: layout.colWidth - 4 });
          doc.text(col.name, cx + 2, y + h - PAD_Y - th, { ...options, width: layout.colWidth - 4 });
        }
        doc
          .save()
          .moveTo(cx, y)
          .lineTo(cx, y + h)
          .lineWidth(0.5)
          .stroke('#FFFFFF')
          .restore();
      });
      doc
        .save()
        .moveTo(x0, y + h)
        .lineTo(x0 + tableWidth, y + h)
        .lineWidth(1)
        .stroke(t.color.accent)
        .restore();
      doc.y = y + h;
      if (continued && currentGroup !== null) drawBand(w, x0, tableWidth, `${currentGroup} (cont.)`);
    };

    const headerSpace = layout.headerHeight + (caption ? 14 : 0);
    const firstRow = rowHeights[0] ?? 0;
    w.ensure(
      headerSpace + Math.min(firstRow + (block.rows[0]?.type === 'group' ? (rowHeights[1] ?? 0) : 0), 200),
    );
    drawHeader(false);
    let zebra = false;
    block.rows.forEach((row, ri) => {
      const h = rowHeights[ri] ?? MIN_ROW;
      // A group band stays with the row after it.
      const next = row.type === 'group' ? (rowHeights[ri + 1] ?? 0) : 0;
      if (doc.y + h + next > w.bottom) {
        w.newPage(layout.landscape ? 'landscape' : undefined);
        drawHeader(row.type !== 'group');
      }
      if (row.type === 'group') {
        currentGroup = row.name;
        zebra = false;
        drawBand(w, x0, tableWidth, row.name);
        return;
      }
      drawActivityRow(w, row, group, layout, x0, h, zebra, colors);
      zebra = !zebra;
    });
    doc.save().rect(x0, doc.y, tableWidth, 0.01).lineWidth(1).stroke(t.color.accent).restore();
    doc.y += 8;
  });
  drawNotes(w, block);
  doc.x = w.left;
}

function measureRow(w: PdfWriter, row: MatrixRow, layout: Layout): number {
  const doc = w.doc;
  if (row.type === 'group') {
    w.font('bold', w.theme.size.matrixName);
    return Math.max(
      BAND,
      doc.heightOfString(row.name, { width: layout.activityWidth + layout.colWidth * 4 }) + 6,
    );
  }
  w.font('regular', w.theme.size.matrixName);
  const h = doc.heightOfString(row.name, { width: layout.activityWidth - 2 * PAD_X, lineGap: 1 });
  return Math.max(MIN_ROW, h + 2 * PAD_Y);
}

function drawBand(w: PdfWriter, x: number, width: number, name: string): void {
  const doc = w.doc;
  w.font('bold', w.theme.size.matrixName);
  const h = Math.max(BAND, doc.heightOfString(name, { width: width - 2 * PAD_X }) + 6);
  const y = doc.y;
  doc.save().rect(x, y, width, h).fill(w.theme.color.band).restore();
  doc.fillColor(w.theme.color.accent).text(name, x + PAD_X, y + 3.5, { width: width - 2 * PAD_X });
  doc.y = y + h;
}

function drawActivityRow(
  w: PdfWriter,
  row: Extract<MatrixRow, { type: 'activity' }>,
  group: number[],
  layout: Layout,
  x0: number,
  h: number,
  zebra: boolean,
  colors: Map<string, string>,
): void {
  const doc = w.doc;
  const t = w.theme;
  const y = doc.y;
  const tableWidth = layout.activityWidth + layout.colWidth * group.length;
  if (zebra) doc.save().rect(x0, y, tableWidth, h).fill(t.color.zebra).restore();
  w.font('regular', t.size.matrixName);
  doc
    .fillColor(t.color.text)
    .text(row.name, x0 + PAD_X, y + PAD_Y, { width: layout.activityWidth - 2 * PAD_X, lineGap: 1 });
  group.forEach((ci, k) => {
    const cell = row.cells[ci];
    const cx = x0 + layout.activityWidth + k * layout.colWidth;
    if (cell && cell.codes.length > 0) {
      const inset = 1.5;
      const stripe = (layout.colWidth - 2 * inset) / cell.codes.length;
      cell.codes.forEach((code, s) => {
        const color = colors.get(code) ?? t.color.zebra;
        const sx = cx + inset + s * stripe;
        doc
          .save()
          .rect(sx, y + inset, stripe, h - 2 * inset)
          .fill(color)
          .restore();
        w.font('bold', t.size.matrixCode);
        doc.fillColor(t.color.cellText).text(code, sx, y + h / 2 - t.size.matrixCode * 0.6, {
          width: stripe,
          align: 'center',
          lineBreak: false,
        });
      });
    }
    if (cell?.note !== undefined) {
      w.font('bold', 5.5);
      doc.fillColor(t.color.accent).text(String(cell.note), cx + layout.colWidth - 9, y + 2, {
        width: 8,
        align: 'right',
        lineBreak: false,
      });
    }
    doc
      .save()
      .moveTo(cx, y)
      .lineTo(cx, y + h)
      .lineWidth(0.4)
      .stroke(t.color.grid)
      .restore();
  });
  doc
    .save()
    .moveTo(x0, y + h)
    .lineTo(x0 + tableWidth, y + h)
    .lineWidth(0.4)
    .stroke(t.color.grid)
    .restore();
  doc.y = y + h;
}

function drawNotes(w: PdfWriter, block: MatrixBlock): void {
  if (block.notes.length === 0) return;
  const doc = w.doc;
  w.ensure(40);
  w.font('bold', w.theme.size.small);
  doc.fillColor(w.theme.color.text).text('Notes', w.left, doc.y, { width: w.width });
  doc.y += 2;
  for (const note of block.notes) {
    w.font('regular', w.theme.size.small);
    const text = `${note.role} on “${note.activity}”: ${note.text}`;
    const h = doc.heightOfString(text, { width: w.width - 16 });
    w.ensure(h + 2);
    const y = doc.y;
    w.font('bold', w.theme.size.small);
    doc.fillColor(w.theme.color.accent).text(String(note.mark), w.left, y, { width: 12, lineBreak: false });
    w.font('regular', w.theme.size.small);
    doc.fillColor(w.theme.color.text).text(text, w.left + 16, y, { width: w.width - 16 });
    doc.y += 1.5;
  }
  doc.y += 8;
}
