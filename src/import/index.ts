import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { RolemarkError } from '../errors.js';
import { parseCsv } from './csv.js';
import { type ImportOptions, type ImportResult, importTable } from './matrix.js';
import { readXlsx, sheetNames } from './xlsx.js';

export { detectDelimiter, parseCsv } from './csv.js';
export {
  escapeMarkdown,
  type ImportedDocument,
  type ImportOptions,
  type ImportResult,
  importTable,
} from './matrix.js';
export { readXlsx, sheetNames, type XlsxSheet } from './xlsx.js';

export interface ImportFileOptions extends ImportOptions {
  /** The sheet of a workbook to read; the first by default. */
  sheet?: string;
  /** The CSV delimiter; detected by default. */
  delimiter?: string;
}

/** `raci-matrix_v2.csv` → `Raci matrix v2`: a title for a table that gives none. */
const titleFromFile = (path: string) => {
  const words = basename(path, extname(path)).replace(/[_-]+/gu, ' ').trim();
  return words === '' ? 'Responsibilities' : words[0]?.toUpperCase() + words.slice(1);
};

/**
 * Reads a spreadsheet RACI chart (`.csv`, `.tsv` or `.xlsx`) into canonical rolemark Markdown.
 * The format is told by the file's first bytes (a zip archive is a workbook), not its name.
 */
export async function importFile(path: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RolemarkError(
      `Cannot read \`${path}\`: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}`,
    );
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const tableOptions = { fallbackTitle: titleFromFile(path), file: path, ...options };
  if (!isZip) {
    if (options.sheet !== undefined) {
      throw new RolemarkError(`\`${path}\` is not a workbook; --sheet applies to .xlsx files`);
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const rows = parseCsv(
      text,
      options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : undefined),
    );
    return importTable(rows, tableOptions);
  }
  if (options.sheet !== undefined) {
    return importTable(readXlsx(bytes, options.sheet).rows, {
      ...tableOptions,
      file: `${path} (sheet "${options.sheet}")`,
    });
  }
  // Workbooks often open on a cover or notes sheet: take the first sheet that holds a chart.
  const names = sheetNames(bytes);
  for (const name of names) {
    try {
      return importTable(readXlsx(bytes, name).rows, { ...tableOptions, file: `${path} (sheet "${name}")` });
    } catch (error) {
      if (!(error instanceof RolemarkError)) throw error;
    }
  }
  throw new RolemarkError(
    `No RACI chart in any sheet of \`${path}\` (${names.map((n) => `"${n}"`).join(', ')}): expected a header row (Activity, then one column per role) and rows of codes`,
  );
}
