/**
 * The platform's durable, hash-chained audit log: the `AuditSink` every app writes to, one chain
 * per app, kept in `<dataDir>/<app>.audit.db` (`audit-store.ts`: why SQLite, and why a file of
 * its own). Each entry is one JSON line (format and chain in `audit-entry.ts`):
 *
 *   {"seq":1,"time":"2026-04-15T23:04:16.512Z","prev":"000…0","action":"get",…,"hash":"9f2c…"}
 *
 * - `seq` counts from 1 with no gaps; `time` is RFC 3339 (UTC);
 * - `prev` is the hex SHA-256 of the previous line's bytes (all zeros for the first entry), so
 *   entries cannot be removed, reordered or inserted without breaking the chain;
 * - `hash` is the hex SHA-256 of the canonical JSON (keys sorted, no spaces, as RFC 8785) of the
 *   entry without `hash`, so an entry cannot be changed without breaking it.
 *
 * Retention with anchors. The chain is cut into segments (what rotated files were in earlier
 * versions): before an entry would take the current segment past `segmentBytes` (or
 * `segmentEntries`), the server's writer starts a new one with an *anchor* entry that continues
 * the chain and names the last entry before it, and deletes the oldest segments beyond
 * `keepSegments`. So the kept chain always starts at entry 1 or at an anchor, which
 * `verifyAuditChain` (`tailyard audit verify`) reports, and an export of it checks on its own.
 * The platform config's `audit` section sets this (`audit.keepBytes`, default 1 GiB per app, kept
 * as 16 segments; see `config.ts`); an app cannot loosen it. Export the chain
 * (`tailyard audit export`) to keep entries longer.
 *
 * Durability: `append` commits before it returns (`synchronous=FULL`: the WAL is fsynced), and
 * throws if it cannot (callers fail closed: no audit entry, no operation). `commit` is its
 * group-committing twin for busy request paths: commits made in one turn of the event loop share
 * one transaction and one fsync, and each resolves once its entry is on disk. A write that fails
 * (a full disk: ENOSPC, or EFBIG past `RLIMIT_FSIZE`) rolls its transaction back, so nothing of
 * it stays, and fails every entry in it; after a failed fsync the log refuses further entries
 * (what reached the disk is unknown), until reopened. A last entry that does not parse is
 * refused with instructions, since chaining after it would bury the damage.
 *
 * Several writers. The server writes a log while CLIs (`tailyard idp rotate-key`, `links import`,
 * …) add their own entries with {@link appendToAuditLog}. Every entry is written
 * (`audit-append.ts`) in an `IMMEDIATE` transaction (SQLite's write lock, shared with other
 * processes), which reads the chain's tail first, so two writers can never fork the chain; a
 * writer that cannot get the lock
 * within `lockWaitMs` fails the entry (it tries every millisecond meanwhile, so a server
 * committing back to back cannot starve a CLI: write-lock-wait.ts). Only the server's writer starts
 * segments and prunes (CLIs do not know its settings; it does so at its next entry). A second
 * `openAuditLog` of the same log in one process is refused.
 *
 * Earlier versions kept the chain in JSON Lines files (`<app>.audit.jsonl` and rotated files);
 * the first open moves them in (`audit-migrate.ts`).
 *
 * Callers must never put secret values, tokens or other credentials in an event: the log is
 * plain text. Record names, versions, principals and outcomes only, and bound what a caller
 * controls (a secret name) before it reaches an event.
 */
import path from 'node:path';
import type { AuditSink } from './app.js';
import { chainAppender } from './audit-append.js';
import { type AuditEntry, plainEvent } from './audit-entry.js';
import { AuditLogError } from './audit-files.js';
import { migrateLegacyAuditFiles } from './audit-migrate.js';
import { openAuditDatabase } from './audit-store.js';
import type { SqliteDatabase } from './storage.js';
import { isBusy } from './write-lock-wait.js';

export { type AuditEntry, GENESIS } from './audit-entry.js';
export { AuditLogError } from './audit-files.js';
export { auditLogPath, readAuditEntries } from './audit-store.js';
export { type AuditChainVerification, type AuditVerification, verifyAuditChain, verifyAuditLog } from './audit-verify.js';

