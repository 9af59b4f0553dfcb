import { describe, expect, it } from 'vitest';
import { RateLimiter } from './ratelimit.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const c = clock();
    const limit = new RateLimiter({ perMinute: 6, burst: 3 }, c.now);
    expect([limit.take('a'), limit.take('a'), limit.take('a')].every((r) => r.ok)).toBe(true);
    expect(limit.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    c.advance(4000);
    expect(limit.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    c.advance(6000);
    expect(limit.take('a').ok).toBe(true);
  });

  it('keeps callers apart', () => {
    const c = clock();
    const limit = new RateLimiter({ perMinute: 1, burst: 1 }, c.now);
    expect(limit.take('alice').ok).toBe(true);
    expect(limit.take('alice').ok).toBe(false);
    expect(limit.take('bob').ok).toBe(true);
  });

  it('refills no further than the burst', () => {
    const c = clock();
    const limit = new RateLimiter({ perMinute: 60, burst: 2 }, c.now);
    c.advance(3_600_000);
    expect(limit.take('a')).toEqual({ ok: true, remaining: 1 });
    expect(limit.take('a')).toEqual({ ok: true, remaining: 0 });
    expect(limit.take('a').ok).toBe(false);
  });

  it('never tells a refused caller to retry in less than a second', () => {
    const c = clock();
    const limit = new RateLimiter({ perMinute: 600_000, burst: 1 }, c.now);
    limit.take('a');
    expect(limit.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('forgets refilled buckets once many keys are tracked', () => {
    const c = clock();
    const limit = new RateLimiter({ perMinute: 60, burst: 5 }, c.now);
    for (let i = 0; i < 10_000; i++) limit.take(`k${i}`);
    c.advance(10_000);
    limit.take('late');
    expect(limit.size).toBeLessThanOrEqual(1);
  });
});
