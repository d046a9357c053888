import { strFromU8 } from 'fflate';
import { RolemarkError } from '../errors.js';
import { inflateChecked, OFFICE_LIMITS } from './zip.js';

/**
 * Reads the sheets of an Excel workbook (.xlsx, Office Open XML) as rows of cell texts, through
 * read-excel-file (a maintained reader: a real XML parser, namespace prefixes such as `x:row`,
 * shared and rich strings, dates), behind limits that a workbook from a stranger must pass first,
 * because a reader builds every sheet as a dense grid in memory (issue 18: a 767-byte file with
 * the cell `XFDZZZZZ3` aborted V8; a 2.4 MB workbook of many parts took 2.5 GB):
 * - the zip: at most MAX_ENTRIES entries, each XML part at most MAX_PART_BYTES and MAX_RATIO
 *   times its compressed size, all XML parts together at most MAX_TOTAL_BYTES. The sizes are
 *   the ones the zip declares; fflate inflates into buffers of that size, so a lie gets no more;
 * - each sheet: cell references within Excel's grid, and at most MAX_CELLS cells in the grid that
 *   its highest row and column span.
 */
export const XLSX_LIMITS = { ...OFFICE_LIMITS, cells: 2_000_000 } as const;

/** Excel's own grid: columns A to XFD, rows 1 to 1,048,576. */
const MAX_COLUMN = 16_384;
const MAX_ROW = 1_048_576;

export interface XlsxSheet {
  name: string;
  rows: string[][];
}

/** Checks the zip against the limits and returns its worksheets, inflated. */
const checkArchive = (bytes: Uint8Array) =>
  inflateChecked(
    bytes,
    (name) => /(^|\/)worksheets\/[^/]+\.xml$/u.test(name),
    'workbook',
    'Not an Excel workbook (.xlsx): the file is not a valid zip archive',
  );

/** `XFD` → 16384; Infinity past Excel's last column (the letters are not counted further). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) {
    n = n * 26 + (ch.charCodeAt(0) - 64);
    if (n > MAX_COLUMN) return Number.POSITIVE_INFINITY;
  }
  return n;
}

/**
 * Scans a sheet's `r` attributes (cell and row references) in one linear pass: every reference
 * within Excel's grid, and the grid they span within MAX_CELLS.
 */
function checkSheet(part: string, xml: string): void {
  let maxRow = 0;
  let maxColumn = 0;
  // One match per attribute, never overlapping: linear in the size of the sheet.
  for (const attribute of xml.matchAll(/\sr\s*=\s*(["'])([^"']*)/gu)) {
    const ref = attribute[2] ?? '';
    const m = /^([A-Z]{0,3})([0-9]{1,7})$/u.exec(ref);
    const row = m ? Number(m[2]) : Number.NaN;
    const column = m?.[1] ? columnNumber(m[1]) : 0;
    if (!m || !(row >= 1 && row <= MAX_ROW) || column > MAX_COLUMN) {
      throw new RolemarkError(
        `The workbook's ${part} has the cell reference "${ref.slice(0, 40)}", outside Excel's grid (A1 to XFD1048576)`,
      );
    }
    maxRow = Math.max(maxRow, row);
    maxColumn = Math.max(maxColumn, column);
  }
  if (maxRow * maxColumn > XLSX_LIMITS.cells) {
    throw new RolemarkError(
      `The workbook's ${part} spans ${maxRow} rows and ${maxColumn} columns; at most ${XLSX_LIMITS.cells} cells are read`,
    );
  }
}

/** A cell as text: numbers as written, dates as YYYY-MM-DD, booleans as Excel shows them. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Reads every sheet of an .xlsx file, in order, into rows of cell texts. */
export async function readWorkbook(bytes: Uint8Array): Promise<XlsxSheet[]> {
  for (const [part, data] of Object.entries(checkArchive(bytes))) checkSheet(part, strFromU8(data));
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    // Numbers stay as the text the file holds ("1.10", not 1.1).
    sheets = await readXlsxFile(buffer, { parseNumber: (s: string) => s });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RolemarkError(`Not a readable Excel workbook (.xlsx): ${message}`);
  }
  return sheets.map((s) => ({ name: s.sheet, rows: s.data.map((row) => row.map(cellText)) }));
}

/** The names of a workbook's sheets, in order. */
export async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  return (await readWorkbook(bytes)).map((s) => s.name);
}

/** Reads one sheet (the first by default) of an .xlsx file into rows of cell texts. */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<XlsxSheet> {
  const sheets = await readWorkbook(bytes);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!chosen) {
    throw new RolemarkError(
      sheet === undefined
        ? 'The workbook has no sheet'
        : `No sheet named "${sheet}"; the workbook has ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
    );
  }
  return chosen;
}
