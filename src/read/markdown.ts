import type { Nodes, Root, RootContent, TableCell } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';
import type { SourcePosition } from '../model/types.js';
import { plainTables, putTables } from './fast-tables.js';
import { trimWhere } from './text.js';

/**
 * GFM as remark-gfm reads it (its extensions, in its order) less literal autolinks (`www.x.org`,
 * `https://x.org`, `a@b.org` without `<>`): those try every letter of the text as the start of an
 * address, and then walk the whole tree for addresses in the text, about a quarter of parsing a
 * chart in a short-lived `rolemark check` (docs/performance.md, round four).
 */
function gfmWithoutAutolinkLiterals(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [
    ...(data.micromarkExtensions ?? []),
    gfmFootnote(),
    gfmStrikethrough(),
    gfmTable(),
    gfmTaskListItem(),
  ];
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    [
      gfmFootnoteFromMarkdown(),
      gfmStrikethroughFromMarkdown(),
      gfmTableFromMarkdown(),
      gfmTaskListItemFromMarkdown(),
    ],
  ];
}

// One processor of each for the whole process: building one is the expensive part.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const withoutAutolinks = unified()
  .use(remarkParse)
  .use(gfmWithoutAutolinkLiterals)
  .use(remarkFrontmatter, ['yaml']);

/**
 * Text with no literal autolink in it: every one has an `@` (e-mail, `mailto:`, `xmpp:`),
 * `www.` or `://` (`http://`, `https://`), in any case; a character reference (`&#64;`) can
 * make one in the text, so `&` counts too.
 */
const MAYBE_AUTOLINK = /[@&]|www\.|:\/\//iu;

/**
 * Parses Markdown (GFM tables, YAML frontmatter) into mdast. Never throws on any string. Text
 * that cannot have a literal autolink is parsed without looking for them: the same tree
 * (test/markdown-autolinks.test.ts), sooner.
 */
export function parseMarkdown(text: string): Root {
  const parser = MAYBE_AUTOLINK.test(text) ? processor : withoutAutolinks;
  const found = plainTables(text);
  if (found) {
    const root = parser.parse(found.text);
    if (putTables(root, found)) return root;
  }
  return parser.parse(text);
}

/** {@link parseMarkdown} without the faster way through plain tables (`fast-tables.ts`), to compare with. */
export function parseMarkdownSlowly(text: string): Root {
  return (MAYBE_AUTOLINK.test(text) ? processor : withoutAutolinks).parse(text);
}

/**
 * Inline HTML that formats text, anchors it or decorates it (`<b>`, `<a id>`, an icon's `<img>`),
 * and comments: dropped from names, their text kept, so `### <a id="pm"></a>Product Manager` is
 * Product Manager. Other tags (`<script>`, `<iframe>`, `<style>`) stay, as text.
 */
const FORMATTING_HTML =
  /^(?:<\/?(?:a|abbr|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|img|ins|kbd|mark|nobr|q|s|samp|small|span|strong|sub|sup|time|tt|u|var|wbr)(?:\s[^>]*)?\/?>|<!--[\s\S]*-->)$/iu;

/**
 * The plain text of a node, without formatting marks (`**A**` → `A`). A `<br>` is a line break,
 * so that `PM<br>Dev` in a cell is two names; formatting tags (`<b>`, `<span>`, `<a id>`) and
 * comments are dropped. Other HTML (`<script>`, `<iframe>`) is kept as the text it is: rolemark
 * never interprets HTML, and a name shows what was written.
 */
export function nodeText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    if (node.type !== 'html') return node.value;
    const html = node.value.trim();
    if (/^<br\s*\/?>$/iu.test(html)) return '\n';
    return FORMATTING_HTML.test(html) ? '' : node.value;
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
  return trimWhere(name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '), /[\s\p{P}]/u);
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

/** Turns offsets in a text into 1-based line and column, in O(log lines). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(file: string, offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}

/**
 * Finds where parts of a node's text are written in the source, left to right, so that a name in
 * `**PM**, Dev` points at `PM`, and a second `PM` in the same cell at the second one. A part that
 * cannot be found (escaped characters) points at the node's start.
 */
export class Locator {
  private cursor = 0;
  private readonly start: number | undefined;
  private readonly source: string;

  constructor(
    private readonly file: string,
    text: string,
    private readonly lines: LineIndex,
    node: Nodes | undefined,
    private readonly fallback: SourcePosition = positionOf(file, node),
  ) {
    this.start = node?.position?.start.offset;
    const end = node?.position?.end.offset;
    this.source = this.start !== undefined && end !== undefined ? text.slice(this.start, end) : '';
  }

  find(part: string): SourcePosition {
    const found = part === '' ? -1 : this.source.indexOf(part, this.cursor);
    if (found < 0 || this.start === undefined) return this.fallback;
    this.cursor = found + part.length;
    const start = this.lines.at(this.file, this.start + found);
    const end = this.lines.at(this.file, this.start + found + part.length);
    return { ...start, endLine: end.line, endColumn: end.column };
  }
}
