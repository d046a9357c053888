import type { Nodes, Root, RootContent, TableCell } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { SourcePosition } from '../model/types.js';

// One processor for the whole process: building it is the expensive part.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parses Markdown (GFM tables, YAML frontmatter) into mdast. Never throws on any string. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** The plain text of a node, without formatting marks (`**A**` → `A`). */
export function nodeText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html' ? '' : node.value;
  }
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(nodeText).join('');
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  return '';
}

/** The exact Markdown source of a run of sibling nodes, formatting kept. */
export function sourceOf(text: string, nodes: readonly RootContent[]): string {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return text.slice(start, end).trim();
}

/** The position of a node in a file, or of the file's start when the node has none. */
export function positionOf(file: string, node: Nodes | undefined): SourcePosition {
  const p = node?.position;
  if (!p) return { file, line: 1, column: 1 };
  return { file, line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/**
 * A key for comparing names: Unicode-normalised, case-folded, with surrounding spaces and
 * punctuation (`Head of Maint.`) and repeated spaces ignored.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** A table cell's position: its content when it has any (mdast's cell starts at the pipe). */
export function cellPosition(file: string, cell: TableCell): SourcePosition {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  if (!first?.position || !last?.position) return positionOf(file, cell);
  return {
    file,
    line: first.position.start.line,
    column: first.position.start.column,
    endLine: last.position.end.line,
    endColumn: last.position.end.column,
  };
}
