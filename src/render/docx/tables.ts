import {
  InternalHyperlink,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { LegendBlock, WorkloadBlock } from '../../ir/types.js';
import { STYLE } from './styles.js';
import { cellWidth, hex } from './table-parts.js';

// The two small tables beside the matrix: the legend of the codes and the workload by role.

/** The legend: a shaded swatch with the letter, then the label and what it means. */
export function legendTable(block: LegendBlock, width: number): Table {
  const swatch = 520;
  return new Table({
    style: STYLE.legendTable,
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [swatch, width - swatch],
    rows: block.codes.map(
      (code) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: cellWidth(swatch),
              verticalAlign: VerticalAlign.CENTER,
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(code.color) },
              children: [new Paragraph({ style: STYLE.tableCode, children: [new TextRun(code.code)] })],
            }),
            new TableCell({
              width: cellWidth(width - swatch),
              verticalAlign: VerticalAlign.CENTER,
              children: [
                new Paragraph({
                  style: STYLE.tableText,
                  children: [
                    new TextRun({ text: code.label, style: STYLE.strong }),
                    ...(code.description ? [new TextRun(` — ${code.description}`)] : []),
                  ],
                }),
              ],
            }),
          ],
        }),
    ),
  });
}

/** Per role, the number of activities it holds each code on; the header cells carry the code colours. */
export function workloadTable(
  block: WorkloadBlock,
  width: number,
  bookmark: (anchor: string) => string,
  /** The words of its header, in the document's language. */
  words: { role: string; total: string } = { role: 'Role', total: 'Total' },
): Table {
  const nameWidth = Math.round(width * 0.4);
  const colWidth = Math.floor((width - nameWidth) / (block.codes.length + 1));
  const cell = (text: string, w: number, style: string, fill?: string, ref?: string) =>
    new TableCell({
      width: cellWidth(w),
      verticalAlign: VerticalAlign.CENTER,
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
      children: [
        new Paragraph({
          style,
          children: ref
            ? [new InternalHyperlink({ anchor: bookmark(ref), children: [new TextRun(text)] })]
            : [new TextRun(text)],
        }),
      ],
    });
  return new Table({
    style: STYLE.plainTable,
    layout: TableLayoutType.FIXED,
    width: { size: nameWidth + colWidth * (block.codes.length + 1), type: WidthType.DXA },
    columnWidths: [nameWidth, ...block.codes.map(() => colWidth), colWidth],
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          cell(words.role, nameWidth, STYLE.tableHeading),
          ...block.codes.map((c) => cell(c.code, colWidth, STYLE.tableCode, hex(c.color))),
          cell(words.total, colWidth, STYLE.tableCode),
        ],
      }),
      ...block.rows.map((row) => {
        const total = block.codes.reduce((sum, c) => sum + (row.counts[c.code] ?? 0), 0);
        return new TableRow({
          cantSplit: true,
          children: [
            cell(row.name, nameWidth, STYLE.tableText, undefined, row.ref),
            ...block.codes.map((c) => cell(String(row.counts[c.code] ?? 0), colWidth, STYLE.tableCode)),
            cell(String(total), colWidth, STYLE.tableCode),
          ],
        });
      }),
    ],
  });
}
