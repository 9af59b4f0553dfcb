/**
 * Per-caller rate limits (paste creations, identity-provider client registrations): a token
 * bucket per key (the caller's login or tagged node), refilled continuously at `perMinute`,
 * holding at most `burst`. Memory stays bounded: buckets that have refilled completely carry no
 * information and are dropped when the table grows. `rateLimitSchema` is the config shape apps
 * use for one (`{perMinute, burst}`).
 *
 * Written here because the npm rate limiters are Express/Redis middleware; the bucket is a few
 * lines and takes an injectable clock, which the tests need.
 *
 * @example
 *   const limit = new RateLimiter({ perMinute: 60, burst: 10 });
 *   const r = limit.take('alice@example.com');
 *   if (!r.ok) return c.text('slow down', 429, { 'Retry-After': String(r.retryAfterSeconds) });
 */
import { z } from 'zod';

export interface RateLimit {
  /** Sustained rate: tokens added per minute. */
  perMinute: number;
  /** Bucket size: how many may be spent at once. */
  burst: number;
}

/** The config section of a rate limit, with the app's defaults. */
export function rateLimitSchema(defaults: RateLimit) {
  return z
    .object({
      perMinute: z.number().positive().default(defaults.perMinute),
      burst: z.number().int().positive().default(defaults.burst),
    })
    .strict()
    .default(defaults);
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
