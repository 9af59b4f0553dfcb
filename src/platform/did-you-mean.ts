/**
 * "did you mean …?" for a misspelt name: the closest of the known names by edit distance
 * (optimal string alignment: insertions, deletions, substitutions and swapped neighbours, each
 * costing 1), compared without case so `devport` finds `devPort`. A name further than a third of
 * its length (at least 1, at most 3) from every known name gets no suggestion: a guess that far
 * off misleads more than it helps.
 *
 * @example
 *   didYouMean('readOnly', ['readonly', 'hostname']) // 'readonly'
 *   didYouMean('colour', ['mode', 'dataDir'])        // undefined
 */

/**
 * The edit distance between `a` and `b` (optimal string alignment, the restricted
 * Damerau-Levenshtein distance), or `max + 1` as soon as it is known to be above `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows suffice: the swap step looks two rows back.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** The known name closest to `name`, if one is close enough (see the module comment). */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance && d <= limit && candidate !== name) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
