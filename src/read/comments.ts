import type { Nodes, Paragraph, RootContent, Table } from 'mdast';
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

/**
 * The rows a paragraph of pipes adds to a table: parsed under the table's own header and
 * delimiter lines, then moved to where they are written. Undefined when the paragraph does not
 * read as one row per line.
 */
function continuation(table: Table, para: Paragraph, text: string, lines: LineIndex) {
  const rows = rowLines(text, para, lines);
  const header = table.children[0]?.position;
  const delimiterLine = header ? header.start.line + 1 : undefined;
  if (rows === undefined || !header || header.start.offset === undefined || delimiterLine === undefined)
    return undefined;
  const headStart = header.start.offset - (header.start.column - 1);
  const headEnd = text.indexOf('\n', text.indexOf('\n', headStart) + 1);
  if (headEnd < 0) return undefined;
  const head = text.slice(headStart, headEnd + 1);
  const parsed = parseMarkdown(head + rows).children;
  const only = parsed[0];
  const count = rows.split('\n').length;
  if (parsed.length !== 1 || only?.type !== 'table' || only.children.length !== count + 1) return undefined;
  const added = only.children.slice(1);
  const first = para.position?.start;
  if (!first || first.offset === undefined) return undefined;
  const lineStart = first.offset - (first.column - 1);
  for (const row of added) shift(row, first.line - 3, lineStart - head.length);
  return added;
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
    while (true) {
      let j = i + 1;
      while (isComment(nodes[j])) j++;
      const next = nodes[j];
      if (j === i + 1 || next?.type !== 'paragraph') break;
      const rows = continuation(node, next, text, lines);
      if (!rows) break;
      const comments = joined.get(node) ?? [];
      for (let k = i + 1; k < j; k++) {
        const at = nodes[k]?.position?.start;
        if (at) comments.push({ file, line: at.line, column: at.column });
      }
      joined.set(node, comments);
      node.children.push(...rows);
      if (node.position && next.position) node.position.end = { ...next.position.end };
      i = j;
    }
  }
  return { nodes: out, joined };
}
