/**
 * Waiting for SQLite's write lock in short steps. SQLite's own busy handler sleeps 100 ms between
 * tries once it has waited a third of a second, and a writer holding the lock almost all the time
 * (a server group-committing back to back, each transaction an fsync long) releases it only for
 * the instant between two transactions: a waiter polling every 100 ms misses those instants for
 * seconds, and a CLI's audit entry failed after its busy timeout on a loaded machine. Trying again
 * every millisecond (the connection's own busy timeout 0, the thread asleep between tries, as
 * SQLite's handler sleeps it) finds them.
 *
 * @example
 *   db.pragma('busy_timeout = 0');
 *   const result = withWriteLockWait(5000, () => write.immediate(batch));
 */

/** One Int32 to sleep on with Atomics.wait (nobody ever notifies it). */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const STEP_MS = 1;

/** Whether `err` is SQLite's "the lock is held" (SQLITE_BUSY and its extended codes). */
export function isBusy(err: unknown): boolean {
  return String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');
}

/**
 * Runs `fn` (which begins a write transaction) until it does not fail with SQLITE_BUSY, trying
 * again every millisecond for up to `waitMs`; then the last SQLITE_BUSY is thrown.
 */
export function withWriteLockWait<T>(waitMs: number, fn: () => T, now: () => number = Date.now): T {
  const deadline = now() + waitMs;
  for (;;) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || now() >= deadline) throw err;
      Atomics.wait(sleeper, 0, 0, STEP_MS);
    }
  }
}
