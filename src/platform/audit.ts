/**
 * The platform's durable, hash-chained audit log: the `AuditSink` every app writes to, one log
 * per app (`<dataDir>/<app>.audit.jsonl`).
 *
 * The log is JSON Lines, one entry per line (format and chain in `audit-entry.ts`):
 *
 *   {"seq":1,"time":"2026-04-15T23:04:16.512Z","prev":"000…0","action":"get",…,"hash":"9f2c…"}
 *
 * - `seq` counts from 1 with no gaps; `time` is RFC 3339 (UTC);
 * - `prev` is the hex SHA-256 of the previous line's bytes (all zeros for the first entry), so
 *   entries cannot be removed, reordered or inserted without breaking the chain;
 * - `hash` is the hex SHA-256 of the canonical JSON (keys sorted, no spaces, as RFC 8785) of the
 *   entry without `hash`, so an entry cannot be changed without breaking it.
 *
 * Rotation and retention. Before an entry would take the current file past `maxFileBytes`, the
 * file is renamed after its last entry (`secrets.000000004711.audit.jsonl`, see
 * `audit-files.ts`) and a new current file opens with an *anchor* entry that continues the chain
 * and names the last entry of the file before it. Of the rotated files only the newest
 * `keepFiles - 1` are kept (with the current one, `keepFiles` files); older ones are deleted.
 * `verifyAuditChain` (`tailyard audit verify`) checks every kept file as one chain and
 * reports the oldest anchor kept. A crash in the middle of a rotation loses nothing: a missing
 * or empty current file next to rotated ones is recreated with its anchor on the next open.
 *
 * Configuration: the platform config's `audit` section, `{ "maxFileBytes": 67108864,
 * "keepFiles": 16 }` (the defaults: 64 MiB files, at most 1 GiB per app), applies to every app's
 * log. It is the platform's because the platform owns the sink; an app cannot loosen it. Keep
 * the files elsewhere too if they must outlive the retention (they are safe to copy at any time).
 *
 * Durability: `append` writes and fsyncs before it returns, and throws if it cannot (callers fail
 * closed: no audit entry, no operation). `commit` is its group-committing twin for busy request
 * paths: it writes the line at once but shares one asynchronous fsync among every entry written
 * while the previous fsync was in flight, and resolves once its entry is on disk. A write that
 * fails (a full disk: ENOSPC, or EFBIG past `RLIMIT_FSIZE`) is cut off the file and throws, and
 * so does a rotation that cannot create its new file (the old file is put back). Opening
 * continues the chain from the last line, and refuses a file whose last line is incomplete (a
 * write torn by a crash) with instructions to repair it. Every file is created with mode 0600.
 *
 * Several writers. The server writes a log while CLIs (`tailyard idp rotate-key`, `links import`,
 * …) add their own entries with {@link appendToAuditLog}. Every writer takes the log's append lock
 * (`<file>.lock`, an inter-process lock: file-lock.ts) around each entry, rotation included, and
 * under it first continues from the file's actual tail when another process wrote since (one
 * `fstat` tells; a CLI also checks by path that the server has not rotated the file away since
 * it opened it), so two writers can never fork the chain. The lock is held only while a line is
 * written, never across an fsync of `commit`: a few microseconds per entry. A writer that cannot
 * get it within `lockWaitMs` fails the entry. Only the server's writer rotates and prunes (CLIs do
 * not know its settings; it rotates at its next entry). A second `openAuditLog` of the same file
 * in one process is refused.
 *
 * Callers must never put secret values, tokens or other credentials in an event: the log is
 * plain text. Record names, versions, principals and outcomes only, and bound what a caller
 * controls (a secret name) before it reaches an event.
 */
import { platformClock } from './clock.js';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditSink } from './app.js';
import { type AuditEntry, anchorFields, encodeEntry, type ChainHead, headAfter, plainEvent } from './audit-entry.js';
import { AuditLogError, auditLockPath, DEFAULT_AUDIT_LOCK_WAIT_MS, type FileTail, readTail, readTailOf, rotatedFiles, rotatedPath, writeLine } from './audit-files.js';
import { LockBusyError, openFileLock } from './file-lock.js';
import { fsyncDir } from './files.js';

