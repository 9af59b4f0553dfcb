/**
 * A fair-share lane for expensive link templates: any caller can save a destination template,
 * and even one that stays inside every budget (steps, bytes, deadline) can burn milliseconds of
 * CPU per visit. Visited in a loop, it would take the one event loop from every app of the
 * process. The lane caps what such templates get, as a share of wall-clock time.
 *
 * Every template run is timed. A destination whose last run took longer than `heavyMs` is heavy:
 * its next run first takes its expected cost from a token bucket that refills at `share`
 * milliseconds per millisecond (5% by default) and holds at most `burstMs`. When the bucket is
 * short, the run waits (asynchronously, first come first served) until it is not; after the run,
 * the bucket is corrected by what the run really cost. Light destinations never wait, and the
 * common case (a plain link, or a light template) pays one clock read and one Map lookup.
 * A heavy visit that would wait longer than `maxWaitMs` is refused (the caller answers 503).
 *
 * @example
 *   const lane = new TemplateLane();
 *   const location = await lane.run(link.long, () => expander.location(link.long, env));
 */

export interface LaneOptions {
  /** Share of wall-clock time heavy templates may use together (0–1). */
  share: number;
  /** A run longer than this (ms) makes its destination heavy. */
  heavyMs: number;
  /** Most CPU time (ms) heavy templates may use in a burst after a quiet spell. */
  burstMs: number;
  /** A heavy visit that would wait longer than this (ms) is refused. */
  maxWaitMs: number;
  /** The clock (ms); tests pass a fake one. */
  now?: () => number;
}

export const DEFAULT_LANE: Readonly<LaneOptions> = { share: 0.05, heavyMs: 0.2, burstMs: 50, maxWaitMs: 10_000 };

/** The lane is too far behind to run this visit soon (answer 503 and retry later). */
export class LaneBusyError extends Error {
  override name = 'LaneBusyError';
}

/** Bound on remembered destinations; beyond it the memory of costs starts over. */
const MAX_KNOWN = 10_000;

export class TemplateLane {
  private readonly o: Required<LaneOptions>;
  /** Last measured cost (ms) of each heavy destination. */
  private readonly heavy = new Map<string, number>();
  /** Tokens (ms of CPU) at `stamp`; negative while heavy runs are committed ahead of time. */
  private tokens: number;
  private stamp: number;
  /** Heavy runs that were admitted and ran, and those that had to wait (for tests and metrics). */
  readonly counts = { heavyRuns: 0, waited: 0, refused: 0 };

  constructor(opts: Partial<LaneOptions> = {}) {
    this.o = { ...DEFAULT_LANE, now: () => performance.now(), ...opts };
    this.tokens = this.o.burstMs;
    this.stamp = this.o.now();
  }

  /**
   * Runs `fn` (the template expansion of destination `key`), waiting first if `key` is heavy and
   * the heavy share is used up. Returns synchronously when it did not wait.
   */
  run<T>(key: string, fn: () => T): T | Promise<T> {
    const expected = this.heavy.get(key);
    if (expected === undefined) return this.timed(key, fn, 0);
    this.counts.heavyRuns++;
    const wait = this.reserve(expected);
    if (wait <= 0) return this.timed(key, fn, expected);
    if (wait > this.o.maxWaitMs) {
      this.refund(expected);
      this.counts.refused++;
      throw new LaneBusyError(`this link's template is expensive and the server is busy with such templates; try again in ${Math.ceil(wait / 1000)} s`);
    }
    this.counts.waited++;
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(this.timed(key, fn, expected));
        } catch (err) {
          reject(err);
        }
      }, wait);
    });
  }

  /** Runs `fn`, then learns its cost and settles the bucket for what was reserved. */
  private timed<T>(key: string, fn: () => T, reserved: number): T {
    const start = this.o.now();
    try {
      return fn();
    } finally {
      const cost = this.o.now() - start;
      if (reserved > 0) this.refund(reserved - cost);
      if (cost > this.o.heavyMs) {
        if (reserved === 0) this.refund(-cost); // an unknown destination's first run counts too
        if (this.heavy.size >= MAX_KNOWN) this.heavy.clear();
        this.heavy.set(key, cost);
      } else if (reserved > 0) {
        this.heavy.delete(key);
      }
    }
  }

  /** Takes `cost` tokens now; returns how long (ms) until the bucket has covered them. */
  private reserve(cost: number): number {
    this.refill();
    this.tokens -= cost;
    return this.tokens >= 0 ? 0 : -this.tokens / this.o.share;
  }

  private refund(amount: number): void {
    this.refill();
    this.tokens = Math.min(this.o.burstMs, this.tokens + amount);
  }

  private refill(): void {
    const now = this.o.now();
    this.tokens = Math.min(this.o.burstMs, this.tokens + (now - this.stamp) * this.o.share);
    this.stamp = now;
  }
}
