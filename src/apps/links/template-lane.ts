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
 * Visits with a large request (over `largeInput` bytes of path and query; Go accepts 1 MiB) take
 * time in proportion, which is not the template's fault: each request byte allows `perByteMs`,
 * and only the time beyond that counts. They have a bucket of their own (the same share), learn
 * their cost per byte, and never make a destination heavy, so one 1 MiB visit can neither make
 * the ordinary visits of its link wait nor spend the share of the other heavy templates.
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
  /** Request bytes (path and query) from which a visit counts as large. */
  largeInput: number;
  /** Run time (ms) each byte of a large request allows before it counts. */
  perByteMs: number;
  /** The clock (ms); tests pass a fake one. */
  now?: () => number;
}

export const DEFAULT_LANE: Readonly<LaneOptions> = { share: 0.05, heavyMs: 0.2, burstMs: 50, maxWaitMs: 10_000, largeInput: 16 * 1024, perByteMs: 0.001 };

/** The lane is too far behind to run this visit soon (answer 503 and retry later). */
export class LaneBusyError extends Error {
  override name = 'LaneBusyError';
}

/** Bound on remembered destinations; beyond it the memory of costs starts over. */
const MAX_KNOWN = 10_000;

/** A token bucket of CPU milliseconds that refills at `share` per millisecond, up to `burstMs`. */
class ShareBucket {
  /** Tokens at `stamp`; negative while runs are committed ahead of time. */
  private tokens: number;
  private stamp: number;

  constructor(private readonly o: Required<LaneOptions>) {
    this.tokens = o.burstMs;
    this.stamp = o.now();
  }

  /** Takes `cost` tokens now; returns how long (ms) until the bucket has covered them. */
  reserve(cost: number): number {
    this.refill();
    this.tokens -= cost;
    return this.tokens >= 0 ? 0 : -this.tokens / this.o.share;
  }

  refund(amount: number): void {
    this.refill();
    this.tokens = Math.min(this.o.burstMs, this.tokens + amount);
  }

  private refill(): void {
    const now = this.o.now();
    this.tokens = Math.min(this.o.burstMs, this.tokens + (now - this.stamp) * this.o.share);
    this.stamp = now;
  }
}

/** What one run is judged by: its bucket, what it reserved, and the time it is allowed for free. */
interface Run {
  bucket: ShareBucket;
  reserved: number;
  allowance: number;
  /** After the run: remembers (or forgets) what the destination costs, from `cost` beyond the allowance. */
  learn: (cost: number) => void;
}

export class TemplateLane {
  private readonly o: Required<LaneOptions>;
  /** Last measured cost (ms) of each heavy destination. */
  private readonly heavy = new Map<string, number>();
  /** Per destination, the cost (ms) per request byte of its last large visit, beyond the allowance. */
  private readonly perByte = new Map<string, number>();
  private readonly ordinary: ShareBucket;
  private readonly large: ShareBucket;
  /** Heavy runs that were admitted and ran, and those that had to wait (for tests and metrics). */
  readonly counts = { heavyRuns: 0, waited: 0, refused: 0 };

  constructor(opts: Partial<LaneOptions> = {}) {
    this.o = { ...DEFAULT_LANE, now: () => performance.now(), ...opts };
    this.ordinary = new ShareBucket(this.o);
    this.large = new ShareBucket(this.o);
  }

  /**
   * Runs `fn` (the template expansion of destination `key` for a request of `inputBytes` of path
   * and query), waiting first if `key` is heavy and the heavy share is used up. Returns
   * synchronously when it did not wait.
   */
  run<T>(key: string, fn: () => T, inputBytes = 0): T | Promise<T> {
    if (inputBytes > this.o.largeInput) {
      const expected = (this.perByte.get(key) ?? 0) * inputBytes;
      return this.admit(fn, expected, {
        bucket: this.large,
        reserved: 0,
        allowance: inputBytes * this.o.perByteMs,
        learn: (cost) => remember(this.perByte, key, cost > this.o.heavyMs ? cost / inputBytes : undefined),
      });
    }
    return this.admit(fn, this.heavy.get(key) ?? 0, {
      bucket: this.ordinary,
      reserved: 0,
      allowance: 0,
      learn: (cost) => remember(this.heavy, key, cost > this.o.heavyMs ? cost : undefined),
    });
  }

  /** Runs `fn` now, or after the wait `expected` costs in the run's bucket, or refuses it. */
  private admit<T>(fn: () => T, expected: number, run: Run): T | Promise<T> {
    if (expected <= 0) return this.timed(fn, run);
    this.counts.heavyRuns++;
    const wait = run.bucket.reserve(expected);
    const reserved = { ...run, reserved: expected };
    if (wait <= 0) return this.timed(fn, reserved);
    if (wait > this.o.maxWaitMs) {
      run.bucket.refund(expected);
      this.counts.refused++;
      throw new LaneBusyError(`this link's template is expensive and the server is busy with such templates; try again in ${Math.ceil(wait / 1000)} s`);
    }
    this.counts.waited++;
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(this.timed(fn, reserved));
        } catch (err) {
          reject(err);
        }
      }, wait);
    });
  }

  /** Runs `fn`, then learns its cost and settles the bucket for what was reserved. */
  private timed<T>(fn: () => T, run: Run): T {
    const start = this.o.now();
    try {
      return fn();
    } finally {
      const cost = Math.max(0, this.o.now() - start - run.allowance);
      if (run.reserved > 0) run.bucket.refund(run.reserved - cost);
      else if (cost > this.o.heavyMs) run.bucket.refund(-cost); // an unknown destination's first run counts too
      run.learn(cost);
    }
  }
}

/** Sets or (for undefined) deletes `key`, starting over when the map is full. */
function remember(map: Map<string, number>, key: string, value: number | undefined): void {
  if (value === undefined) {
    map.delete(key);
    return;
  }
  if (map.size >= MAX_KNOWN && !map.has(key)) map.clear();
  map.set(key, value);
}
