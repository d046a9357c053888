/**
 * The IR's types moved to src/ir/types.ts (issue 17). This re-export keeps imports written on
 * other branches at the same time working after they merge; import from ir/types.ts, and delete
 * this file once nothing does.
 */
export * from '../ir/types.js';
