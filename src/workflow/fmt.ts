import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import stringWidth from 'string-width';
import { unified } from 'unified';
import { withDocumentSettings } from '../config/frontmatter.js';
import type { LoadOptions } from '../config/scheme.js';
import { RolemarkError } from '../errors.js';
import type { ReadModel } from '../model/types.js';
import { readSources } from '../read/files.js';
import { loadSources, type SourceFile } from '../read/load.js';
import { entryKind, writeNoFollow } from './safe-write.js';

/**
 * `rolemark fmt`: rewrites the charts of Markdown files into their canonical form, and leaves
 * every other byte of the file as it was.
 *
 * - Each cell that holds codes is written as the model reads it: the codes in the scheme's order
 *   (`a/r`, `R+A`, `**A** / r` → `R/A`), lookalike letters replaced (Cyrillic `А` → `A`), and the
 *   note in parentheses (`C (reviews)`).
 * - Each table is aligned: cells padded to their column's width, the delimiter row to match with
 *   its alignment kept, and rows shorter than the header padded with empty cells (longer rows keep
 *   their extra cells: nothing the user wrote is dropped).
 *
 * Tables inside list items and block quotes are formatted too: each line keeps, byte for byte,
 * what comes before the table on it (`> `, a list item's indentation or marker).
 *
 * It is idempotent (fmt(fmt(x)) = fmt(x)), and the charts read the same after it (the CSV export
 * of fmt(x) is the export of x); test/fmt.test.ts checks both as properties, with CJK, emoji and
 * combining characters and with nested tables.
 */

/** The cells of a table line: split at pipes that are not escaped, without the outer pipes. */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let backslashes = 0;
  for (const ch of line) {
    if (ch === '|' && backslashes % 2 === 0) {
      cells.push(current);
      current = '';
    } else {
      current += ch;
    }
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  cells.push(current);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
  return cells.map((c) => c.trim());
}

/**
 * The width a cell takes in a monospaced editor: string-width's display width (East Asian wide
 * characters and emoji take 2 columns, combining marks and zero-width joiners none), the count
 * terminals and editors align by. Code points would misalign `| 経営企画 |` under `| Ship |`.
 */
const width = (s: string) => stringWidth(s);

/** `:-:`, `:--`, `--:` or `---`: a delimiter cell's alignment, as a delimiter of `w` characters. */
function delimiter(cell: string, w: number): string {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  const dashes = '-'.repeat(Math.max(1, w - (left ? 1 : 0) - (right ? 1 : 0)));
  return `${left ? ':' : ''}${dashes}${right ? ':' : ''}`;
}

/** One line of a table: what comes before the table on it (kept as it is), and the row. */
interface TableLine {
  prefix: string;
  row: string;
}

/** The lines of a table, aligned. `lines[1]` is the delimiter row. */
function alignTable(lines: readonly TableLine[]): string[] {
  const rows = lines.map((l) => splitRow(l.row));
  const columns = rows[0]?.length ?? 0;
  for (const row of rows) while (row.length < columns) row.push('');
  const widths: number[] = [];
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const w = r === 1 ? 3 : Math.max(3, width(cell));
      widths[c] = Math.max(widths[c] ?? 3, w);
    });
  });
  return rows.map((row, r) => {
    const cells = row.map((cell, c) => {
      const w = widths[c] ?? 3;
      return r === 1 ? delimiter(cell, w) : cell + ' '.repeat(Math.max(0, w - width(cell)));
    });
    return `${lines[r]?.prefix ?? ''}| ${cells.join(' | ')} |`;
  });
}

/** A cell as the model reads it: codes in scheme order, then the note. */
function canonicalCell(codes: readonly string[], note: string | undefined): string {
  const text = note ? `${codes.join('/')} (${note})` : codes.join('/');
  return text.replace(/(?<!\\)\|/gu, '\\|');
}

/**
 * Replaces every cell that holds codes by its canonical text; positions are the model's. Only
 * cells on the lines of `tables`: a list's `- R: Content Strategist` keeps its wording.
 */