/** How long an entry waits for another process's transaction before it fails; as the databases' busy timeout. */
export const DEFAULT_AUDIT_LOCK_WAIT_MS = 5000;
/** Default segment size: 64 MiB. */
export const DEFAULT_AUDIT_SEGMENT_BYTES = 64 << 20;
/** Default number of segments kept, the current one included (with the segment size: 1 GiB per app). */
export const DEFAULT_AUDIT_KEEP_SEGMENTS = 16;

/** Retention and locking settings (the platform config's `audit` section, resolved by `config.ts`). */
export interface AuditLogOptions {
  /** Start a new segment before an entry would take the current one past this size (default 64 MiB). */
  segmentBytes?: number;
  /** …or past this many entries (default: no limit). */
  segmentEntries?: number;
  /** Segments kept, the current one included (default 16); older ones are deleted. */
  keepSegments?: number;
  /** How long an entry waits for another writer's transaction (default 5 s) before it fails. */
  lockWaitMs?: number;
  /** Litestream replicates the data directory (it checkpoints; see `storage.ts`). */
  replicated?: boolean;
  /** Told about what fails no entry (the JSON Lines files of an earlier version, moved in). */
  warn?: (message: string) => void;
}

/** An open audit log. */
export interface AuditLog extends AuditSink {
  /** Appends `event` durably and returns the entry as written. Throws {@link AuditLogError} if it cannot. */
  append(event: Record<string, unknown>): AuditEntry;
  /**
   * Like `append`, but shares one transaction and fsync with the commits of the same turn of the
   * event loop (group commit). Resolves once the entry is on disk; rejects with
   * {@link AuditLogError} if it cannot be written.
   */
  commit(event: Record<string, unknown>): Promise<AuditEntry>;
  /** Writes the commits still waiting, then closes the database; later appends throw. */
  close(): void;
}

const openLogs = new Set<string>();

/**
 * Opens (creating with mode 0600 if needed, and moving in the JSON Lines files of an earlier
 * version) the audit log in `file`, and continues its chain. For a long-lived writer (the
 * server's); it starts segments and prunes the log.
 *
 * @example
 *   const audit = openAuditLog(auditLogPath(dataDir, 'secrets'), { segmentBytes: 64 << 20, keepSegments: 16 });
 *   audit.append({ action: 'get', secret: 'prod/db', authorized: true });
 */
export function openAuditLog(file: string, options: AuditLogOptions = {}): AuditLog {
  const key = path.resolve(file);
  if (openLogs.has(key)) throw new AuditLogError(`audit log ${file} is already open in this process`);
  const log = openWriter(file, options, true);
  openLogs.add(key);
  return {
    ...log,
    close(): void {
      openLogs.delete(key);
      log.close();
    },
  };
}

/**
 * Appends events durably, in order and in one transaction, to the audit log in `file`, next to
 * whoever else writes it (a running server): for CLIs. Never starts a segment or prunes: the
 * server does, at its next entry. Throws {@link AuditLogError} if it cannot.
 *
 * @example
 *   appendToAuditLog(auditLogPath(dataDir, 'idp'), { app: 'idp', action: 'key.rotate', by: 'cli' });
 */
export function appendToAuditLog(file: string, ...events: Record<string, unknown>[]): AuditEntry[] {
  return appendWith(file, {}, events);
}

