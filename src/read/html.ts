import { createRequire } from 'node:module';
import type {
  Heading,
  Html,
  Paragraph,
  PhrasingContent,
  RootContent,
  Table,
  TableCell,
  TableRow,
} from 'mdast';
import type * as Parse5 from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { LineIndex } from './markdown.js';

/**
 * Raw HTML tables and headings inside Markdown (`<table>` with `<th>`, `<td colspan>`, entities,
 * `<br>`; `<h2>`, `<h3>`), read through parse5, the WHATWG-compliant HTML parser that jsdom and
 * rehype (hast-util-from-html) are built on: it handles entities, implied tags (`<tr>` without
 * `<tbody>`, unclosed `<td>`) and reports source offsets, with one dependency of its own. Each
 * HTML table becomes an mdast table with the positions of its cells in the file, so the table
 * readers read it as they read a GFM table; each heading becomes an mdast heading.
 */

/**
 * parse5 is loaded only when a source may hold an HTML table or heading: it is a fifth of the code
 * `rolemark check` loads (268 KB, about 85 ms of its start-up), and most charts have no HTML.
 * readSources loads it ahead (`prepareHtml`, an `import()` that every Node version runs); a source
 * read some other way loads it when first needed, through require() of an ES module.
 */
let parse5: typeof Parse5 | undefined;

/** What may be an HTML block with a table or heading (readHtmlBlocks tests each block the same way). */
const MAY_HOLD_HTML = /<(?:table|h[1-6])[\s>]/iu;

/** Loads parse5 if any of these texts may hold an HTML table or heading. */
export async function prepareHtml(texts: Iterable<string>): Promise<void> {
  if (parse5) return;
  for (const text of texts)
    if (MAY_HOLD_HTML.test(text)) {
      parse5 = await import('parse5');
      return;
    }
}

function parser(): typeof Parse5 {
  parse5 ??= createRequire(import.meta.url)('parse5') as typeof Parse5;
  return parse5;
}

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];
type Location = { startOffset: number; endOffset: number };

const isElement = (node: Node): node is Element => 'tagName' in node;
const HEADING = /^h([1-6])$/u;

interface Where {
  lines: LineIndex;
  /** Offset of the HTML in the file. */
  base: number;
}

function position(where: Where, loc: Location | null | undefined) {
  if (!loc) return undefined;
  const start = where.lines.at('', where.base + loc.startOffset);
  const end = where.lines.at('', where.base + loc.endOffset);
  return {
    start: { line: start.line, column: start.column, offset: where.base + loc.startOffset },
    end: { line: end.line, column: end.column, offset: where.base + loc.endOffset },
  };
}

/**
 * Elements nested deeper than this are read as their text, gathered without recursion: HTML can
 * nest thousands of tags in a few kilobytes, and the reader must neither throw nor recurse that
 * deep (nor hand such a tree to code that walks it recursively).
 */
const MAX_DEPTH = 24;

/** The text of nodes, `<br>` as a line break, by an explicit stack whatever the nesting. */
function flatText(nodes: readonly Node[]): string {
  let text = '';
  const stack: Node[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    else if (isElement(node)) {
      if (node.tagName === 'br') text += '\n';
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
    }
  }
  return text;
}

/** Inline content: text, `<br>` as a break between names, bold and emphasis kept. */
function phrasing(nodes: readonly Node[], where: Where, depth = 0): PhrasingContent[] {
  if (depth > MAX_DEPTH) {
    const first = position(where, nodes[0]?.sourceCodeLocation);
    return [{ type: 'text', value: flatText(nodes), ...(first ? { position: first } : {}) }];
  }
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const pos = position(where, node.sourceCodeLocation);
    if (node.nodeName === '#text' && 'value' in node) {
      out.push({ type: 'text', value: node.value, ...(pos ? { position: pos } : {}) });
    } else if (isElement(node)) {
      const tag = node.tagName;
      if (tag === 'br') out.push({ type: 'html', value: '<br>', ...(pos ? { position: pos } : {}) });
      else if (tag === 'b' || tag === 'strong')
        out.push({
          type: 'strong',
          children: phrasing(node.childNodes, where, depth + 1),
          ...(pos ? { position: pos } : {}),
        });
      else if (tag === 'i' || tag === 'em')
        out.push({
          type: 'emphasis',
          children: phrasing(node.childNodes, where, depth + 1),
          ...(pos ? { position: pos } : {}),
        });
      else out.push(...phrasing(node.childNodes, where, depth + 1));
    }
  }
  return out;
}

const spanOf = (cell: Element, name: 'colspan' | 'rowspan'): number => {
  const value = Number.parseInt(cell.attrs.find((a) => a.name === name)?.value ?? '1', 10);
  // Capped so that a few bytes (`colspan="99999"`) cannot make millions of cells: reading stays
  // linear in the size of the file. No chart has 64 columns.
  return Number.isFinite(value) && value > 1 ? Math.min(value, 64) : 1;
};