function canonicalCodes(text: string, file: string, model: ReadModel, tables: readonly Table[]): string {
  const inTable = new Set(tables.flatMap((t) => t.rows.map((_, i) => t.start + i)));
  const lines = text.split('\n');
  const edits = new Map<number, { from: number; to: number; text: string }[]>();
  for (const activity of model.activities) {
    for (const a of activity.assignments) {
      const s = a.source;
      if (!s || s.file !== file || s.endLine !== s.line || s.endColumn === undefined || a.codes.length === 0)
        continue;
      const list = edits.get(s.line) ?? [];
      list.push({ from: s.column - 1, to: s.endColumn - 1, text: canonicalCell(a.codes, a.note) });
      edits.set(s.line, list);
    }
  }
  for (const [line, list] of edits) {
    let current = lines[line - 1];
    if (current === undefined || !inTable.has(line)) continue;
    // From the right, so that earlier positions stay valid.
    for (const e of list.sort((x, y) => y.from - x.from)) {
      current = current.slice(0, e.from) + e.text + current.slice(e.to);
    }
    lines[line - 1] = current;
  }
  return lines.join('\n');
}

interface TableNode {
  type: string;
  position?: { start: { line: number; column: number }; end: { line: number } };
  children?: TableNode[];
}

/**
 * A table of the file: its first line, and where each of its lines' rows starts (a column, from
 * 1), or null for the delimiter row, which the tree gives no node.
 */
interface Table {
  start: number;
  rows: (number | null)[];
}

/** Every table of a document, in lists and block quotes too, with where its rows start. */
function tablesOf(text: string): Table[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as TableNode;
  const out: Table[] = [];
  const walk = (node: TableNode) => {
    if (node.type === 'table' && node.position) {
      const start = node.position.start.line;
      const rows: (number | null)[] = Array.from({ length: node.position.end.line - start + 1 }, () => null);
      for (const row of node.children ?? []) {
        if (row.position) rows[row.position.start.line - start] = row.position.start.column;
      }
      out.push({ start, rows });
      return;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return out;
}

/**
 * A table line split into what comes before the table (a quote's `> `, a list item's marker or
 * indentation: kept byte for byte) and the row. The delimiter row has no node: its prefix is its
 * leading spaces and `>`s, which no delimiter cell holds.
 */
function splitLine(line: string, column: number | null): TableLine {
  const at = column === null ? (/^[ \t>]*/u.exec(line)?.[0].length ?? 0) : column - 1;
  return { prefix: line.slice(0, at), row: line.slice(at) };
}

/** The canonical form of one file's text, given the model of every file it is read with. */
export function formatText(text: string, file: string, model: ReadModel): string {
  // A file whose every line ends in CRLF keeps its line endings.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/u.test(text);
  const lf = crlf ? text.replaceAll('\r\n', '\n') : text;
  // The code edits change cells only, never where a table or a row starts.
  const tables = tablesOf(lf);
  const lines = canonicalCodes(lf, file, model, tables).split('\n');
  for (const { start, rows } of tables) {
    const aligned = alignTable(rows.map((column, i) => splitLine(lines[start - 1 + i] ?? '', column)));
    lines.splice(start - 1, aligned.length, ...aligned);
  }
  return lines.join(crlf ? '\r\n' : '\n');
}

/** The canonical form of every source, read together (a role defined in one file is known in all). */
export function formatSources(sources: readonly SourceFile[], options: LoadOptions = {}): SourceFile[] {
  const model = loadSources(sources, withDocumentSettings(options));
  return sources.map((s) => ({ file: s.file, text: formatText(s.text, s.file, model) }));
}

/**
 * Formats `files` (written back in place when `write`), returning those whose text changed. Only
 * files that are UTF-8 as read (with or without a byte-order mark) are rewritten, whole and never
 * through a link: the rest of a file must stay byte for byte, and a UTF-16 or Windows-1252 file
 * would not.
 */
export async function formatFiles(
  files: readonly string[],
  options: LoadOptions = {},
  write = true,
): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const sources = await readSources(files);
  const formatted = formatSources(sources, options);
  const changed: string[] = [];
  for (const [i, source] of sources.entries()) {
    const next = formatted[i]?.text;
    if (next === undefined || next === source.text) continue;
    const raw = await readFile(source.file);
    const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    if (!raw.subarray(bom ? 3 : 0).equals(Buffer.from(source.text, 'utf8'))) {
      throw new RolemarkError(
        `\`${source.file}\` is not UTF-8; save it as UTF-8 before rolemark fmt rewrites it`,
      );
    }
    changed.push(source.file);
    if (!write) continue;
    if ((await entryKind(source.file)) !== 'file') {
      throw new RolemarkError(
        `\`${source.file}\` is not a regular file; rolemark fmt rewrites regular files only`,
      );
    }
    await writeNoFollow(source.file, bom ? `\uFEFF${next}` : next, 'overwrite');
  }
  return changed;
}
