/**
 * A smaller recording of the same kinds: `--count N` keeps about N of a plan's entries, every
 * category in proportion (at least a few of each, so no category drops out), picked by the seeded
 * random source and kept in plan order. A recording for a new seed stays a few hundred cases.
 *
 * @example const kept = sampleByCategory(plan, 400, new Random(1907), (p) => p.category);
 */
import type { Random } from './random.js';

/** Each category keeps at least this many entries (or all it has). */
const FLOOR = 3;

export function sampleByCategory<T>(plan: readonly T[], count: number | undefined, r: Random, categoryOf: (entry: T) => string): T[] {
  if (count === undefined || count >= plan.length) return [...plan];
  const byCategory = new Map<string, number[]>();
  plan.forEach((entry, i) => {
    const key = categoryOf(entry);
    byCategory.set(key, [...(byCategory.get(key) ?? []), i]);
  });
  const kept = new Set<number>();
  for (const indices of byCategory.values()) {
    const want = Math.min(indices.length, Math.max(FLOOR, Math.round((indices.length * count) / plan.length)));
    const pool = [...indices];
    for (let n = 0; n < want; n++) kept.add(pool.splice(r.int(pool.length), 1)[0] as number);
  }
  return plan.filter((_, i) => kept.has(i));
}
