import { nameKey } from '../read/markdown.js';

/** A key for matching activity and role names: case, spacing and end punctuation ignored. */
export const matchKey = (name: string): string => nameKey(name);

function bigrams(text: string): Map<string, number> {
  const s = ` ${matchKey(text)} `;
  const grams = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * How alike two names are, from 0 to 1: the Sørensen–Dice coefficient of their character pairs.
 * `Prioritise backlog` / `Prioritize the backlog` ≈ 0.8; unrelated names ≈ 0.1.
 */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let common = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    common += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 1 : (2 * common) / total;
}

/**
 * Pairs items of `left` with items of `right`, best score first. `score` returns null for pairs
 * that are not candidates at all. A pair is taken only when it is unambiguous: neither item has
 * another free candidate with the same score. Ambiguous items stay unpaired, because a wrong
 * "renamed" is worse than an honest "removed" and "added".
 */
export function pairUnique<L, R>(
  left: readonly L[],
  right: readonly R[],
  score: (l: L, r: R) => number | null,
): [L, R][] {
  const candidates: { l: number; r: number; s: number }[] = [];
  left.forEach((l, i) => {
    right.forEach((r, j) => {
      const s = score(l, r);
      if (s !== null) candidates.push({ l: i, r: j, s });
    });
  });
  candidates.sort((a, b) => b.s - a.s || a.l - b.l || a.r - b.r);
  const takenL = new Set<number>();
  const takenR = new Set<number>();
  const pairs: [L, R][] = [];
  for (const c of candidates) {
    if (takenL.has(c.l) || takenR.has(c.r)) continue;
    const tie = candidates.some(
      (o) =>
        o !== c && o.s === c.s && ((o.l === c.l && !takenR.has(o.r)) || (o.r === c.r && !takenL.has(o.l))),
    );
    if (tie) continue;
    takenL.add(c.l);
    takenR.add(c.r);
    pairs.push([left[c.l] as L, right[c.r] as R]);
  }
  return pairs;
}
