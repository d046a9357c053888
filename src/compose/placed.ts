import type { Block, IrSource } from '../ir/types.js';

/**
 * `{ source }` for an IR node made from something with a place in the content, nothing otherwise
 * (a role or activity built by a library caller may have none): spread into the node.
 */
export const placed = (source: IrSource | undefined): { source?: IrSource } => (source ? { source } : {});

/**
 * Blocks made from text written under a role or in a section (its purpose, its fields, the
 * section's Markdown), each placed there when it has no place of its own. The text's own lines
 * are not kept by the reader; the role's or section's heading is the nearest place it has.
 */
export function placedAll(blocks: Block[], source: IrSource | undefined): Block[] {
  if (!source) return blocks;
  return blocks.map((b) =>
    (b.type === 'paragraph' || b.type === 'list' || b.type === 'fields' || b.type === 'heading') && !b.source
      ? { ...b, source }
      : b,
  );
}
