/**
 * How a query is stopped: the service holds a {@link Stop} (aborted on timeout, on Cancel, when
 * the client goes away) and the drivers watch its signal. It has the shape of the part of
 * AbortController/AbortSignal the drivers use, so a real AbortSignal fits too, without node's
 * EventTarget machinery, which cost a twentieth of a small query's main-thread time.
 *
 * @example
 *   const stop = new Stop();
 *   stop.signal.addEventListener('abort', () => job.abort(), { once: true });
 *   stop.abort(new QueryError('timeout', 'context deadline exceeded'));
 */

/** What drivers watch: a stop that has happened (`aborted`, with its `reason`) or may. */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once, when the stop happens (never for one that already has). */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class Stop implements StopSignal {
  aborted = false;
  reason: unknown = undefined;
  #listeners: Array<() => void> = [];

  get signal(): StopSignal {
    return this;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.aborted) this.#listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const i = this.#listeners.indexOf(listener);
    if (i >= 0) this.#listeners.splice(i, 1);
  }
}