export { type AuditEntry, GENESIS } from './audit-entry.js';
export { AuditLogError, auditLogPath, DEFAULT_AUDIT_LOCK_WAIT_MS } from './audit-files.js';
export { type AuditChainVerification, type AuditVerification, verifyAuditChain, verifyAuditLog } from './audit-verify.js';

/** Default size at which the current file is rotated: 64 MiB. */
export const DEFAULT_AUDIT_MAX_FILE_BYTES = 64 << 20;
/** Default number of files kept, the current one included. */
export const DEFAULT_AUDIT_KEEP_FILES = 16;

/** Rotation and retention settings (the platform config's `audit` section). */
export interface AuditLogOptions {
  /** Rotate before an entry would take the current file past this size (default 64 MiB). */
  maxFileBytes?: number;
  /** Files kept, the current one included (default 16); older rotated files are deleted. */
  keepFiles?: number;
  /** Told about problems that fail no entry (an old file that could not be deleted). */
  warn?: (message: string) => void;
  /** How long an entry waits for another writer's append lock (default 5 s) before it fails. */
  lockWaitMs?: number;
}

/** An open audit log. */
export interface AuditLog extends AuditSink {
  /** Appends `event` durably and returns the entry as written. Throws {@link AuditLogError} if it cannot. */
  append(event: Record<string, unknown>): AuditEntry;
  /**
   * Like `append`, but the fsync is shared with concurrent commits (group commit) and does not
   * block the event loop. Resolves once the entry is on disk; rejects with {@link AuditLogError}
   * if it cannot be written or synced (after a failed fsync the log refuses further entries).
   */
  commit(event: Record<string, unknown>): Promise<AuditEntry>;
  /** Closes the file (syncing entries still waiting for an fsync); later appends throw. */
  close(): void;
}

const openFiles = new Set<string>();

/**
 * Opens (creating with mode 0600 if needed) the audit log whose current file is `file`, and
 * continues its chain. For a long-lived writer (the server's); it rotates and prunes the log.
 *
 * @example
 *   const audit = openAuditLog(path.join(dataDir, 'secrets.audit.jsonl'), { maxFileBytes: 64 << 20, keepFiles: 16 });
 *   audit.append({ action: 'get', secret: 'prod/db', authorized: true });
 */
export function openAuditLog(file: string, options: AuditLogOptions = {}): AuditLog {
  const log = openWriter(file, options, true);
  const key = fs.realpathSync(file);
  if (openFiles.has(key)) {
    log.close();
    throw new AuditLogError(`audit log ${file} is already open in this process`);
  }
  openFiles.add(key);
  return {
    ...log,
    close(): void {
      openFiles.delete(key);
      log.close();
    },
  };
}

/**
 * Appends events durably, in order, to the log whose current file is `file`, next to whoever else
 * writes it (a running server): for CLIs. Never rotates: the server does, at its next entry.
 * Throws {@link AuditLogError} if it cannot.
 *
 * @example
 *   appendToAuditLog(auditLogPath(dataDir, 'idp'), { app: 'idp', action: 'key.rotate', by: 'cli' });
 */
export function appendToAuditLog(file: string, ...events: Record<string, unknown>[]): AuditEntry[] {
  const log = openWriter(file, {}, false);
  try {
    return events.map((e) => log.append(e));
  } finally {
    log.close();
  }
}

/**
 * Appends `events` to `sink` for an operation a CLI has already carried out (`done` says what):
 * if an entry cannot be written, the error says the operation stands and only its record is
 * missing, so nobody runs it twice. The sink is the CLI context's `audit()` (which appends with
 * {@link appendToAuditLog}).
 *
 * @example
 *   recordDone(cli.load(o).audit(), 'imported 3 links', { action: 'links.import', actor: 'cli:root' });
 */
