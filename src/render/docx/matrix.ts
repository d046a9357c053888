import {
  BorderStyle,
  FootnoteReferenceRun,
  HeightRule,
  InternalHyperlink,
  Paragraph,
  type ParagraphChild,
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
import type { MatrixBlock, MatrixColumn } from '../../ir/types.js';
import { noteText } from '../../lang/labels.js';
import { paragraphDirection, runDirection } from './bidi.js';
import { fitRotatedHeaders } from './header-fit.js';
import { type MatrixLayout, SHORT_PAD_X } from './matrix-plan.js';
import { formatOnce } from './prep.js';
import { STYLE } from './styles.js';
import { cellWidth, hex } from './table-parts.js';

export {
  type MatrixLayout,
  MIN_ROLE_COLUMN,
  matrixLayout,
  planMatrix,
  ROTATE_ABOVE,
} from './matrix-plan.js';

export interface MatrixContext {
  bookmark: (anchor: string) => string;
  /** Registers a footnote and returns its id. */
  footnote: (text: string) => number;
  /** The words of a note (IR `labels.noteOn`). */
  noteOn?: string | undefined;
  /** The fill of group rows and of a handout's own column header, `RRGGBB` (the theme's band). */
  band?: string | undefined;
  /** The fill of the short-name row, `RRGGBB` (the theme's header fill): see `header` below. */
  headerFill?: string | undefined;
  /**
   * The column group's caption ("Roles 1–15 of 30"), printed in the header row's first cell: the
   * header row repeats on every page, so a continuation page still says which roles it shows.
   */
  caption?: string | undefined;
}

/** Rows a matrix puts under its header where it starts, or it starts on the next page (the PDF's too). */
export const FIRST_ROWS = 4;

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
  const { rotated, activityWidth, roleWidth, abbreviated, density } = layout;
  const headers = layout.headers.slice(from, to);
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
  // Short names sit in narrow columns: the cells' side margins shrink with them.
  const roleMargins = abbreviated ? { margins: { left: SHORT_PAD_X, right: SHORT_PAD_X } } : {};
  const pad = density.padY !== 40 ? { margins: { top: density.padY, bottom: density.padY } } : {};
  // The table style shades the first row, which under short names is the key: the names' row
  // takes the theme's header fill itself, as the group rows take its band.
  const fill = (colour: string | undefined) =>
    colour ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: colour } } : {};
  const headFill = abbreviated ? fill(ctx.headerFill ?? 'EDF1F6') : {};

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    ...(headerHeight ? { height: { value: headerHeight, rule: HeightRule.ATLEAST } } : {}),
    children: [
      new TableCell({
        width: cellWidth(activityWidth),
        verticalAlign: VerticalAlign.BOTTOM,
        ...headFill,
        children: [
          // Rotated names leave the corner above "Activity" empty: the key of the codes goes
          // there, so every page of the matrix shows it (the PDF's too).
          ...(rotated
            ? [new Paragraph({ style: STYLE.matrixKey, keepNext: true, children: codeKey(block) })]
            : []),
          ...(ctx.caption
            ? [
                new Paragraph({
                  style: STYLE.tableHeading,
                  spacing: { after: 60 },
                  children: [new TextRun({ text: ctx.caption, bold: false, italics: true })],
                }),
              ]
            : []),
          new Paragraph({
            style: STYLE.tableHeading,
            keepNext: true,
            children: [new TextRun(block.activityLabel)],
          }),
        ],
      }),
      ...columns.map(
        (col, i) =>
          new TableCell({
            width: cellWidth(roleWidth),
            ...roleMargins,
            ...(col.roleId === block.focus
              ? { ...fill(ctx.band ?? 'DCE5F0'), borders: FOCUS_BORDERS }
              : headFill),
            verticalAlign: rotated ? VerticalAlign.CENTER : VerticalAlign.BOTTOM,
            ...(rotated ? { textDirection: TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT } : {}),
            children: [
              new Paragraph({
                style: rotated ? STYLE.matrixRoleRotated : abbreviated ? density.role : STYLE.matrixRole,
                keepNext: true,
                children: col.ref
                  ? [
                      new InternalHyperlink({
                        anchor: ctx.bookmark(col.ref),
                        children: [nameRun(headers[i] ?? col.name)],
                      }),
                    ]
                  : [nameRun(headers[i] ?? col.name)],
              }),
            ],
          }),
      ),
    ],
  });
  const key = abbreviated ? keyRow(block, columns, headers, activityWidth + roleWidth * columns.length) : [];

  // The header and the first rows keep together (every paragraph of a row keeps with the next):
  // never a header and two or three rows at a page's foot, the rest overleaf (the PDF's 4 rows).
  let activities = 0;
  const kept = block.rows.map((row) => (row.type === 'activity' ? ++activities : activities) < FIRST_ROWS);
  const keep = (i: number) => (kept[i] ? { keepNext: true } : {});
  // The code cells made so far, by what they show (below): always with a width of their own, so
  // that docx, which gives a cell without one its column's width, never changes a shared one.
  const sameCells = new Map<string, TableCell>();
  const rows = block.rows.map((row, r) => {
    if (row.type === 'group') {
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: columns.length + 1,
            width: cellWidth(activityWidth + roleWidth * columns.length),
            ...pad,
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: ctx.band ?? 'DCE5F0' },
            children: [
              new Paragraph({
                style: density.band,
                ...keep(r),
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
          ...pad,
          children: [
            new Paragraph({
              style: density.text,
              ...keep(r),
              ...paragraphDirection(row.name),
              children: [new TextRun({ text: row.name, ...runDirection(row.name) })],
            }),
          ],
        }),
        ...row.cells.slice(from, to).map((cell, i) => {
          const col = columns[i];
          const focus = Boolean(col && col.roleId === block.focus);
          // A cell without a note is the same wherever it has the same codes, column kind and
          // keep: one component serves them all (docx formats a component anew wherever it meets
          // it), which spares making a cell, its properties, paragraph and runs for every cell.
          const shows =
            cell.note === undefined
              ? `${focus ? 'f' : '-'}${kept[r] ? 'k' : '-'}${cell.codes.length}:${cell.codes.join('\u0000')}`
              : undefined;
          const known = shows === undefined ? undefined : sameCells.get(shows);
          if (known) return known;
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
          const made = new TableCell({
            width: cellWidth(roleWidth),
            ...(abbreviated || pad.margins ? { margins: { ...roleMargins.margins, ...pad.margins } } : {}),
            verticalAlign: VerticalAlign.CENTER,
            ...(focus ? { borders: FOCUS_BORDERS } : {}),
            ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
            children: [new Paragraph({ style: density.code, ...keep(r), children: runs })],
          });
          // Formatted and written once wherever it stands (prep.ts): it has no field or heading.
          if (shows !== undefined) sameCells.set(shows, formatOnce(made));
          return made;
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
    rows: [...key, header, ...rows],
  });
}

/**
 * The key of an abbreviated matrix: a header row over the whole table, repeated on every page with
 * the short names under it (the PDF draws its key above the table on every page): the codes with
 * their colours, then each short name in bold and the role's whole name.
 */
function keyRow(
  block: MatrixBlock,
  columns: readonly MatrixColumn[],
  headers: readonly string[],
  width: number,
): TableRow[] {
  const codes = codeKey(block);
  const names: ParagraphChild[] = columns.flatMap((col, i) =>
    col.roleId === ''
      ? []
      : [
          ...(i > 0 ? [new TextRun({ text: '  ·  ', bold: false })] : []),
          new TextRun({ text: `${headers[i] ?? col.name}\u00a0`, bold: true }),
          // A right-to-left name is a right-to-left run: its words in their order, in its place.
          new TextRun({ text: col.name, bold: false, ...runDirection(col.name) }),
        ],
  );
  return [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [
        new TableCell({
          columnSpan: columns.length + 1,
          width: cellWidth(width),
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFFFFF' },
          children: [
            new Paragraph({ style: STYLE.matrixKey, keepNext: true, children: codes }),
            new Paragraph({ style: STYLE.matrixKey, keepNext: true, children: names }),
          ],
        }),
      ],
    }),
  ];
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

/** The codes, each letter shaded in its colour, then its label: "R Responsible   A Accountable". */
function codeKey(block: MatrixBlock): ParagraphChild[] {
  return block.codes.flatMap((c, i) => [
    ...(i > 0 ? [new TextRun({ text: '   ', bold: false })] : []),
    new TextRun({
      text: `\u00a0${c.code}\u00a0`,
      bold: true,
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(c.color) },
    }),
    new TextRun({ text: `\u00a0${c.label}`, bold: false }),
  ]);
}
