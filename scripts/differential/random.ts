/**
 * A seeded random source (mulberry32), so a recording can be generated again byte for byte from
 * its seed.
 *
 * @example
 *   const r = new Random(19);
 *   r.pick(['a', 'b']); r.int(10); r.chance(0.25);
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Up to `n` picks joined by `sep`. */
  some(items: readonly string[], n: number, sep: string): string {
    return Array.from({ length: this.between(1, n) }, () => this.pick(items)).join(sep);
  }
}