export function recordDone(sink: AuditSink, done: string, ...events: Record<string, unknown>[]): void {
  try {
    for (const event of events) sink.append(event);
  } catch (err) {
    throw new AuditLogError(`${done}, but its audit entry could not be written: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The sink a CLI appends through, next to a running server: each entry takes the log's append
 * lock and continues from the file's real tail ({@link appendToAuditLog}); it never rotates,
 * since the server's writer assumes other writers only append.
 *
 * @example appendingSink(auditLogPath(dataDir, 'idp')).append({ action: 'key.rotate', by: 'cli' });
 */
export function appendingSink(file: string): AuditSink {
  return {
    append(event: Record<string, unknown>): void {
      appendToAuditLog(file, event);
    },
  };
}

/** The current file, open for appending, and where its chain stands. */
interface CurrentFile {
  fd: number;
  tail: FileTail;
}

/** Opens the current file (creating it 0600) and reads its tail; under the append lock. */
function openCurrent(file: string): CurrentFile {
  const created = !fs.existsSync(file);
  const fd = fs.openSync(file, 'a+', 0o600);
  try {
    if (created) fsyncDir(path.dirname(file));
    let tail = readTail(fd, file);
    if (tail.size === 0) tail = resumeAfterRotation(fd, file) ?? tail;
    return { fd, tail };
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}

function openWriter(file: string, options: AuditLogOptions, rotates: boolean): AuditLog {
  const maxFileBytes = positiveInteger(options.maxFileBytes ?? DEFAULT_AUDIT_MAX_FILE_BYTES, 'maxFileBytes');
  const keepFiles = positiveInteger(options.keepFiles ?? DEFAULT_AUDIT_KEEP_FILES, 'keepFiles');
  const warn = options.warn ?? (() => undefined);
  const dir = path.dirname(file);
  const lock = openFileLock(auditLockPath(file), { waitMs: options.lockWaitMs ?? DEFAULT_AUDIT_LOCK_WAIT_MS });
  let closed = false;
  /** Runs `fn` holding the append lock; a lock held too long elsewhere fails the entry. */
  const locked = <T>(fn: () => T): T => {
    if (closed) throw new AuditLogError(`audit log ${file} is closed`);
    try {
      return lock.hold(fn);
    } catch (err) {
      if (err instanceof LockBusyError) throw new AuditLogError(`cannot write audit log ${file}: ${err.message}`, { cause: err });
      throw err;
    }
  };
  let opened: CurrentFile;
  try {
    opened = locked(() => openCurrent(file));
  } catch (err) {
    lock.close();
    throw err;
  }
  let fd = opened.fd;
  /** The current file's end. */
  let cur = opened.tail;
  let broken: Error | undefined;

  type Waiter = { entry: AuditEntry; resolve(e: AuditEntry): void; reject(err: Error): void };
  /** Commits written but not yet covered by an fsync, and those covered by the fsync in flight. */
  let unsynced: Waiter[] = [];
  let inflight: Waiter[] = [];
  /** The file descriptor an fsync is in flight on. */
  let syncing: number | undefined;
  /** Rotated-out descriptors whose fsync is still in flight: closed when it returns. */
  const closeAfterSync = new Set<number>();

  const cutOff = (size: number, err: unknown): never => {
    try {
      fs.ftruncateSync(fd, size);
      cur = { ...cur, size };
    } catch {
      broken = err as Error;
    }
    throw new AuditLogError(`cannot write audit log ${file}: ${(err as Error).message}`, { cause: err });
  };

  /** Every waiting commit is on disk (an fsync of the whole file succeeded). */
  const resolveWaiting = (): void => {
    for (const w of [...inflight, ...unsynced]) w.resolve(w.entry);
    inflight = [];
    unsynced = [];
  };

  /** An fsync failed: no waiting commit is known to be on disk, and the log takes no more. */
  const failWaiting = (err: Error): AuditLogError => {
    broken = err;
    const failure = new AuditLogError(`cannot sync audit log ${file}: ${err.message}`, { cause: err });
    for (const w of [...inflight, ...unsynced]) w.reject(failure);
    inflight = [];
    unsynced = [];
    return failure;
  };

  /** Syncs the current descriptor before leaving it, settling every commit waiting on it. */
  const syncBeforeLeaving = (): void => {
    try {
      fs.fsyncSync(fd);
    } catch (err) {
      throw failWaiting(err as Error);
    }
    resolveWaiting();
  };

  /** Moves on to `next`, closing the old descriptor now or, if an fsync is in flight on it, when it returns. */
  const switchTo = (next: CurrentFile): void => {
    if (syncing === fd) {
      closeAfterSync.add(fd);
      syncing = undefined;
    } else {
      fs.closeSync(fd);
    }
    ({ fd, tail: cur } = next);
  };

  /** Deletes rotated files beyond the retention; a failure is retried at the next rotation. */
  const prune = (): void => {
    const rotated = rotatedFiles(file);
    const excess = rotated.slice(0, Math.max(0, rotated.length - (keepFiles - 1)));
    if (excess.length === 0) return;
    for (const { file: old } of excess) {
      try {
        fs.unlinkSync(old);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot delete old audit file ${old}: ${(err as Error).message}`);
      }
    }
    try {
      fsyncDir(dir);
    } catch (err) {
      warn(`cannot sync directory ${dir} after deleting old audit files: ${(err as Error).message}`);
    }
  };

  /** Puts the current file back after a rotation failed half way, so the chain continues in it. */
  const undoRotation = (next: number | undefined, rotated: string): void => {
    try {
      if (next !== undefined) {
        fs.closeSync(next);
        fs.unlinkSync(file);
      }
      if (fs.existsSync(file)) throw new Error(`${file} was created by someone else during the rotation`);
      fs.renameSync(rotated, file);
      fsyncDir(dir);
    } catch (err) {
      broken = err as Error;
    }
  };

  /** Renames the current file after its last entry and starts a new one with an anchor. */
  const rotate = (time: string): void => {
    syncBeforeLeaving();
    const rotated = rotatedPath(file, cur.head.seq);
    if (fs.existsSync(rotated)) throw new AuditLogError(`cannot rotate audit log ${file}: ${rotated} already exists`);
    try {
      fs.renameSync(file, rotated);
    } catch (err) {
      throw new AuditLogError(`cannot rotate audit log ${file}: ${(err as Error).message}`, { cause: err });
    }
    let next: number | undefined;
    let started: FileTail;
    try {
      next = fs.openSync(file, 'ax+', 0o600); // readable too: catchUp reads its tail after another process appended
      started = writeAnchor(next, cur.head, time);
      fsyncDir(dir);
    } catch (err) {
      undoRotation(next, rotated);
      throw new AuditLogError(`cannot start a new audit file ${file}: ${(err as Error).message}`, { cause: err });
    }
    switchTo({ fd: next, tail: started });
    prune();
  };

  /**
   * Whether our descriptor is still the file at the path. A writer that does not rotate (a CLI)
   * must ask by path: the server may have renamed the file away between two of its entries, and
   * a renamed file still has a link, so `fstat` alone would not tell.
   */
  const stillCurrent = (st: fs.Stats): boolean => {
    if (rotates) return st.nlink > 0;
    try {
      const atPath = fs.statSync(file);
      return atPath.dev === st.dev && atPath.ino === st.ino;
    } catch {
      return false;
    }
  };

  /**
   * Under the append lock: continues from what other processes wrote since our last entry (one
   * `fstat` tells the server's writer: the others only append, since only it rotates), or from a
   * new current file if ours was rotated away (by the server: see `stillCurrent`), deleted or
   * replaced behind our back (as a restart would).
   */
  const catchUp = (): void => {
    const st = fs.fstatSync(fd);
    if (stillCurrent(st)) {
      if (st.size !== cur.size) cur = readTail(fd, file);
      return;
    }
    const next = openCurrent(file);
    try {
      syncBeforeLeaving();
    } catch (err) {
      fs.closeSync(next.fd);
      throw err;
    }
    switchTo(next);
  };

  /** Writes one line (no fsync), rotating first if it would not fit, and advances the chain; under the append lock. */
  const write = (event: Record<string, unknown>): { entry: AuditEntry; before: FileTail } => {
    if (broken) throw new AuditLogError(`audit log ${file} is unusable after a failed write`, { cause: broken });
    const fields = plainEvent(event);
    catchUp();
    const time = platformClock.now().toISOString();
    let next = encodeEntry(cur.head, time, fields);
    if (rotates && cur.size > 0 && !cur.anchorOnly && cur.size + next.line.length + 1 > maxFileBytes) {
      rotate(time);
      next = encodeEntry(cur.head, time, fields);
    }
    const before = cur;
    let written = 0;
    try {
      written = writeLine(fd, next.line);
    } catch (err) {
      cutOff(before.size, err);
    }
    cur = { head: headAfter(next.entry, next.line), size: before.size + written, anchorOnly: false };
    return { entry: next.entry, before };
  };

  /** Starts one fsync covering every line written so far; commits written meanwhile wait for the next. */
  const syncBatch = (): void => {
    if (syncing !== undefined || unsynced.length === 0) return;
    const target = fd;
    inflight = unsynced;
    unsynced = [];
    syncing = target;
    fs.fsync(target, (err) => {
      if (closeAfterSync.delete(target)) {
        // Rotated out meanwhile; the rotation's own fsync settled this batch.
        fs.close(target, () => undefined);
        return;
      }
      if (closed) return; // close() synced and settled every waiter.
      syncing = undefined;
      if (err) {
        failWaiting(err);
        return;
      }
      const batch = inflight;
      inflight = [];
      for (const w of batch) w.resolve(w.entry);
      syncBatch();
    });
  };

  if (rotates) locked(prune);
  return {
    append(event: Record<string, unknown>): AuditEntry {
      // The fsync stays under the lock: if it fails, the line is cut off, and no other
      // writer's line may follow it by then.
      return locked(() => {
        const { entry, before } = write(event);
        try {
          fs.fsyncSync(fd);
        } catch (err) {
          cur = before;
          cutOff(before.size, err);
        }
        return entry;
      });
    },
    commit(event: Record<string, unknown>): Promise<AuditEntry> {
      let entry: AuditEntry;
      try {
        entry = locked(() => write(event).entry);
      } catch (err) {
        return Promise.reject(err);
      }
      return new Promise((resolve, reject) => {
        unsynced.push({ entry, resolve, reject });
        syncBatch();
      });
    },
    close(): void {
      if (closed) return;
      const waiting = [...inflight, ...unsynced];
      let failure: Error | undefined;
      if (waiting.length > 0) {
        try {
          fs.fsyncSync(fd);
        } catch (err) {
          failure = new AuditLogError(`cannot sync audit log ${file}: ${(err as Error).message}`, { cause: err });
        }
      }
      closed = true;
      inflight = [];
      unsynced = [];
      fs.closeSync(fd);
      lock.close();
      for (const w of waiting) {
        if (failure) w.reject(failure);
        else w.resolve(w.entry);
      }
    },
  };
}

/**
 * Writes the anchor that opens a new current file after `head`, and syncs it; returns the
 * file's new end.
 */
function writeAnchor(fd: number, head: ChainHead, time: string): FileTail {
  const { entry, line } = encodeEntry(head, time, anchorFields(head));
  const size = writeLine(fd, line);
  fs.fsyncSync(fd);
  return { head: headAfter(entry, line), size, anchorOnly: true };
}

/**
 * The end of an empty current file `fd` once it continues the newest rotated file, if there is
 * one: after a crash between a rotation's rename and its anchor, or after the current file was
 * deleted by hand. `undefined` for a log that was never rotated.
 */
function resumeAfterRotation(fd: number, file: string): FileTail | undefined {
  const newest = rotatedFiles(file).at(-1);
  if (!newest) return undefined;
  const { head } = readTailOf(newest.file);
  try {
    return writeAnchor(fd, head, platformClock.now().toISOString());
  } catch (err) {
    fs.ftruncateSync(fd, 0);
    throw new AuditLogError(`cannot continue audit log ${file} after ${newest.file}: ${(err as Error).message}`, { cause: err });
  }
}

function positiveInteger(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`audit log ${name} must be a positive integer, got ${n}`);
  return n;
}
