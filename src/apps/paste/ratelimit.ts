/**
 * Per-caller creation rate limit: a token bucket per key (the caller's login or tagged node),
 * refilled continuously at `perMinute`, holding at most `burst`. Memory stays bounded: buckets
 * that have refilled completely carry no information and are dropped when the table grows.
 *
 * Written here because the npm rate limiters are Express/Redis middleware; the bucket is a few
 * lines and takes an injectable clock, which the tests need.
 *
 * @example
 *   const limit = new RateLimiter({ perMinute: 60, burst: 10 });
 *   const r = limit.take('alice@example.com');
 *   if (!r.ok) return c.text('slow down', 429, { 'Retry-After': String(r.retryAfterSeconds) });
 */

export interface RateLimit {
  /** Sustained rate: tokens added per minute. */
  perMinute: number;
  /** Bucket size: how many may be spent at once. */
  burst: number;
}

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Above this many tracked keys, full buckets are swept out. */
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one token for `key` if there is one. */
  take(key: string): TakeResult {
    const now = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    b.tokens = Math.min(this.limit.burst, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > SWEEP_AT) this.sweep(now);
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    this.buckets.set(key, b);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    const perMs = this.limit.perMinute / 60_000;
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * perMs >= this.limit.burst) this.buckets.delete(k);
    }
  }
}
