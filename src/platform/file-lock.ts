/**
 * Locks between processes. Node has no `flock`, so a lock is a small SQLite database used only
 * for SQLite's own file locking (POSIX advisory locks), which the operating system drops when
 * the holding process dies, SIGKILL included: a crash never leaves a stale lock behind.
 *
 * - {@link openFileLock}: a lock taken and released around short synchronous sections (the
 *   audit log's append lock). Taking it is SQLite's `BEGIN IMMEDIATE` (the one RESERVED lock a
 *   file has), releasing it `ROLLBACK` of that empty transaction: a few microseconds, no write,
 *   no fsync. A holder busy elsewhere is waited for up to `waitMs` by SQLite's busy handler
 *   (which sleeps, blocking the thread: sections are short, so the wait is too).
 * - {@link holdFileLock}: a lock held until released or the process ends (the data-directory
 *   lock), with SQLite's `locking_mode = EXCLUSIVE` and a write transaction, never waiting.
 *
 * Lock files are created 0600 and never written to (the journal lives in memory), so they stay
 * empty or hold one page. Never open a lock file with `fs` in a process that holds it: closing
 * any descriptor on a file drops every POSIX lock the process has on it (SQLite's own handles
 * are safe, it keeps them in step).
 *
 * @example
 *   const lock = openFileLock('data/secrets.audit.jsonl.lock', { waitMs: 5000 });
 *   lock.hold(() => appendLine());
 *   const dirLock = holdFileLock('data/tailyard.lock'); // undefined: someone else holds it
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** The lock is held by someone else (for longer than the caller would wait). */
export class LockBusyError extends Error {
  override name = 'LockBusyError';
}

/** A lock for short sections. */
export interface FileLock {
  /** Runs `fn` holding the lock. Throws {@link LockBusyError} after `waitMs` of waiting. */
  hold<T>(fn: () => T): T;
  /** Closes the lock's database; later `hold` calls throw. */
  close(): void;
}

/** A lock held for a process's lifetime. */
export interface HeldLock {
  /** Releases it (idempotent). */
  release(): void;
}

/**
 * Opens the lock at `file` (creating the file 0600), for sections of at most a few milliseconds.
 *
 * @example
 *   const lock = openFileLock(path, { waitMs: 5000 });
 *   const entry = lock.hold(() => write(event));
 */
export function openFileLock(file: string, opts: { waitMs: number }): FileLock {
  createLockFile(file);
  const db = new Database(file, { timeout: opts.waitMs });
  let begin: Database.Statement;
  let rollback: Database.Statement;
  try {
    db.pragma('journal_mode = MEMORY');
    begin = db.prepare('BEGIN IMMEDIATE');
    rollback = db.prepare('ROLLBACK');
  } catch (err) {
    db.close();
    throw err;
  }
  let depth = 0;
  return {
    hold<T>(fn: () => T): T {
      // Re-entrant, so a section may call another that also holds the lock.
      if (depth > 0) return fn();
      try {
        begin.run();
      } catch (err) {
        if (isBusy(err)) throw new LockBusyError(`${file} is held by another process for more than ${opts.waitMs} ms`, { cause: err });
        throw err;
      }
      depth++;
      try {
        return fn();
      } finally {
        depth--;
        rollback.run();
      }
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}

/**
 * Takes the lock at `file` (creating the file 0600) until `release` or the end of the process;
 * `undefined` if another connection, in this process or another, holds it.
 *
 * @example
 *   const held = holdFileLock(join(dataDir, 'tailyard.lock')) ?? fail('in use');
 */
export function holdFileLock(file: string): HeldLock | undefined {
  createLockFile(file);
  // No busy timeout: a held lock is an answer, not something to wait for.
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('journal_mode = MEMORY');
    // In EXCLUSIVE locking mode SQLite keeps the lock a write transaction took after it ends.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if (isBusy(err)) return undefined;
    throw err;
  }
  return {
    release(): void {
      if (db.open) db.close();
    },
  };
}

/** Creates `file` 0600 if it does not exist, without ever opening an existing one (see the module comment). */
function createLockFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
