import { RolemarkError } from '../errors.js';

/** One part of a build split over several runners: part `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** `"2/4"` → `{ index: 2, count: 4 }`; a clear error for anything else. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/u.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new RolemarkError(
      `Invalid shard \`${text}\`: expected i/n with 1 ≤ i ≤ n, such as 1/4 for the first of four parts`,
    );
  }
  return { index, count };
}

/**
 * The items of one shard. Items belong to units (a document and all its formats stay together);
 * units are dealt out in turn, in their order of first appearance, so every unit lands in exactly
 * one shard, the shards differ in size by at most one unit, and the split depends only on the list.
 */
export function selectShard<T>(items: readonly T[], unitOf: (item: T) => string, shard: Shard): T[] {
  const units = new Map<string, number>();
  for (const item of items) {
    const unit = unitOf(item);
    if (!units.has(unit)) units.set(unit, units.size);
  }
  return items.filter((item) => ((units.get(unitOf(item)) as number) % shard.count) + 1 === shard.index);
}
