import type { AlignType, PhrasingContent, Root, Table, TableCell, TableRow } from 'mdast';

/**
 * A faster way through GFM tables for `parseMarkdown` (round seven, docs/performance.md).
 *
 * micromark tokenizes every table cell in a tokenizer of its own and then splices the table's
 * events into the document's: a 500-row table parses in ~1 s against ~60 ms as a paragraph
 * (remarkjs/remark-gfm#45), and charts are mostly tables. Here a table that is plain enough is
 * read directly: its header and delimiter rows by micromark's own rules (`tokenizeTable` in
 * micromark-extension-gfm-table), its cells by `resolveTable`'s (a cell runs from its opening
 * pipe to the next; the last one to the row's end), each cell's content one text node.
 *
 * Whether a table is one at all depends on everything before it (a fenced block, a list, a block
 * quote, an HTML block, front matter), so that is left to micromark: the table's text is swapped
 * for a table of one cell (`|x|` over `|-|`, padded with spaces) and its body rows for blank
 * lines of the same length, so that every line and offset stays where it was, and the document
 * is parsed. Where micromark then finds that small table at the document's top level, the real
 * one stands there; if it finds it anywhere else (or not at all), the whole text is parsed as
 * before. Tables with a cell micromark could read as more than text (escapes, emphasis, code,
 * links, HTML, references, addresses), or rows that micromark could end otherwise, are left in
 * the text as they are. The trees are the same: test/markdown-tables.test.ts compares them.
 */

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset just past its content (before its line ending). */
  readonly end: number;
  /** Offset of the next line (after the line ending), or `end` for the last line. */
  readonly next: number;
}

/** Lines as micromark splits them: at `\r\n`, `\r` or `\n`. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      start = next;
      i = next - 1;
    }
  }
  lines.push({ start, end: length, next: length });
  return lines;
}

const SPACE = 32;
const TAB = 9;
const PIPE = 124;
const DASH = 45;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Characters that can start or end something in micromark's inline parsing with remark-gfm's
 * extensions (or that micromark's input handling changes: NUL), and the backslash, which also
 * escapes a pipe. A cell holding none of them, nor an address (`@`, `www.`, `://`), nor what
 * could be a character reference (`&amp;`, `&#64;`; a lone `&` as in `R&D` is text), is one text
 * node of exactly its source.
 */
