/**
 * Fair shares of the SQLite runners between callers ("owners": a login, or a tagged node's name).
 *
 * An owner has at most `perOwner` requests on the runners at once (the pool allows one less
 * runner than it has, each taking a few requests in turn, so however many endless queries one
 * caller starts, a runner is always left for everyone else). What an owner asks beyond its share
 * waits in its own bounded queue, and the queues are served round-robin: a caller with fifty
 * waiting exports does not delay another caller's one query by fifty turns.
 *
 * Pure bookkeeping, no I/O: the pool says when a runner is free and asks `next()` who gets it.
 *
 * @example
 *   const q = new FairQueue<Waiter>({ perOwner: 1, queuedPerOwner: 16, queuedTotal: 256 });
 *   if (q.mayRun('amy')) q.started('amy');
 *   else q.enqueue('amy', waiter);            // → 'queued' | 'owner-full' | 'full'
 *   const turn = q.next();                    // → { owner, item }, counted as started
 *   q.finished('amy');                        // when amy's query gives its runner back
 */

export interface FairLimits {
  /** Requests one owner may have on the runners at once. */
  perOwner: number;
  /** Requests one owner may have waiting. */
  queuedPerOwner: number;
  /** Requests all owners together may have waiting. */
  queuedTotal: number;
}

/** Where a request went: its owner's queue, or refused (the owner's queue, or every queue, is full). */
export type Enqueued = 'queued' | 'owner-full' | 'full';

export class FairQueue<T> {
  #running = new Map<string, number>();
  /** Waiting requests per owner. The Map's order is the rotation: an owner just served goes to the back. */
  #queues = new Map<string, T[]>();
  #queued = 0;

  constructor(readonly limits: FairLimits) {}

  /** May `owner` take a runner now (under its share, and nothing of its own waiting before)? */
  mayRun(owner: string): boolean {
    return !this.#queues.has(owner) && this.running(owner) < this.limits.perOwner;
  }

  running(owner: string): number {
    return this.#running.get(owner) ?? 0;
  }

  /** Requests waiting, all owners together. */
  get queued(): number {
    return this.#queued;
  }

  /** Requests `owner` has waiting. */
  queuedOf(owner: string): number {
    return this.#queues.get(owner)?.length ?? 0;
  }

  started(owner: string): void {
    this.#running.set(owner, this.running(owner) + 1);
  }

  finished(owner: string): void {
    const n = this.running(owner) - 1;
    if (n > 0) this.#running.set(owner, n);
    else this.#running.delete(owner);
  }

  enqueue(owner: string, item: T): Enqueued {
    const queue = this.#queues.get(owner);
    if ((queue?.length ?? 0) >= this.limits.queuedPerOwner) return 'owner-full';
    if (this.#queued >= this.limits.queuedTotal) return 'full';
    if (queue) queue.push(item);
    else this.#queues.set(owner, [item]);
    this.#queued++;
    return 'queued';
  }

  /**
   * Puts a request back at the head of its owner's queue, whatever the bounds: it had started and
   * must run again (its runner died before beginning it).
   */
  requeue(owner: string, item: T): void {
    const queue = this.#queues.get(owner);
    if (queue) queue.unshift(item);
    else this.#queues.set(owner, [item]);
    this.#queued++;
  }

  /** Takes a waiting request out (its caller gave up); false when it was not waiting. */
  remove(owner: string, item: T): boolean {
    const queue = this.#queues.get(owner);
    const i = queue?.indexOf(item) ?? -1;
    if (!queue || i < 0) return false;
    queue.splice(i, 1);
    if (queue.length === 0) this.#queues.delete(owner);
    this.#queued--;
    return true;
  }

  /**
   * The request that gets the next free runner: the first owner in rotation that is under its
   * share (and whose first request `canRun`, when given: the pool has a runner for it). It counts
   * as started, and its owner moves to the back of the rotation.
   */
  next(canRun?: (owner: string, item: T) => boolean): { owner: string; item: T } | undefined {
    for (const [owner, queue] of this.#queues) {
      if (this.running(owner) >= this.limits.perOwner) continue;
      if (canRun && !canRun(owner, queue[0] as T)) continue;
      const item = queue.shift() as T;
      this.#queues.delete(owner);
      if (queue.length) this.#queues.set(owner, queue);
      this.#queued--;
      this.started(owner);
      return { owner, item };
    }
    return undefined;
  }

  /** Empties every queue (the pool is closing, or cannot start runners): the requests to fail. */
  drain(): T[] {
    const all = [...this.#queues.values()].flat();
    this.#queues.clear();
    this.#queued = 0;
    return all;
  }
}