/** {@link appendToAuditLog} with settings (the busy timeout, whether Litestream replicates). */
export function appendWith(file: string, options: AuditLogOptions, events: Record<string, unknown>[]): AuditEntry[] {
  const log = openWriter(file, options, false);
  try {
    return log.appendAll(events);
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
 * The sink a CLI appends through, next to a running server: each entry is one transaction that
 * continues from the chain's real tail ({@link appendToAuditLog}); it never prunes.
 *
 * @example appendingSink(auditLogPath(dataDir, 'idp')).append({ action: 'key.rotate', by: 'cli' });
 */
export function appendingSink(file: string, options: AuditLogOptions = {}): AuditSink {
  return {
    append(event: Record<string, unknown>): void {
      appendWith(file, options, [event]);
    },
  };
}

interface Writer extends AuditLog {
  appendAll(events: Record<string, unknown>[]): AuditEntry[];
}

type Waiter = { fields: Record<string, unknown>; resolve(e: AuditEntry): void; reject(err: Error): void };

function openWriter(file: string, options: AuditLogOptions, rotates: boolean): Writer {
  const segmentBytes = positiveInteger(options.segmentBytes ?? DEFAULT_AUDIT_SEGMENT_BYTES, 'segmentBytes');
  const segmentEntries = options.segmentEntries === undefined ? undefined : positiveInteger(options.segmentEntries, 'segmentEntries');
  const keepSegments = positiveInteger(options.keepSegments ?? DEFAULT_AUDIT_KEEP_SEGMENTS, 'keepSegments');
  const lockWaitMs = options.lockWaitMs ?? DEFAULT_AUDIT_LOCK_WAIT_MS;
  let db: SqliteDatabase;
  try {
    migrateLegacyAuditFiles(file, { busyTimeoutMs: lockWaitMs, replicated: options.replicated, warn: options.warn });
    db = openAuditDatabase(file, { busyTimeoutMs: lockWaitMs, replicated: options.replicated });
    // Writes wait for the lock in short steps of their own (write-lock-wait.ts).
    db.pragma('busy_timeout = 0');
  } catch (err) {
    throw err instanceof AuditLogError ? err : new AuditLogError(`cannot open audit log ${file}: ${(err as Error).message}`, { cause: err });
  }
  const chain = chainAppender(db, file, { segmentBytes, segmentEntries, keepSegments, lockWaitMs, rotates });
  let broken: Error | undefined;
  let closed = false;
  let queue: Waiter[] = [];
  let scheduled: NodeJS.Immediate | undefined;

  /** The error a failed transaction fails its entries with; a failed fsync leaves the log unusable. */
  const failure = (err: unknown): Error => {
    if (err instanceof AuditLogError || err instanceof TypeError) return err;
    const code = String((err as { code?: unknown }).code ?? '');
    if (isBusy(err)) {
      return new AuditLogError(`cannot write audit log ${file}: another process has held it for more than ${lockWaitMs} ms`, { cause: err });
    }
    if (code === 'SQLITE_IOERR_FSYNC') broken = err as Error;
    return new AuditLogError(`cannot write audit log ${file}: ${(err as Error).message}`, { cause: err });
  };

  const usable = (): void => {
    if (closed) throw new AuditLogError(`audit log ${file} is closed`);
    if (broken) throw new AuditLogError(`audit log ${file} is unusable after a failed sync; restart to reopen it`, { cause: broken });
  };

  /** Writes the waiting commits and then `extra` in one transaction; settles the waiters. */
  const writeWaiting = (extra: Record<string, unknown>[]): AuditEntry[] => {
    const waiting = queue;
    queue = [];
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (waiting.length === 0 && extra.length === 0) return [];
    let entries: AuditEntry[];
    try {
      usable();
      entries = chain.append([...waiting.map((w) => w.fields), ...extra]);
    } catch (err) {
      const e = failure(err);
      for (const w of waiting) w.reject(e);
      throw e;
    }
    for (const [i, w] of waiting.entries()) w.resolve(entries[i] as AuditEntry);
    return entries.slice(waiting.length);
  };

  if (rotates) {
    try {
      chain.prune();
    } catch (err) {
      db.close();
      throw failure(err);
    }
  }

  const appendAll = (events: Record<string, unknown>[]): AuditEntry[] => {
    usable();
    return writeWaiting(events.map(plainEvent));
  };
  return {
    appendAll,
    append: (event) => appendAll([event])[0] as AuditEntry,
    commit(event: Record<string, unknown>): Promise<AuditEntry> {
      let fields: Record<string, unknown>;
      try {
        usable();
        fields = plainEvent(event);
      } catch (err) {
        return Promise.reject(err);
      }
      return new Promise((resolve, reject) => {
        queue.push({ fields, resolve, reject });
        scheduled ??= setImmediate(() => {
          try {
            writeWaiting([]);
          } catch {
            // Each waiter was rejected with the error.
          }
        });
      });
    },
    close(): void {
      if (closed) return;
      try {
        writeWaiting([]);
      } catch {
        // Each waiter was rejected with the error.
      }
      closed = true;
      db.close();
    },
  };
}

function positiveInteger(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`audit log ${name} must be a positive integer, got ${n}`);
  return n;
}
