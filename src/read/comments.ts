import type { Nodes, Paragraph, RootContent, Table, TableRow } from 'mdast';
import type { SourcePosition } from '../model/types.js';
import type { LineIndex } from './markdown.js';
import { parseMarkdown } from './markdown.js';

/**
 * An HTML comment on its own line between the rows of a table (`<!-- TODO -->`) ends the table in
 * GFM: the comment is an HTML block, and the rows after it become a paragraph of pipes. People
 * write such comments to leave notes in a chart, and the rows after them must not vanish: this
 * joins them back to the table they continue, with their own positions.
 */

const COMMENT = /^\s*<!--[\s\S]*-->\s*$/u;

const isComment = (node: RootContent | undefined): boolean =>
  node?.type === 'html' && COMMENT.test(node.value);

/** Every line of the paragraph's source is a table row (`| Two | R | A |`, or `Two | R | A`). */
function rowLines(text: string, para: Paragraph, lines: LineIndex): string | undefined {
  const start = para.position?.start;
  const end = para.position?.end.offset;
  if (!start || start.offset === undefined || end === undefined) return undefined;
  // From the start of its first line, so that columns stay those of the file.
  const lineStart = start.offset - (start.column - 1);
  if (lines.at('', lineStart).column !== 1) return undefined;
  const source = text.slice(lineStart, end);
  if (!source.split('\n').every((l) => l.includes('|'))) return undefined;
  return source;
}

/** Moves every position of a node tree by a number of lines and an offset. */
function shift(node: Nodes, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start = { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset };
    p.end = { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset };
  }
  if ('children' in node) for (const child of node.children as Nodes[]) shift(child, lines, offset);
}

interface Piece {
  para: Paragraph;
  /** The paragraph's source from the start of its first line. */
  rows: string;
  lineStart: number;
}

/** A paragraph of pipes after comments, as rows to parse; undefined when it is something else. */
function pieceOf(para: Paragraph, text: string, lines: LineIndex): Piece | undefined {
  const rows = rowLines(text, para, lines);
  const first = para.position?.start;
  if (rows === undefined || !first || first.offset === undefined) return undefined;
  return { para, rows, lineStart: first.offset - (first.column - 1) };
}

/**
 * The rows the pieces add to a table: all parsed at once under the table's own header and
 * delimiter lines (one parse however many comments: a parse costs more than its rows), then each
 * row moved to where it is written. Undefined when they do not read as one row per line.
 */
function continuation(table: Table, pieces: readonly Piece[], text: string): TableRow[][] | undefined {
  const header = table.children[0]?.position;
  if (!header || header.start.offset === undefined) return undefined;
  const headStart = header.start.offset - (header.start.column - 1);
  const headEnd = text.indexOf('\n', text.indexOf('\n', headStart) + 1);
  if (headEnd < 0) return undefined;
  const head = text.slice(headStart, headEnd + 1);
  const parsed = parseMarkdown(head + pieces.map((p) => p.rows).join('\n')).children;
  const only = parsed[0];
  const counts = pieces.map((p) => p.rows.split('\n').length);
  const total = counts.reduce((a, b) => a + b, 0);
  if (parsed.length !== 1 || only?.type !== 'table' || only.children.length !== total + 1) return undefined;
  const out: TableRow[][] = [];
  let next = 1;
  let synthetic = head.length;
  let line = 3;
  pieces.forEach((piece, i) => {
    const rows = only.children.slice(next, next + (counts[i] as number));
    const first = piece.para.position?.start.line ?? line;
    for (const row of rows) shift(row, first - line, piece.lineStart - synthetic);
    out.push(rows);
    next += counts[i] as number;
    line += counts[i] as number;
    synthetic += piece.rows.length + 1;
  });
  return out;
}

/**
 * Joins tables split by comment lines, in place of the nodes that split them. Returns the nodes
 * and, for each joined table, where each comment that split it is (for `rolemark explain`).
 */
export function joinCommentedTables(
  nodes: RootContent[],
  text: string,
  lines: LineIndex,
  file: string,
): { nodes: RootContent[]; joined: Map<Table, SourcePosition[]> } {
  const out: RootContent[] = [];
  const joined = new Map<Table, SourcePosition[]>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as RootContent;
    out.push(node);
    if (node.type !== 'table') continue;
    // Comments, then rows, as many times as the author wrote them.
    const pieces: Piece[] = [];
    const comments: SourcePosition[] = [];
    let end = i;
    while (true) {
      let j = end + 1;
      while (isComment(nodes[j])) j++;
      const next = nodes[j];
      if (j === end + 1 || next?.type !== 'paragraph') break;
      const piece = pieceOf(next, text, lines);
      if (!piece) break;
      for (let k = end + 1; k < j; k++) {
        const at = nodes[k]?.position?.start;
        if (at) comments.push({ file, line: at.line, column: at.column });
      }
      pieces.push(piece);
      end = j;
    }
    let rows = pieces.length > 0 ? continuation(node, pieces, text) : undefined;
    if (!rows) {
      // One of them is not rows: join those before it, one by one.
      rows = [];
      for (const piece of pieces) {
        const one = continuation(node, [piece], text);
        if (!one) break;
        rows.push(...one);
      }
      pieces.length = rows.length;
      if (rows.length === 0) continue;
      end = nodes.indexOf(pieces[pieces.length - 1]?.para as RootContent, i);
      comments.splice(
        0,
        comments.length,
        ...comments.filter((c) => c.line < (pieces[pieces.length - 1]?.para.position?.start.line ?? 0)),
      );
    }
    for (const added of rows) node.children.push(...added);
    const last = pieces[pieces.length - 1]?.para.position;
    if (node.position && last) node.position.end = { ...last.end };
    joined.set(node, comments);
    i = end;
  }
  return { nodes: out, joined };
}
