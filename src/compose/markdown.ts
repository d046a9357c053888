import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import type { Block, Inline, TextRun } from '../ir/types.js';
import { parseMarkdown } from '../read/markdown.js';

type Style = Omit<TextRun, 'type' | 'text'>;

/** Only these schemes become links; `javascript:` or `file:` URLs stay plain text. */
export function safeUrl(url: string): string | undefined {
  return /^(https?:|mailto:)/iu.test(url.trim()) ? url.trim() : undefined;
}

export function inlines(nodes: readonly PhrasingContent[], style: Style = {}): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push({ type: 'text', text: node.value.replace(/\s*\n\s*/g, ' '), ...style });
        break;
      case 'strong':
        out.push(...inlines(node.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        out.push(...inlines(node.children, { ...style, italic: true }));
        break;
      case 'delete':
        out.push(...inlines(node.children, { ...style, strike: true }));
        break;
      case 'inlineCode':
        out.push({ type: 'text', text: node.value, ...style, code: true });
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'link': {
        const link = safeUrl(node.url);
        out.push(...inlines(node.children, link ? { ...style, link } : style));
        break;
      }
      case 'image':
        // Images are never fetched; their description keeps the meaning.
        if (node.alt) out.push({ type: 'text', text: `[${node.alt}]`, ...style, italic: true });
        break;
      case 'html':
        // Raw HTML is shown as text, never interpreted.
        out.push({ type: 'text', text: node.value, ...style, code: true });
        break;
      default:
        if ('children' in node) out.push(...inlines(node.children as PhrasingContent[], style));
        else if ('value' in node) out.push({ type: 'text', text: String(node.value), ...style });
    }
  }
  return out;
}

/**
 * Lists and quotes nested deeper than this are drawn at this depth: the reader already stops
 * deeper nesting (`limits.depth`), and a hand-built model must not push the writers' indentation
 * off the page, nor recurse without end.
 */
const MAX_NESTING = 24;

/** The content of nested lists and quotes, in order, without them: a loop, not a recursion. */
function flatten(node: Nodes): Nodes[] {
  const flat: Nodes[] = [];
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
    } else {
      flat.push(n);
    }
  }
  return flat;
}

/** mdast → IR blocks. Headings inside become level 3–4: they nest under a document's sections. */
export function blocks(nodes: readonly (RootContent | Nodes)[], depth = 0): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    if ((node.type === 'list' || node.type === 'blockquote') && depth >= MAX_NESTING) {
      out.push(...blocks(flatten(node), depth));
      continue;
    }
    switch (node.type) {
      case 'paragraph':
        out.push({ type: 'paragraph', content: inlines(node.children) });
        break;
      case 'heading':
        out.push({
          type: 'heading',
          level: Math.min(4, Math.max(3, node.depth)) as 3 | 4,
          text: inlines(node.children)
            .map((i) => (i.type === 'text' ? i.text : ' '))
            .join(''),
        });
        break;
      case 'list':
        out.push({
          type: 'list',
          ordered: node.ordered === true,
          ...(node.start != null ? { start: node.start } : {}),
          items: node.children.map((item) => blocks(item.children, depth + 1)),
        });
        break;
      case 'blockquote':
        out.push({ type: 'quote', blocks: blocks(node.children, depth + 1) });
        break;
      case 'code':
        out.push({ type: 'code', text: node.value });
        break;
      case 'html':
        out.push({ type: 'code', text: node.value });
        break;
      case 'thematicBreak':
        out.push({ type: 'rule' });
        break;
      case 'table': {
        const [head, ...rows] = node.children;
        out.push({
          type: 'table',
          header: (head?.children ?? []).map((c) => inlines(c.children)),
          rows: rows.map((r) => r.children.map((c) => inlines(c.children))),
        });
        break;
      }
      case 'definition':
      case 'footnoteDefinition':
      case 'yaml':
        break;
      default:
        if ('children' in node) out.push(...blocks(node.children as RootContent[], depth));
    }
  }
  return out;
}

/** Markdown (a purpose, an intro, a section) → IR blocks. Headings inside become level 3–4. */
export function markdownBlocks(markdown: string): Block[] {
  if (markdown.trim() === '') return [];
  let parsed = parsedBlocks.get(markdown);
  if (!parsed) {
    parsed = blocks(parseMarkdown(markdown).children);
    if (parsedBlocks.size >= MEMO_LIMIT) parsedBlocks.clear();
    parsedBlocks.set(markdown, parsed);
  }
  return parsed;
}

/**
 * The same purpose, field or section is composed into several documents (its team charter, its
 * role charter, a handout…), and parsing Markdown is the costliest part of composing: measured on
 * the benchmark's L organisation, memoising it cut composing its 340 documents from 3.0 s to about 1.2 s.
 * IR blocks are never mutated once composed, so documents can share them.
 */
const parsedBlocks = new Map<string, Block[]>();
const MEMO_LIMIT = 10_000;

/** Markdown of a single line (a field value) → inline runs. */
export function markdownInlines(markdown: string): Inline[] {
  const [first] = markdownBlocks(markdown);
  if (first?.type === 'paragraph') return first.content;
  return [{ type: 'text', text: markdown }];
}

/** The plain text of inline runs. */
export function plainText(content: readonly Inline[]): string {
  return content.map((i) => (i.type === 'text' ? i.text : '\n')).join('');
}
