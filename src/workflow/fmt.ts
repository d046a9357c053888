import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { LoadOptions } from '../config/scheme.js';
import type { Model } from '../model/types.js';
import { loadSources, type SourceFile } from '../read/load.js';

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
 * It is idempotent (fmt(fmt(x)) = fmt(x)), and the charts read the same after it (the CSV export
 * of fmt(x) is the export of x); test/fmt.test.ts checks both as properties. Tables inside lists
 * or block quotes are left as they are.
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

/** The width a cell takes in a monospaced editor, counted in code points. */
const width = (s: string) => [...s].length;

/** `:-:`, `:--`, `--:` or `---`: a delimiter cell's alignment, as a delimiter of `w` characters. */
function delimiter(cell: string, w: number): string {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  const dashes = '-'.repeat(Math.max(1, w - (left ? 1 : 0) - (right ? 1 : 0)));
  return `${left ? ':' : ''}${dashes}${right ? ':' : ''}`;
}

/** The lines of a table, aligned. `lines[1]` is the delimiter row. */
function alignTable(lines: readonly string[]): string[] {
  const rows = lines.map(splitRow);
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
      return r === 1 ? delimiter(cell, w) : cell + ' '.repeat(w - width(cell));
    });
    return `| ${cells.join(' | ')} |`;
  });
}

/** A cell as the model reads it: codes in scheme order, then the note. */
function canonicalCell(codes: readonly string[], note: string | undefined): string {
  const text = note ? `${codes.join('/')} (${note})` : codes.join('/');
  return text.replace(/(?<!\\)\|/gu, '\\|');
}

/** Replaces every cell that holds codes by its canonical text; positions are the model's. */
function canonicalCodes(text: string, file: string, model: Model): string {
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
    if (current === undefined || !current.trimStart().startsWith('|')) continue;
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

/** The line ranges of the tables at the top level of a document (not in lists or quotes). */
function tableLines(text: string): [number, number][] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as TableNode;
  return (tree.children ?? [])
    .filter((n) => n.type === 'table' && n.position?.start.column === 1)
    .map((n) => [n.position?.start.line ?? 0, n.position?.end.line ?? 0]);
}

/** The canonical form of one file's text, given the model of every file it is read with. */
export function formatText(text: string, file: string, model: Model): string {
  // A file whose every line ends in CRLF keeps its line endings.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/u.test(text);
  const coded = canonicalCodes(crlf ? text.replaceAll('\r\n', '\n') : text, file, model);
  const lines = coded.split('\n');
  for (const [start, end] of tableLines(coded)) {
    const aligned = alignTable(lines.slice(start - 1, end));
    lines.splice(start - 1, aligned.length, ...aligned);
  }
  return lines.join(crlf ? '\r\n' : '\n');
}

/** The canonical form of every source, read together (a role defined in one file is known in all). */
export function formatSources(sources: readonly SourceFile[], options: LoadOptions = {}): SourceFile[] {
  const model = loadSources(sources, options);
  return sources.map((s) => ({ file: s.file, text: formatText(s.text, s.file, model) }));
}
