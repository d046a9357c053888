import { distance } from 'fastest-levenshtein';

/**
 * The one did-you-mean of rolemark: the candidate closest to a mistyped `word` (a flag, a rule id,
 * a configuration key or value, a placeholder, a directive), when it is close enough to be a typo,
 * else undefined. Case does not count. A word of 3 letters or more that starts a candidate
 * (`warn` → `warning`, `acc` → `accountable-missing`) is taken before any other: that is what
 * users type when they half-remember a name.
 *
 * Edit distance is fastest-levenshtein's (maintained, no dependencies, 2 kB, the fastest of the
 * JavaScript Levenshtein packages in its benchmarks); the config, the CLI and the templates used
 * to carry two copies of it and three different thresholds.
 *
 * The threshold: none for one letter (`a` is not `at`), 1 edit under 4 letters (`of` → `off`), else 2, and
 * one more per 4 letters beyond 8 (`titel` → `title` is 2 edits: a swap counts twice).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  if (w === '') return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = w.length >= 3 && c.startsWith(w) ? 0.5 : distance(w, c);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= maxEdits(w.length) ? best : undefined;
}

const maxEdits = (length: number): number =>
  length < 2 ? 0 : length < 4 ? 1 : Math.max(2, Math.floor(length / 4));