/** The rows of a table element, in order, not those of tables nested in its cells. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (node: Element) => {
    for (const child of node.childNodes) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot')
        walk(child);
    }
  };
  walk(table);
  return rows;
}

function tableOf(element: Element, where: Where): Table {
  const rows: TableRow[] = [];
  // Columns still covered by a cell of an earlier row (`rowspan`): how many rows remain, and the
  // cell, which each covered row repeats (a role's `A` spanning two activities is on both).
  const covered: ({ left: number; cell: TableCell } | undefined)[] = [];
  for (const tr of rowsOf(element)) {
    const cells: TableCell[] = [];
    const rowPos = position(where, tr.sourceCodeLocation);
    const empty = (): TableCell => ({
      type: 'tableCell',
      children: [],
      ...(rowPos ? { position: rowPos } : {}),
    });
    const fill = () => {
      for (let span = covered[cells.length]; span && span.left > 0; span = covered[cells.length]) {
        span.left--;
        cells.push(structuredClone(span.cell));
      }
    };
    for (const td of tr.childNodes) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      fill();
      const pos = position(where, td.sourceCodeLocation);
      const rowspan = spanOf(td, 'rowspan');
      const colspan = spanOf(td, 'colspan');
      for (let i = 0; i < colspan; i++) {
        const cell: TableCell =
          i === 0
            ? {
                type: 'tableCell',
                children: phrasing(td.childNodes, where),
                ...(pos ? { position: pos } : {}),
              }
            : empty();
        // Capped like colspan: a span past the table's rows changes nothing anyway.
        if (rowspan > 1) covered[cells.length] = { left: rowspan - 1, cell };
        cells.push(cell);
      }
    }
    fill();
    rows.push({ type: 'tableRow', children: cells, ...(rowPos ? { position: rowPos } : {}) });
  }
  const pos = position(where, element.sourceCodeLocation);
  return {
    type: 'table',
    align: (rows[0]?.children ?? []).map(() => null),
    children: rows,
    ...(pos ? { position: pos } : {}),
  };
}

/**
 * The tables and headings of an HTML block, in order, with the text around them as paragraphs so
 * that nothing written is lost; undefined when the block holds neither (it stays HTML).
 */
function blocksOf(html: string, where: Where): RootContent[] | undefined {
  const fragment = parser().parseFragment(html, { sourceCodeLocationInfo: true });
  const out: RootContent[] = [];
  let found = false;
  let loose: PhrasingContent[] = [];
  const flush = () => {
    if (loose.some((n) => n.type !== 'text' || n.value.trim() !== '')) {
      const first = loose[0]?.position;
      const last = loose[loose.length - 1]?.position;
      const para: Paragraph = {
        type: 'paragraph',
        children: loose,
        ...(first && last ? { position: { start: first.start, end: last.end } } : {}),
      };
      out.push(para);
    }
    loose = [];
  };
  const walk = (nodes: readonly Node[], depth: number) => {
    if (depth > MAX_DEPTH) {
      loose.push({ type: 'text', value: flatText(nodes) });
      return;
    }
    for (const node of nodes) {
      if (!isElement(node)) {
        if (node.nodeName === '#text') loose.push(...phrasing([node], where));
        continue;
      }
      const heading = HEADING.exec(node.tagName);
      if (node.tagName === 'table' || heading) {
        flush();
        found = true;
        if (heading) {
          const pos = position(where, node.sourceCodeLocation);
          const h: Heading = {
            type: 'heading',
            depth: Number(heading[1]) as Heading['depth'],
            children: phrasing(node.childNodes, where, depth + 1),
            ...(pos ? { position: pos } : {}),
          };
          out.push(h);
        } else out.push(tableOf(node, where));
      } else if (node.tagName === 'br') loose.push(...phrasing([node], where));
      else if (
        ['p', 'div', 'details', 'summary', 'section', 'li', 'ul', 'ol', 'blockquote'].includes(node.tagName)
      ) {
        flush();
        walk(node.childNodes, depth + 1);
        flush();
      } else walk(node.childNodes, depth + 1);
    }
  };
  walk(fragment.childNodes, 0);
  flush();
  return found ? out : undefined;
}

const opens = (value: string) => (value.match(/<table[\s>]/giu) ?? []).length;
const closes = (value: string) => (value.match(/<\/table\s*>/giu) ?? []).length;

/**
 * Replaces HTML blocks that hold tables or headings by mdast tables and headings. A table written
 * with blank lines inside is several HTML blocks in Markdown: they are joined up to the block that
 * closes it. Returns the nodes, and the tables that came from HTML (for `rolemark explain`).
 */
export function readHtmlBlocks(
  nodes: RootContent[],
  text: string,
  lines: LineIndex,
): { nodes: RootContent[]; tables: Set<Table> } {
  const out: RootContent[] = [];
  const tables = new Set<Table>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as RootContent;
    if (node.type !== 'html' || !MAY_HOLD_HTML.test(node.value)) {
      out.push(node);
      continue;
    }
    let last: Html = node;
    let depth = opens(node.value) - closes(node.value);
    let j = i;
    while (depth > 0 && nodes[j + 1]?.type === 'html') {
      j++;
      last = nodes[j] as Html;
      depth += opens(last.value) - closes(last.value);
    }
    const start = node.position?.start.offset;
    const end = last.position?.end.offset;
    const blocks =
      start === undefined || end === undefined
        ? undefined
        : blocksOf(text.slice(start, end), { lines, base: start });
    if (!blocks) {
      out.push(node);
      continue;
    }
    for (const block of blocks) if (block.type === 'table') tables.add(block);
    out.push(...blocks);
    i = j;
  }
  return { nodes: out, tables };
}
