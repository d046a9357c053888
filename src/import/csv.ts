/**
 * A CSV reader (RFC 4180 and what spreadsheets really write): quoted fields with doubled quotes
 * and line breaks inside, CRLF or LF, a byte-order mark, and `,`, `;` or tab as the delimiter
 * (European spreadsheets write `;`).
 */

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of the first line that has one, counting only outside quotes. */
export function detectDelimiter(text: string): string {
  for (const line of text.split(/\r?\n/u)) {
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

/** Parses CSV text into rows of fields. Never throws: an unclosed quote runs to the end. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