const NOT_PLAIN = /[\\`*_~[\]!<>@\0]|&(?:#|[a-z\d]+;)|www\.|:\/\//iu;

/** A row's pipes: their offsets (the first is the row's start). Undefined when not plain. */
function pipesOf(text: string, line: Line): number[] {
  const pipes: number[] = [];
  for (let i = line.start; i < line.end; i++) if (text.charCodeAt(i) === PIPE) pipes.push(i);
  return pipes;
}

/** Start and end of the content between two offsets, spaces and tabs trimmed; undefined if none. */
function content(text: string, from: number, to: number): [number, number] | undefined {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return a < b ? [a, b] : undefined;
}

/**
 * The cells of a row that starts with a pipe, as `resolveTable` makes them: `[start, end,
 * content]`, each from its opening pipe to the next pipe; the last to the row's end, unless text
 * follows the last pipe, which is then a cell of its own.
 */
function cellsOf(
  text: string,
  line: Line,
  pipes: number[],
): [number, number, [number, number] | undefined][] {
  const cells: [number, number, [number, number] | undefined][] = [];
  const last = pipes.length - 1;
  const tail = content(text, (pipes[last] as number) + 1, line.end);
  for (let i = 0; i < last; i++) {
    const start = pipes[i] as number;
    const end = i === last - 1 && !tail ? line.end : (pipes[i + 1] as number);
    cells.push([start, end, content(text, start + 1, pipes[i + 1] as number)]);
  }
  if (tail || last === 0) cells.push([pipes[last] as number, line.end, tail]);
  return cells;
}

/**
 * The delimiter row's alignments, by micromark's `headDelimiter*` states for a row starting at
 * its line's start; undefined when it is not one (no `|` or `:`, an empty or odd cell).
 */
function delimiterRow(text: string, line: Line): AlignType[] | undefined {
  const align: AlignType[] = [];
  let i = line.start;
  const end = line.end;
  let seen = false;
  const at = (k: number) => (k < end ? text.charCodeAt(k) : -1);
  const first = at(i);
  // A `-` before a space, a tab or the line's end starts a list item, which ends the table's head.
  if (first === DASH ? isSpace(at(i + 1)) || i + 1 >= end : first !== PIPE && first !== COLON)
    return undefined;
  for (;;) {
    if (at(i) === PIPE) {
      seen = true;
      i++;
      while (isSpace(at(i))) i++;
      if (i >= end) break;
    }
    let left = false;
    if (at(i) === COLON) {
      left = true;
      seen = true;
      i++;
      if (at(i) !== DASH) return undefined;
    } else if (at(i) !== DASH) return undefined;
    while (at(i) === DASH) i++;
    let right = false;
    if (at(i) === COLON) {
      right = true;
      seen = true;
      i++;
    }
    align.push(left ? (right ? 'center' : 'left') : right ? 'right' : null);
    while (isSpace(at(i))) i++;
    if (i >= end) break;
    if (at(i) !== PIPE) return undefined;
  }
  return seen ? align : undefined;
}

function point(lineNumber: number, line: Line, offset: number) {
  return { line: lineNumber, column: offset - line.start + 1, offset };
}

/**
 * A cell's content in strong emphasis and nothing else, `**A**`, `**A/R**`: what a chart marks
 * its accountable with. Letters or digits on the inside of both `**` make them open and close
 * (left- and right-flanking, whatever comes before and after), and plain text between them one
 * text node.
 */
const STRONG = /^\*\*([\p{L}\p{N}](?:[^*]*[\p{L}\p{N}])?)\*\*$/u;

/**
 * A cell's children from its content between `a` and `b`: one text node, or a strong one around
 * it; undefined when the content is neither (only looked at when the table's text was not plain).
 */
function cellContent(
  text: string,
  line: Line,
  n: number,
  a: number,
  b: number,
  plain: boolean,
): PhrasingContent[] | undefined {
  if (a >= b) return [];
  const value = text.slice(a, b);
  if (plain || !NOT_PLAIN.test(value)) {
    return [{ type: 'text', value, position: { start: point(n, line, a), end: point(n, line, b) } }];
  }
  const inner = STRONG.exec(value)?.[1];
  if (inner === undefined || NOT_PLAIN.test(inner)) return undefined;
  return [
    {
      type: 'strong',
      children: [
        {
          type: 'text',
          value: inner,
          position: { start: point(n, line, a + 2), end: point(n, line, b - 2) },
        },
      ],
      position: { start: point(n, line, a), end: point(n, line, b) },
    },
  ];
}

/**
 * The cells of a row, as {@link cellsOf} finds them (without its arrays), each from `start` to
 * `end`, its content what lies between `from` and `to`, trimmed. Undefined when a cell is not
 * plain text or strong plain text.
 */
function rowNode(text: string, line: Line, n: number, pipes: number[], plain: boolean): TableRow | undefined {
  const children: TableCell[] = [];
  const cell = (start: number, end: number, from: number, to: number): boolean => {
    let a = from;
    let b = to;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    const inside = cellContent(text, line, n, a, b, plain);
    if (!inside) return false;
    children.push({
      type: 'tableCell',
      children: inside,
      position: { start: point(n, line, start), end: point(n, line, end) },
    });
    return true;
  };
  const last = pipes.length - 1;
  const lastPipe = pipes[last] as number;
  const tail = content(text, lastPipe + 1, line.end) !== undefined;
  for (let i = 0; i < last; i++) {
    const start = pipes[i] as number;
    const next = pipes[i + 1] as number;
    if (!cell(start, i === last - 1 && !tail ? line.end : next, start + 1, next)) return undefined;
  }
  if ((tail || last === 0) && !cell(lastPipe, line.end, lastPipe + 1, line.end)) return undefined;
  return {
    type: 'tableRow',
    children,
    position: { start: point(n, line, line.start), end: point(n, line, line.end) },
  };
}

function isBlank(text: string, line: Line): boolean {
  for (let i = line.start; i < line.end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The tables read here, by the offset they start at, and the text with each one swapped. */
export interface PlainTables {
  readonly tables: Map<number, Table>;
  readonly text: string;
}

/**
 * Finds the plain tables of a text: a header row starting with a pipe at a line's start, a
 * delimiter row with as many cells, body rows each starting with a pipe at a line's start, then a
 * blank line or the end. Undefined when there is none.
 */
export function plainTables(text: string): PlainTables | undefined {
  if (!text.includes('|')) return undefined;
  const lines = splitLines(text);
  const tables = new Map<number, Table>();
  const swaps: [number, number, string][] = [];
  const n = lines.length;
  let i = 0;
  while (i < n - 1) {
    const head = lines[i] as Line;
    if (text.charCodeAt(head.start) !== PIPE || head.next === head.end) {
      i++;
      continue;
    }
    // A head row that could be a delimiter row makes the line before it a table's head.
    if (i > 0 && !isBlank(text, lines[i - 1] as Line) && delimiterRow(text, head)) {
      i++;
      continue;
    }
    const delimiter = lines[i + 1] as Line;
    const align = delimiterRow(text, delimiter);
    const headPipes = pipesOf(text, head);
    const headCells = align && cellsOf(text, head, headPipes);
    // micromark wants more than one pipe or letter in the header, and as many cells as delimiters.
    if (
      !align ||
      !headCells ||
      headCells.length !== align.length ||
      (headPipes.length === 1 && !headCells[0]?.[2])
    ) {
      i++;
      continue;
    }
    let j = i + 2;
    while (j < n && text.charCodeAt((lines[j] as Line).start) === PIPE) j++;
    const after = j < n ? (lines[j] as Line) : undefined;
    const last = lines[j - 1] as Line;
    const fits =
      (!after || isBlank(text, after)) && head.end - head.start >= 3 && delimiter.end - delimiter.start >= 3;
    // One test for all cells: the rows hold nothing else but pipes, spaces and tabs, and the
    // delimiter row `|`, `-`, `:` and spaces. Only if it fails are the cells looked at one by one.
    const plain = fits && !NOT_PLAIN.test(text.slice(head.start, last.end));
    const rows: (TableRow | undefined)[] = [];
    if (fits) {
      rows.push(rowNode(text, head, i + 1, headPipes, plain));
      for (let k = i + 2; k < j && rows[rows.length - 1]; k++) {
        rows.push(rowNode(text, lines[k] as Line, k + 1, pipesOf(text, lines[k] as Line), plain));
      }
    }
    if (fits && rows.every((r) => r !== undefined)) {
      tables.set(head.start, {
        type: 'table',
        align,
        children: rows as TableRow[],
        position: { start: point(i + 1, head, head.start), end: point(j, last, last.end) },
      });
      swaps.push([head.start, head.end, '|x|'], [delimiter.start, delimiter.end, '|-|']);
      // Body rows become blank lines: rows of the stand-in would cost micromark's table extension
      // more than the blank lines, which parse in next to no time.
      for (let k = i + 2; k < j; k++) swaps.push([(lines[k] as Line).start, (lines[k] as Line).end, '']);
    }
    i = j;
  }
  if (tables.size === 0) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end, put] of swaps) {
    parts.push(text.slice(at, start), put, ' '.repeat(end - start - put.length));
    at = end;
  }
  parts.push(text.slice(at));
  return { tables, text: parts.join('') };
}

/**
 * Puts the tables read here in place of their stand-ins in a tree parsed from the swapped text.
 * False when a stand-in is not a table at the tree's top level where the table starts: then the
 * text must be parsed as it is.
 */
export function putTables(root: Root, found: PlainTables): boolean {
  let put = 0;
  const children = root.children;
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    if (child?.type !== 'table') continue;
    const offset = child.position?.start.offset;
    const table = offset === undefined ? undefined : found.tables.get(offset);
    if (!table) continue;
    children[k] = table;
    put++;
  }
  return put === found.tables.size;
}
