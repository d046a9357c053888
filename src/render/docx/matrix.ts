import {
  FootnoteReferenceRun,
  HeightRule,
  InternalHyperlink,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { LegendBlock, MatrixBlock, WorkloadBlock } from '../../compose/ir.js';
import { STYLE } from './styles.js';

const hex = (color: string): string => color.replace('#', '').toUpperCase();

/** Above this many roles the headers are rotated, so the columns can stay narrow. */
const ROTATE_ABOVE = 6;
/** Above this many roles the matrix gets a landscape section of its own. */
export const LANDSCAPE_ABOVE = 12;

export interface MatrixContext {
  /** Content width of the section the table goes in, in DXA (twentieths of a point). */
  width: number;
  bookmark: (anchor: string) => string;
  /** Registers a footnote and returns its id. */
  footnote: (text: string) => number;
}

/**
 * The matrix as a Word table: fixed layout with explicit DXA widths (LibreOffice and Google Docs
 * ignore automatic ones), a repeating header row, rows that never split, a shaded cell per code
 * with its letters printed, group rows as merged bands, and cell notes as footnotes.
 */
export function matrixTable(block: MatrixBlock, ctx: MatrixContext): Table {
  const n = Math.max(block.columns.length, 1);
  const rotated = block.columns.length > ROTATE_ABOVE;
  const activityWidth = Math.round(Math.min(4200, Math.max(2400, ctx.width * (rotated ? 0.3 : 0.36))));
  const colWidth = Math.floor((ctx.width - activityWidth) / n);
  const widths = [activityWidth, ...block.columns.map(() => colWidth)];
  const colors = new Map(block.codes.map((c) => [c.code, hex(c.color)]));
  const longest = Math.max(0, ...block.columns.map((c) => c.name.length));
  const headerHeight = rotated ? Math.min(2600, Math.max(900, longest * 105 + 200)) : undefined;

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    ...(headerHeight ? { height: { value: headerHeight, rule: HeightRule.ATLEAST } } : {}),
    children: [
      new TableCell({
        width: { size: activityWidth, type: WidthType.DXA },
        verticalAlign: VerticalAlign.BOTTOM,
        children: [
          new Paragraph({ style: STYLE.tableHeading, children: [new TextRun(block.activityLabel)] }),
        ],
      }),
      ...block.columns.map(
        (col) =>
          new TableCell({
            width: { size: colWidth, type: WidthType.DXA },
            verticalAlign: rotated ? VerticalAlign.CENTER : VerticalAlign.BOTTOM,
            ...(rotated ? { textDirection: TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT } : {}),
            children: [
              new Paragraph({
                style: STYLE.tableHeading,
                alignment: rotated ? 'left' : 'center',
                children: col.ref
                  ? [
                      new InternalHyperlink({
                        anchor: ctx.bookmark(col.ref),
                        children: [new TextRun(col.name)],
                      }),
                    ]
                  : [new TextRun(col.name)],
              }),
            ],
          }),
      ),
    ],
  });

  const rows = block.rows.map((row) => {
    if (row.type === 'group') {
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: block.columns.length + 1,
            width: { size: ctx.width, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE5F0' },
            children: [new Paragraph({ style: STYLE.groupBand, children: [new TextRun(row.name)] })],
          }),
        ],
      });
    }
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: activityWidth, type: WidthType.DXA },
          children: [new Paragraph({ style: STYLE.tableText, children: [new TextRun(row.name)] })],
        }),
        ...row.cells.map((cell, i) => {
          const col = block.columns[i];
          const fill = cell.codes[0] ? colors.get(cell.codes[0]) : undefined;
          const runs: (TextRun | FootnoteReferenceRun)[] = [];
          if (cell.codes.length > 0) runs.push(new TextRun(cell.codes.join('/')));
          if (cell.note !== undefined) {
            const note = block.notes.find((x) => x.mark === cell.note);
            const text = note ? `${col?.name ?? ''} on “${row.name}”: ${note.text}` : '';
            runs.push(new FootnoteReferenceRun(ctx.footnote(text)));
          }
          return new TableCell({
            width: { size: colWidth, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
            children: [new Paragraph({ style: STYLE.tableCode, children: runs })],
          });
        }),
      ],
    });
  });

  return new Table({
    style: STYLE.matrixTable,
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows],
  });
}

/** The legend: a shaded swatch with the letter, then the label and what it means. */
export function legendTable(block: LegendBlock, width: number): Table {
  const swatch = 520;
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [swatch, width - swatch],
    borders: {
      top: { style: 'nil' },
      bottom: { style: 'nil' },
      left: { style: 'nil' },
      right: { style: 'nil' },
      insideHorizontal: { style: 'single', size: 2, color: 'FFFFFF' },
      insideVertical: { style: 'nil' },
    },
    tableLook: { firstRow: false },
    rows: block.codes.map(
      (code) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: swatch, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(code.color) },
              children: [new Paragraph({ style: STYLE.tableCode, children: [new TextRun(code.code)] })],
            }),
            new TableCell({
              width: { size: width - swatch, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              children: [
                new Paragraph({
                  style: STYLE.tableText,
                  children: [
                    new TextRun({ text: code.label, bold: true }),
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
export function workloadTable(block: WorkloadBlock, width: number): Table {
  const nameWidth = Math.round(width * 0.4);
  const colWidth = Math.floor((width - nameWidth) / (block.codes.length + 1));
  const cell = (text: string, w: number, style: string, fill?: string) =>
    new TableCell({
      width: { size: w, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
      children: [new Paragraph({ style, children: [new TextRun(text)] })],
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
          cell('Role', nameWidth, STYLE.tableHeading),
          ...block.codes.map((c) => cell(c.code, colWidth, STYLE.tableCode, hex(c.color))),
          cell('Total', colWidth, STYLE.tableCode),
        ],
      }),
      ...block.rows.map((row) => {
        const total = block.codes.reduce((sum, c) => sum + (row.counts[c.code] ?? 0), 0);
        return new TableRow({
          cantSplit: true,
          children: [
            cell(row.name, nameWidth, STYLE.tableText),
            ...block.codes.map((c) => cell(String(row.counts[c.code] ?? 0), colWidth, STYLE.tableCode)),
            cell(String(total), colWidth, STYLE.tableCode),
          ],
        });
      }),
    ],
  });
}
