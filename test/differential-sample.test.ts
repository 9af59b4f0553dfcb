/**
 * scripts/differential/sample.ts: `--count` keeps a seeded, ordered subset of a plan in which
 * every category survives in proportion.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../scripts/differential/random.js';
import { sampleByCategory } from '../scripts/differential/sample.js';

const plan = [...Array.from({ length: 900 }, (_, i) => ({ id: i, category: 'big' })), ...Array.from({ length: 90 }, (_, i) => ({ id: 900 + i, category: 'mid' })), ...[990, 991, 992, 993].map((id) => ({ id, category: 'tiny' }))];
const sample = (count: number | undefined, seed = 1907) => sampleByCategory(plan, count, new Random(seed), (p) => p.category);
const count = (entries: { category: string }[], category: string) => entries.filter((e) => e.category === category).length;

describe('sampleByCategory', () => {
  it('keeps everything without a count, or with one at least the plan', () => {
    expect(sample(undefined)).toEqual(plan);
    expect(sample(5000)).toEqual(plan);
  });

  it('keeps each category in proportion, at least three of each, in plan order', () => {
    const kept = sample(100);
    expect(count(kept, 'big')).toBe(91);
    expect(count(kept, 'mid')).toBe(9);
    expect(count(kept, 'tiny')).toBe(3);
    const ids = kept.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(sample(100)).toEqual(sample(100));
    expect(sample(100, 2026)).not.toEqual(sample(100));
  });
});
