import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { RolemarkError } from '../errors.js';
import { decodeText } from '../read/decode.js';
import { parseCsv } from './csv.js';
import { readWordTables } from './docx.js';
import { type ImportOptions, type ImportResult, importTable } from './matrix.js';
import { readWorkbook } from './xlsx.js';
import { entryNames } from './zip.js';

export { CSV_LIMITS, detectDelimiter, parseCsv } from './csv.js';
export {
  escapeMarkdown,
  type ImportedDocument,
  type ImportOptions,
  type ImportResult,
  importTable,
  type SourcePlace,
  sheetPlace,
} from './matrix.js';
export { readWorkbook, readXlsx, sheetNames, XLSX_LIMITS, type XlsxSheet } from './xlsx.js';

export interface ImportFileOptions extends ImportOptions {
  /** The sheet of a workbook to read; the first that holds a chart by default. */
  sheet?: string;
  /** The table of a Word document to read, counting from 1; the first that holds a chart by default. */
  table?: number;
  /** The CSV delimiter; detected by default. */
  delimiter?: string;
}

/** A spreadsheet is kilobytes; this is far above any chart and far below what hurts. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** `raci-matrix_v2.csv` → `Raci matrix v2`: a title for a table that gives none. */
const titleFromFile = (path: string) => {
  // Standard input without --stdin-filename has no name to make a title of.
  if (path === '<stdin>') return 'Responsibilities';
  const words = basename(path, extname(path)).replace(/[_-]+/gu, ' ').trim();
  return words === '' ? 'Responsibilities' : words[0]?.toUpperCase() + words.slice(1);
};

/**
 * Reads the file to import: a regular file (never a FIFO or a device, which would block or never
 * end), at most MAX_IMPORT_BYTES.
 */
async function readInput(path: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RolemarkError(
      `Cannot read \`${path}\`: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}`,
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new RolemarkError(`Cannot read \`${path}\`: not a regular file`);
    if (stat.size > MAX_IMPORT_BYTES) {
      throw new RolemarkError(
        `\`${path}\` is ${stat.size} bytes; rolemark imports spreadsheets of at most ${MAX_IMPORT_BYTES}`,
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Reads a spreadsheet RACI chart (`.csv`, `.tsv` or `.xlsx`) into canonical rolemark Markdown.
 * The format is told by the file's first bytes (a zip archive is a workbook), not its name. CSV
 * text is decoded as the reader decodes Markdown (UTF-8, UTF-16, or Windows-1252, which Excel's
 * "CSV" writes), and what was noticed while decoding is among the warnings.
 */
export async function importFile(path: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  return importBytes(await readInput(path), path, options);
}

/**
 * Reads a spreadsheet or Word document already in memory (standard input: `rolemark import -`).
 * `path` names it in messages and gives the fallback title; as for a file, the bytes tell the
 * format, and a name ending in `.tsv` means tabs.
 */
export async function importBytes(
  bytes: Uint8Array,
  path: string,
  options: ImportFileOptions = {},
): Promise<ImportResult> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new RolemarkError(
      `\`${path}\` is more than ${MAX_IMPORT_BYTES} bytes; rolemark imports spreadsheets of at most that`,
    );
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const tableOptions = { fallbackTitle: titleFromFile(path), file: path, source: { file: path }, ...options };
  if (!isZip) {
    if (options.sheet !== undefined) {
      throw new RolemarkError(`\`${path}\` is not a workbook; --sheet applies to .xlsx files`);
    }
    const { text, diagnostics } = decodeText(bytes, path);
    const rows = parseCsv(
      text,
      options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : undefined),
      path,
    );
    const result = importTable(rows, tableOptions);
    result.warnings.unshift(
      ...diagnostics.map((d) => `${path}: ${d.message.replace(/^Unexpected file/u, 'A file')}`),
    );
    return result;
  }
  if (entryNames(bytes).includes('word/document.xml')) return importWord(path, bytes, tableOptions, options);
  if (options.table !== undefined) {
    throw new RolemarkError(`\`${path}\` is not a Word document; --table applies to .docx files`);
  }
  const sheets = await readWorkbook(bytes);
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  if (options.sheet !== undefined) {
    const sheet = sheets.find((s) => s.name === options.sheet);
    if (!sheet)
      throw new RolemarkError(`No sheet named "${options.sheet}" in \`${path}\`; it has ${names || 'none'}`);
    return importTable(sheet.rows, {
      ...tableOptions,
      file: `${path} (sheet "${sheet.name}")`,
      source: { file: path, sheet: sheet.name },
    });
  }
  // Workbooks often open on a cover or notes sheet: take the first sheet that holds a chart.
  const reasons: string[] = [];
  for (const sheet of sheets) {
    try {
      return importTable(sheet.rows, {
        ...tableOptions,
        file: `${path} (sheet "${sheet.name}")`,
        source: { file: path, sheet: sheet.name },
      });
    } catch (error) {
      if (!(error instanceof RolemarkError)) throw error;
      const why = /^No (table|role columns)/u.exec(error.message)?.[0].toLowerCase() ?? error.message;
      reasons.push(`"${sheet.name}" (${why})`);
    }
  }
  throw new RolemarkError(
    sheets.length === 0
      ? `No RACI chart in \`${path}\`: the workbook has no sheets`
      : `No RACI chart in any sheet of \`${path}\`; looked at ${reasons.join(', ')}: expected a header row (Activity, then one column per role) and rows of codes`,
  );
}

/**
 * A Word document: its tables, read with the same shape detection as a spreadsheet's rows; the
 * first that holds a chart (or `--table N`), naming the tables it looked at when none does.
 */
async function importWord(
  path: string,
  bytes: Uint8Array,
  tableOptions: ImportOptions,
  options: ImportFileOptions,
): Promise<ImportResult> {
  const tables = await readWordTables(bytes);
  const at = (n: number) => ({ ...tableOptions, file: `${path} (table ${n})`, source: { file: path } });
  if (options.table !== undefined) {
    const rows = tables[options.table - 1];
    if (!rows) throw new RolemarkError(`No table ${options.table} in \`${path}\`; it has ${tables.length}`);
    return importTable(rows, at(options.table));
  }
  const reasons: string[] = [];
  for (const [i, rows] of tables.entries()) {
    try {
      const result = importTable(rows, at(i + 1));
      const others = tables.length - i - 1;
      if (others > 0) {
        result.warnings.push(`${path}: read table ${i + 1} of ${tables.length}; --table N reads another`);
      }
      return result;
    } catch (error) {
      if (!(error instanceof RolemarkError)) throw error;
      const why = /^No (table|role columns)/u.exec(error.message)?.[0].toLowerCase() ?? error.message;
      reasons.push(`table ${i + 1} (${why})`);
    }
  }
  throw new RolemarkError(
    tables.length === 0
      ? `No RACI chart in \`${path}\`: the document has no tables`
      : `No RACI chart in any table of \`${path}\`; looked at ${reasons.join(', ')}: expected a header row (Activity, then one column per role) and rows of codes`,
  );
}
