import type { RootContent, Table } from 'mdast';
import { type BlockPlace, linesLookLikeChart, proseReason, tableLooksLikeChart } from './classify.js';
import { type ReadContext, report } from './context.js';
import type { ParsedDocument } from './document.js';
import { parseMarkdown, positionOf } from './markdown.js';
import { cellText } from './rows.js';
import { legendWithRemarks } from './wordscheme.js';

/**
 * What happens to the blocks the readers did not take: each is recorded (prose, or not read), and
 * one that looks like a chart is a `chart-not-read` error, wherever it is: at the top of a part,
 * inside a block quote or a list item, or in a fenced code block.
 */

/** Whether a table has something written outside its first column (a template has nothing). */
export const tableHasContent = (table: Table): boolean =>
  table.children.slice(1).some((row) => row.children.some((c, i) => i > 0 && cellText(c) !== ''));

const BLOCK_NAMES = { table: 'table', list: 'list', paragraph: 'paragraph', 'html-table': 'HTML table' };

export function notRead(
  ctx: ReadContext,
  block: keyof typeof BLOCK_NAMES,
  look: { seen: string[]; why: string },
  node: RootContent,
): void {
  report(
    ctx,
    'chart-not-read',
    `Unexpected ${BLOCK_NAMES[block]} that looks like a responsibility chart (${look.seen.join('; ')}) but gives no assignments: ${look.why}`,
    positionOf(ctx.file, node),
  );
}

/**
 * Records a table, list or paragraph the readers did not take, and reports it when it looks like
 * a chart (`chart-not-read`): nothing that looks like a chart is kept as prose in silence.
 */
export function classifyUnread(
  doc: ParsedDocument,
  node: RootContent,
  ctx: ReadContext,
  place: () => BlockPlace,
  why?: string,
): void {
  if (node.type !== 'table' && node.type !== 'list' && node.type !== 'paragraph') return;
  // A legend list kept in the text for its remarks is already recorded as a legend.
  if (legendWithRemarks.has(node)) return;
  const seen =
    node.type === 'table' ? tableLooksLikeChart(node, ctx, place()) : linesLookLikeChart(node, ctx, place());
  const look = seen && why ? { ...seen, why } : seen;
  const block = node.type === 'table' && doc.htmlTables.has(node) ? 'html-table' : node.type;
  if (look) {
    notRead(ctx, block, look, node);
    doc.readings.push({
      source: positionOf(ctx.file, node),
      block,
      as: 'not-read',
      reason: look.why,
    });
  } else if (node.type !== 'paragraph') {
    doc.readings.push({
      source: positionOf(ctx.file, node),
      block,
      as: 'prose',
      reason: proseReason(node, ctx),
    });
  }
}

const NESTED = (where: string) =>
  `it is inside ${where}, which is never read as a chart: move it out if it is one`;

/**
 * Whether a code block's text is only table lines, so that parsing it is cheap and safe: every line
 * holds a pipe and none opens a list or a quote (the guards that keep nesting from slowing the
 * parser never saw this text), and it is not longer than the row limit's default.
 */
function tableText(text: string): boolean {
  const lines = text.split('\n');
  if (lines.length > 2000) return false;
  return lines.every((l) => l.trim() === '' || (l.includes('|') && !/^\s*(?:[>*+-]|\d+[.)])/u.test(l)));
}

/** Code blocks that may hold a chart typed as text: no language, or Markdown, or plain text. */
const TEXT_LANGS = new Set(['', 'md', 'markdown', 'text', 'txt', 'plain', 'plaintext']);

/**
 * Tables nested where no reader looks: in list items, block quotes, and fenced code blocks (a
 * chart pasted as text). They are recorded, and reported when they look like a chart.
 */
export function classifyNested(
  doc: ParsedDocument,
  node: RootContent,
  ctx: ReadContext,
  place: () => BlockPlace,
): void {
  if (node.type === 'list') {
    for (const item of node.children)
      for (const inner of item.children)
        if (inner.type === 'table') classifyUnread(doc, inner, ctx, place, NESTED('a list item'));
  } else if (node.type === 'blockquote') {
    for (const inner of node.children)
      if (!doc.legendNodes.has(inner)) classifyUnread(doc, inner, ctx, place, NESTED('a block quote'));
  } else if (
    node.type === 'code' &&
    TEXT_LANGS.has((node.lang ?? '').toLowerCase()) &&
    tableText(node.value)
  ) {
    // Parsed on its own, the code's text shows whether it is a table; the block's own position is
    // where it is reported.
    for (const inner of parseMarkdown(node.value).children) {
      if (inner.type !== 'table') continue;
      const look = tableLooksLikeChart(inner, ctx, place());
      if (!look) continue;
      const why = NESTED('a code block');
      notRead(ctx, 'table', { ...look, why }, node);
      doc.readings.push({ source: positionOf(ctx.file, node), block: 'table', as: 'not-read', reason: why });
      return;
    }
  }
}
