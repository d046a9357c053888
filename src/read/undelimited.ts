import type { Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { Point } from 'unist';
import type { Finding } from '../model/types.js';
import { finding } from './findings.js';
import { parseMarkdown } from './markdown.js';

/**
 * Tables written without their delimiter row:
 *
 *     | Task | PM | SRE |
 *     | Release decision | A | C |
 *
 * Markdown shows these lines as a paragraph of text, so a chart written so was lost in silence.
 * Lines that all start and end with `|` and have the same number of cells are read as the table
 * they were meant to be (the first line its header), with an `ambiguous-reading` warning that
 * says the delimiter row is missing. Positions stay those of the file.
 */

// Past this many lines the paragraph is left as it is (the row limit's default).
const MAX_LINES = 2000;

/** Cells of a `| a | b |` line: the number of unescaped pipes, minus one. */
function cellCount(line: string): number {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|') || t.length < 3) return -1;
  let pipes = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '|') pipes++;
  }
  return pipes - 1;
}

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/u;

/** The table a paragraph of pipe lines was meant to be, positioned in the file; undefined otherwise. */
function tableOf(node: Paragraph, text: string): Table | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  const source = text.slice(start.offset, end.offset);
  const lines = source.split('\n');
  if (lines.length < 2 || lines.length > MAX_LINES) return undefined;
  const width = cellCount(lines[0] as string);
  if (width < 2 || lines.some((l) => cellCount(l) !== width) || DELIMITER.test(lines[1] as string))
    return undefined;
  const delimiter = `|${' --- |'.repeat(width)}`;
  const synthetic = [lines[0], delimiter, ...lines.slice(1)].join('\n');
  const parsed = parseMarkdown(synthetic).children;
  const table = parsed[0];
  if (parsed.length !== 1 || table?.type !== 'table' || table.children.length !== lines.length)
    return undefined;
  const shift = delimiter.length + 1;
  const base = start.offset;
  const move = (p: Point): Point => {
    if (p.line === 1)
      return {
        line: start.line,
        column: start.column + p.column - 1,
        offset: base + (p.offset ?? 0),
      };
    const line = p.line === 2 ? 1 : p.line - 1;
    return {
      line: start.line + line - 1,
      column: p.line === 2 ? start.column : p.column,
      offset: base + Math.max(0, (p.offset ?? 0) - shift),
    };
  };
  const walk = (n: Nodes) => {
    if (n.position) n.position = { start: move(n.position.start), end: move(n.position.end) };
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(table);
  return table;
}

/** Replaces paragraphs of pipe lines by the tables they were meant to be, and says so. */
export function readUndelimitedTables(
  nodes: readonly RootContent[],
  text: string,
  file: string,
  diagnostics: Finding[],
): RootContent[] {
  return nodes.map((node) => {
    if (node.type !== 'paragraph') return node;
    const table = tableOf(node, text);
    if (!table) return node;
    const at = table.position?.start ?? { line: 1, column: 1 };
    diagnostics.push(
      finding(
        'ambiguous-reading',
        'Unexpected table without its delimiter row: read as a table whose first line is the header; add `| --- | --- |` under it, or Markdown shows these lines as plain text',
        { file, line: at.line, column: at.column },
      ),
    );
    return table;
  });
}
