import { parse } from 'csv-parse/sync';
import { RolemarkError } from '../errors.js';

/**
 * CSV through csv-parse (maintained, RFC 4180 and what spreadsheets really write: quoted fields
 * with doubled quotes and line breaks inside, CRLF or LF, a byte-order mark), with `,`, `;` or
 * tab as the delimiter (European spreadsheets write `;`), detected from the first line. Limits
 * keep a hostile file from costing minutes or the stack (issue 18: a line of 1e6 columns took
 * over 90 s; 200,000 rows overflowed the stack): a RACI chart has tens of columns and hundreds
 * of rows, and these are far above that.
 */
export const CSV_LIMITS = { rows: 50_000, columns: 2_000, recordChars: 1_000_000 } as const;

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of the first line that has one, counting only outside quotes. */
export function detectDelimiter(text: string): string {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? text.length : newline);
    start = newline < 0 ? text.length : newline + 1;
    if (line.trim() === '') continue;
    const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [',', 0];
    if (n > 0) return best;
  }
  return ',';
}

/**
 * Parses CSV text into rows of fields. Throws a RolemarkError (with the line) for a quote that
 * is never closed, and for a file beyond CSV_LIMITS.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text), file = 'the CSV file'): string[][] {
  try {
    return parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: CSV_LIMITS.recordChars,
      on_record: (record: string[], context: { lines: number; records: number }) => {
        if (record.length > CSV_LIMITS.columns) {
          throw new RolemarkError(
            `${file}:${context.lines}: ${record.length} columns; rolemark reads at most ${CSV_LIMITS.columns}`,
          );
        }
        if (context.records > CSV_LIMITS.rows) {
          throw new RolemarkError(
            `${file}: more than ${CSV_LIMITS.rows} rows; rolemark reads at most that many`,
          );
        }
        return record;
      },
    }) as string[][];
  } catch (error) {
    if (error instanceof RolemarkError) throw error;
    const e = error as { message?: string; lines?: number; code?: string };
    const where = e.lines !== undefined ? `${file}:${e.lines}` : file;
    const what =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed'
        : e.code === 'CSV_MAX_RECORD_SIZE'
          ? `a row longer than ${CSV_LIMITS.recordChars} characters`
          : (e.message ?? String(error));
    throw new RolemarkError(`Cannot read ${where} as CSV: ${what}`);
  }
}
