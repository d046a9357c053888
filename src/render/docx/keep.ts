import type { Block } from '../../ir/types.js';

/**
 * Where a DOCX page may not break, as Word's "keep with next" (`w:keepNext`) on the last paragraph
 * of a block. Headings keep with what follows by their style; this adds what only the order of
 * blocks tells:
 * - the line before a list or a block of fields ("Approves the work others do on:") stays with it;
 * - a short section (a role's aliases, purpose and "Reports to") is kept whole, so that its last
 *   line never sits alone at the top of the next page under another section's page.
 * Word and LibreOffice give up a chain of keeps that is longer than a page, so a long section
 * still breaks; a short one moves to the next page whole, heading first.
 */
export function keepWithNext(blocks: readonly Block[]): Set<Block> {
  const keep = new Set<Block>();
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.type === 'paragraph' && (next?.type === 'list' || next?.type === 'fields')) keep.add(block);
  });
  let start = 0;
  for (let i = 0; i <= blocks.length; i++) {
    const block = blocks[i];
    if (block !== undefined && block.type !== 'heading') continue;
    const body = blocks.slice(start, i);
    if (body.length > 1 && body.every(short) && lines(body, SHORT_SECTION_LINES) <= SHORT_SECTION_LINES)
      for (const b of body.slice(0, -1)) keep.add(b);
    start = i + 1;
  }
  return keep;
}

/**
 * A section of at most this many lines is kept on one page: a role's aliases, a purpose of a few
 * sentences and its fields. Longer sections break where Word's widow control lets them.
 */
const SHORT_SECTION_LINES = 10;
/** Characters of body text on a line of the A4 portrait text width, as an estimate. */
const LINE_CHARS = 90;

const short = (b: Block) => b.type === 'paragraph' || b.type === 'fields' || b.type === 'list';

/** The lines of the blocks, counted until they pass `most` (then a number above it). */
function lines(blocks: readonly Block[], most: number): number {
  let n = 0;
  const count = (text: string) => Math.max(1, Math.ceil(text.length / LINE_CHARS));
  const plain = (content: readonly { type: string; text?: string }[]) =>
    content.map((c) => c.text ?? ' ').join('');
  for (const b of blocks) {
    if (b.type === 'paragraph') n += count(plain(b.content));
    else if (b.type === 'fields') for (const f of b.items) n += count(`${f.label}: ${plain(f.value)}`);
    else if (b.type === 'list') n += lines(b.items.flat(), most - n);
    else n += 1;
    if (n > most) return n;
  }
  return n;
}

/**
 * The items of a list that keep with the next item: the first (a list never starts with one item
 * at a page's foot) and the one before the last (nor ends with one at the next page's top); all
 * of them when the whole list keeps with what follows.
 */
export function keptItems(count: number, whole: boolean): Set<number> {
  if (whole) return new Set(Array.from({ length: count }, (_, i) => i));
  if (count < 2) return new Set();
  return new Set([0, count - 2]);
}
