import {
  BorderStyle,
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
import type { LegendBlock, MatrixBlock, WorkloadBlock } from '../../ir/types.js';
import { noteText } from '../../lang/labels.js';
import { paragraphDirection, runDirection } from './bidi.js';
import { fitRotatedHeaders, textPoints } from './header-fit.js';
import { DEFAULT_PAGE, type Page } from './look.js';
import { STYLE, textWidth } from './styles.js';

const hex = (color: string): string => color.replace('#', '').toUpperCase();

/** Above this many roles the headers are rotated, so the columns can stay narrow. */
export const ROTATE_ABOVE = 6;
/**
 * The narrowest a role column gets: a rotated 8 pt header line, and a cell holding two codes
 * ("A/R", 8.5 pt bold) with its margins. More roles than fit at this width are split into groups.
 */
export const MIN_ROLE_COLUMN = 480;

/** How a matrix of `roles` columns is laid out: page, header direction, widths, column groups. */
export interface MatrixLayout {
  landscape: boolean;
  rotated: boolean;
  activityWidth: number;
  roleWidth: number;
  /** Column groups, as [first, last) role indexes: one table each, every one with the activity column. */
  groups: [number, number][];
  /** The type scale (a poster's is larger): the role names are 8 pt times this. */
  scale: number;
  /** The tallest a rotated header row should get, in DXA: a third of the text's height. */
  maxHeader: number;
}

export function matrixLayout(
  roles: number,
  page: Page = DEFAULT_PAGE,
  scale = 1,
  /** The role names: a word wider than its column turns the headers, rather than break mid-word. */
  names: readonly string[] = [],
  /** In a landscape section of its own: the composer's decision (IR `landscape`), never the writer's. */
  landscape = false,
): MatrixLayout {
  let rotated = roles > ROTATE_ABOVE;
  const width = textWidth(landscape, page);
  // Larger type (a poster's) needs a wider activity column, or every name wraps.
  const k = Math.max(1, scale);
  let activityWidth = Math.round(
    rotated
      ? Math.min(3800 * k, Math.max(2800, width * 0.25))
      : Math.min(4200 * k, Math.max(2400, width * 0.36)),
  );
  if (!rotated && roles > 0) {
    // Horizontal names wrap at spaces only: "développement" must fit its column whole (cell
    // margins 80 DXA a side), or Word breaks it inside ("développem|ent"); then they turn.
    const column = (width - activityWidth) / roles - 160;
    const widest = Math.max(
      0,
      ...names.flatMap((n) => n.split(/\s+/u)).map((w) => textPoints(w, 8 * scale) * 20),
    );
    if (widest > column) {
      rotated = true;
      activityWidth = Math.round(Math.min(3800 * k, Math.max(2800, width * 0.25)));
    }
  }
  const perTable = Math.max(1, Math.floor((width - activityWidth) / MIN_ROLE_COLUMN));
  const count = Math.max(1, Math.ceil(roles / perTable));
  // Balanced groups (15 + 15 rather than 22 + 8), so every table has the same column widths.
  const size = Math.max(1, Math.ceil(roles / count));
  const groups: [number, number][] = [];
  for (let from = 0; from < Math.max(roles, 1); from += size)
    groups.push([from, Math.min(roles, from + size)]);
  const height =
    (landscape || page.landscape ? page.width : page.height) - page.margin.top - page.margin.bottom;
  return {
    landscape,
    rotated,
    activityWidth,
    roleWidth: Math.floor((width - activityWidth) / size),
    groups,
    scale,
    maxHeader: Math.round(height / 3),
  };
}

export interface MatrixContext {
  bookmark: (anchor: string) => string;
  /** Registers a footnote and returns its id. */
  footnote: (text: string) => number;
  /** The words of a note (IR `labels.noteOn`). */
  noteOn?: string | undefined;
  /** The fill of group rows and of a handout's own column header, `RRGGBB` (the theme's band). */
  band?: string | undefined;
  /**
   * The column group's caption ("Roles 1–15 of 30"), printed in the header row's first cell: the
   * header row repeats on every page, so a continuation page still says which roles it shows.
   */
  caption?: string | undefined;
}

const cellWidth = (w: number) => ({ size: w, type: WidthType.DXA });

/**
 * One column group of the matrix as a Word table: fixed layout with explicit DXA widths
 * (LibreOffice and Google Docs ignore automatic ones), a header row that repeats on every page,
 * rows that never split, a shaded cell per code with its letters printed, group rows as merged
 * bands, and cell notes as footnotes. Role names link to the role's section.
 */
/** The column of the role a handout is about: framed left and right, so the eye finds it. */
const FOCUS_BORDERS = {
  left: { style: BorderStyle.SINGLE, size: 12, color: '1F4E79' },
  right: { style: BorderStyle.SINGLE, size: 12, color: '1F4E79' },
};

export function matrixTable(
  block: MatrixBlock,
  layout: MatrixLayout,
  [from, to]: [number, number],
  ctx: MatrixContext,
): Table {
  const columns = block.columns.slice(from, to);
  const { rotated, activityWidth, roleWidth } = layout;
  const colors = new Map(block.codes.map((c) => [c.code, hex(c.color)]));
  // Rotated names run up the header: the row is as tall as the longest name needs on the lines the
  // column's width holds, at a smaller size when that would take more than a third of the page.
  // Every column group gets the same, so that the tables match. Word and LibreOffice cut off what
  // does not fit rather than grow the row (header-fit.ts).
  const styleSize = 8 * layout.scale;
  const fit = rotated
    ? fitRotatedHeaders(
        block.columns.map((c) => c.name),
        roleWidth,
        styleSize,
        layout.maxHeader,
      )
    : undefined;
  const headerHeight = fit?.height;
  const nameRun = (name: string) =>
    fit && fit.size < styleSize
      ? new TextRun({ text: name, size: Math.round(fit.size * 2) })
      : new TextRun(name);

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    ...(headerHeight ? { height: { value: headerHeight, rule: HeightRule.ATLEAST } } : {}),
    children: [
      new TableCell({
        width: cellWidth(activityWidth),
        verticalAlign: VerticalAlign.BOTTOM,
        children: [
          ...(ctx.caption
            ? [
                new Paragraph({
                  style: STYLE.tableHeading,
                  spacing: { after: 60 },
                  children: [new TextRun({ text: ctx.caption, bold: false, italics: true })],
                }),
              ]
            : []),
          new Paragraph({ style: STYLE.tableHeading, children: [new TextRun(block.activityLabel)] }),
        ],
      }),
      ...columns.map(
        (col) =>
          new TableCell({
            width: cellWidth(roleWidth),
            ...(col.roleId === block.focus
              ? {
                  shading: { type: ShadingType.CLEAR, color: 'auto', fill: ctx.band ?? 'DCE5F0' },
                  borders: FOCUS_BORDERS,
                }
              : {}),
            verticalAlign: rotated ? VerticalAlign.CENTER : VerticalAlign.BOTTOM,
            ...(rotated ? { textDirection: TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT } : {}),
            children: [
              new Paragraph({
                style: rotated ? STYLE.matrixRoleRotated : STYLE.matrixRole,
                children: col.ref
                  ? [
                      new InternalHyperlink({
                        anchor: ctx.bookmark(col.ref),
                        children: [nameRun(col.name)],
                      }),
                    ]
                  : [nameRun(col.name)],
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
            columnSpan: columns.length + 1,
            width: cellWidth(activityWidth + roleWidth * columns.length),
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: ctx.band ?? 'DCE5F0' },
            children: [
              new Paragraph({
                style: STYLE.groupBand,
                ...paragraphDirection(row.name),
                children: [new TextRun({ text: row.name, ...runDirection(row.name) })],
              }),
            ],
          }),
        ],
      });
    }
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: cellWidth(activityWidth),
          children: [
            new Paragraph({
              style: STYLE.tableText,
              ...paragraphDirection(row.name),
              children: [new TextRun({ text: row.name, ...runDirection(row.name) })],
            }),
          ],
        }),
        ...row.cells.slice(from, to).map((cell, i) => {
          const col = columns[i];
          // One code fills the cell; several (`A/R`) each shade their own letter, so every code's
          // colour shows, as the PDF's split cell does: a cell can have one fill only.
          const fill = cell.codes.length === 1 && cell.codes[0] ? colors.get(cell.codes[0]) : undefined;
          const runs: (TextRun | FootnoteReferenceRun)[] = [];
          if (cell.codes.length === 1) runs.push(new TextRun(cell.codes.join('/')));
          else runs.push(...codeRuns(cell.codes, colors));
          if (cell.note !== undefined) {
            const note = block.notes.find((x) => x.mark === cell.note);
            const text = note
              ? noteText(ctx.noteOn, { role: col?.name ?? '', activity: row.name, text: note.text })
              : '';
            runs.push(new FootnoteReferenceRun(ctx.footnote(text)));
          }
          return new TableCell({
            width: cellWidth(roleWidth),
            verticalAlign: VerticalAlign.CENTER,
            ...(col && col.roleId === block.focus ? { borders: FOCUS_BORDERS } : {}),
            ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
            children: [new Paragraph({ style: STYLE.tableCode, children: runs })],
          });
        }),
      ],
    });
  });

  const widths = [activityWidth, ...columns.map(() => roleWidth)];
  return new Table({
    style: STYLE.matrixTable,
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows],
  });
}

/** The letters of a cell of several codes, each shaded with its code's colour, joined by "/". */
function codeRuns(codes: string[], colors: Map<string, string>): TextRun[] {
  return codes.flatMap((code, i) => {
    const fill = colors.get(code);
    const letter = new TextRun({
      text: code,
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
    });
    return i === 0 ? [letter] : [new TextRun('/'), letter];
  });
}

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
