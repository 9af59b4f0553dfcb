/**
 * Where an app's audit chain lives: its own SQLite file, `<dataDir>/<app>.audit.db`, next to
 * the app's database and replicated with it (see `replicate/`). Each row holds an entry's `seq`
 * and the exact bytes of its JSON line (`audit-entry.ts`), so the chain, `audit verify` and the
 * JSON Lines export mean byte for byte what the files of earlier versions held.
 *
 *   audit_entries (seq INTEGER PRIMARY KEY, line BLOB)            one row per entry
 *   audit_segments (first_seq INTEGER PRIMARY KEY, bytes, entries) the spans between anchors
 *   audit_meta (key TEXT PRIMARY KEY, value TEXT)                  e.g. which files were migrated
 *
 * Why a file of its own: the app's own writes stay `synchronous=NORMAL` and fast, while every
 * audit entry must be on disk before the answer (`synchronous=FULL` here); and why SQLite rather
 * than files: Litestream replicates only SQLite, and the audit must reach the replica with the
 * same loss window as the data. A segment is what a rotated file was: it opens with an anchor
 * entry, and the retention deletes whole segments, oldest first (`audit.ts`).
 *
 * Connections are opened by {@link openAuditDatabase} only: WAL, `synchronous=FULL`, the busy
 * timeout every writer waits for another's transaction with (SQLite's own locking replaces the
 * append lock files of earlier versions), and the WAL auto-checkpoint the platform chose (0 when
 * Litestream checkpoints: `storage.ts`).
 *
 * @example
 *   const db = openAuditDatabase(auditLogPath(dataDir, 'secrets'), { busyTimeoutMs: 5000 });
 *   for (const line of auditLines(db)) process.stdout.write(`${line}\n`);
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from './app.js';
import { createPrivateFile } from './files.js';
import { migrate, type SqliteDatabase, walAutocheckpoint } from './storage.js';

/** The audit database of app `appId`. */
export function auditLogPath(dataDir: string, appId: string): string {
  return path.join(dataDir, `${appId}.audit.db`);
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'audit chain',
    up: `CREATE TABLE audit_entries (seq INTEGER PRIMARY KEY, line BLOB NOT NULL);
      CREATE TABLE audit_segments (first_seq INTEGER PRIMARY KEY, bytes INTEGER NOT NULL, entries INTEGER NOT NULL);
      CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
];

export interface AuditDatabaseOptions {
  /** How long a write waits for another writer's transaction before it fails (ms). */
  busyTimeoutMs: number;
  /** Open an existing file read-only (checks and exports). */
  readonly?: boolean;
  /** Litestream replicates the data directory, and checkpoints (see `storage.ts`). */
  replicated?: boolean;
}

/**
 * Opens (creating 0600 and migrating) the audit database at `file`.
 *
 * @example const db = openAuditDatabase('/data/secrets.audit.db', { busyTimeoutMs: 5000 });
 */
export function openAuditDatabase(file: string, o: AuditDatabaseOptions): SqliteDatabase {
  if (!o.readonly) createPrivateFile(file);
  const db = new Database(file, { readonly: o.readonly ?? false, fileMustExist: o.readonly ?? false, timeout: o.busyTimeoutMs });
  try {
    if (!o.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`wal_autocheckpoint = ${walAutocheckpoint(o.replicated ?? false)}`);
      migrate(db, MIGRATIONS, file);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A segment: the entries from an anchor (or entry 1) up to the next anchor. */
export interface Segment {
  readonly firstSeq: number;
  readonly bytes: number;
  readonly entries: number;
}

/** The statements a writer runs inside its transactions. */
export interface AuditStatements {
  lastSeq(): number | undefined;
  lineAt(seq: number): Buffer | undefined;
  insert(seq: number, line: Buffer): void;
  lastSegment(): Segment | undefined;
  saveSegment(s: Segment): void;
  /** The `first_seq` of the `n`-th newest segment, if there are that many. */
  nthNewestSegment(n: number): number | undefined;
  /** Deletes every entry and segment before `seq`. */
  deleteBefore(seq: number): void;
  count(): number;
}

/** Prepares the writer's statements on `db`. */
export function auditStatements(db: SqliteDatabase): AuditStatements {
  const lastSeq = db.prepare('SELECT max(seq) FROM audit_entries').pluck();
  const lineAt = db.prepare('SELECT line FROM audit_entries WHERE seq = ?').pluck();
  const insert = db.prepare('INSERT INTO audit_entries (seq, line) VALUES (?, ?)');
  const lastSegment = db.prepare('SELECT first_seq AS firstSeq, bytes, entries FROM audit_segments ORDER BY first_seq DESC LIMIT 1');
  const saveSegment = db.prepare('INSERT OR REPLACE INTO audit_segments (first_seq, bytes, entries) VALUES (?, ?, ?)');
  const nth = db.prepare('SELECT first_seq FROM audit_segments ORDER BY first_seq DESC LIMIT 1 OFFSET ?').pluck();
  const deleteEntries = db.prepare('DELETE FROM audit_entries WHERE seq < ?');
  const deleteSegments = db.prepare('DELETE FROM audit_segments WHERE first_seq < ?');
  const count = db.prepare('SELECT count(*) FROM audit_entries').pluck();
  return {
    lastSeq: () => (lastSeq.get() as number | null) ?? undefined,
    lineAt: (seq) => lineAt.get(seq) as Buffer | undefined,
    insert: (seq, line) => void insert.run(seq, line),
    lastSegment: () => lastSegment.get() as Segment | undefined,
    saveSegment: (s) => void saveSegment.run(s.firstSeq, s.bytes, s.entries),
    nthNewestSegment: (n) => nth.get(n - 1) as number | undefined,
    deleteBefore(seq) {
      deleteEntries.run(seq);
      deleteSegments.run(seq);
    },
    count: () => count.get() as number,
  };
}

/**
 * Every kept entry's line, oldest first, as one consistent snapshot (a single statement reads
 * one snapshot of a WAL database, whatever writers do meanwhile).
 *
 * @example for (const { seq, line } of auditRows(db)) …
 */
export function* auditRows(db: SqliteDatabase): Generator<{ seq: number; line: Buffer }> {
  const rows = db.prepare('SELECT seq, line FROM audit_entries ORDER BY seq').raw().iterate() as IterableIterator<[number, Buffer]>;
  for (const [seq, line] of rows) yield { seq, line };
}

/** Every kept line, oldest first. */
export function* auditLines(db: SqliteDatabase): Generator<Buffer> {
  for (const row of auditRows(db)) yield row.line;
}

/**
 * The lines of the audit database at `file`, oldest first (empty when it does not exist): for
 * tests and tools that read a chain whole.
 *
 * @example readAuditEntries('/data/secrets.audit.db').filter((e) => e.action === 'get')
 */
export function readAuditEntries(file: string): Array<Record<string, unknown>> {
  if (!fs.existsSync(file)) return [];
  const db = openAuditDatabase(file, { busyTimeoutMs: 5000, readonly: true });
  try {
    return [...auditLines(db)].map((l) => JSON.parse(l.toString('utf8')) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

/**
 * Writes the kept chain in `file` as JSON Lines (each line and a newline): byte for byte what
 * the files of earlier versions held, and a file `verifyAuditLog` checks on its own. Returns the
 * entries written. One consistent snapshot, safe while a server writes.
 *
 * @example exportAuditChain('/data/secrets.audit.db', (chunk) => out.write(chunk))
 */
export function exportAuditChain(file: string, write: (chunk: Buffer) => void): number {
  const db = openAuditDatabase(file, { busyTimeoutMs: 5000, readonly: true });
  const newline = Buffer.of(0x0a);
  let n = 0;
  try {
    for (const line of auditLines(db)) {
      write(Buffer.concat([line, newline]));
      n++;
    }
  } finally {
    db.close();
  }
  return n;
}
