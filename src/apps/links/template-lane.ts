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
 * Work in proportion to the request is not the lane's business: each byte of the visit's path
 * and query allows `perByteMs` of run time (Go accepts 1 MiB targets, and expanding one takes a
 * while), and only the time beyond that allowance counts, to judge a destination heavy and to
 * charge the share. So one 1 MiB visit cannot make the ordinary visits of its link wait, while a
 * template that does much more than its input asks for still pays.
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
  /** Run time (ms) each byte of the request's path and query allows before it counts. */
  perByteMs: number;
  /** The clock (ms); tests pass a fake one. */
  now?: () => number;
}

export const DEFAULT_LANE: Readonly<LaneOptions> = { share: 0.05, heavyMs: 0.2, burstMs: 50, maxWaitMs: 10_000, perByteMs: 0.0005 };

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
  run<T>(key: string, fn: () => T, inputBytes = 0): T | Promise<T> {
    const allowance = inputBytes * this.o.perByteMs;
    const expected = this.heavy.get(key);
    if (expected === undefined) return this.timed(key, fn, 0, allowance);
    this.counts.heavyRuns++;
    const wait = this.reserve(expected);
    if (wait <= 0) return this.timed(key, fn, expected, allowance);
    if (wait > this.o.maxWaitMs) {
      this.refund(expected);
      this.counts.refused++;
      throw new LaneBusyError(`this link's template is expensive and the server is busy with such templates; try again in ${Math.ceil(wait / 1000)} s`);
    }
    this.counts.waited++;
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(this.timed(key, fn, expected, allowance));
        } catch (err) {
          reject(err);
        }
      }, wait);
    });
  }

  /**
   * Runs `fn`, then learns its cost (the time beyond `allowance`) and settles the bucket for what
   * was reserved.
   */
  private timed<T>(key: string, fn: () => T, reserved: number, allowance: number): T {
    const start = this.o.now();
    try {
      return fn();
    } finally {
      const cost = Math.max(0, this.o.now() - start - allowance);
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
