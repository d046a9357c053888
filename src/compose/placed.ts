import type { IrSource } from '../ir/types.js';

/**
 * `{ source }` for an IR node made from something with a place in the content, nothing otherwise
 * (a role or activity built by a library caller may have none): spread into the node.
 */
export const placed = (source: IrSource | undefined): { source?: IrSource } => (source ? { source } : {});
