/**
 * Storage: one SQLite file per app under the data directory, opened with the settings a
 * long-lived server wants (WAL, busy timeout, foreign keys) and migrated to the code's schema.
 *
 * What Litestream needs of every writer (its "tips and caveats"), set here for every app
 * database and by `audit-store.ts` for the audit databases: WAL mode, a busy timeout (it takes
 * short write locks when it checkpoints), and, when it replicates the data directory, no
 * automatic checkpoints (`wal_autocheckpoint = 0`): it checkpoints itself (PASSIVE at 1000 WAL
 * pages and every minute) once it has copied the frames. Without replication SQLite's default
 * (a PASSIVE checkpoint every 1000 pages) keeps the WAL small. No writer ever runs a RESTART or
 * TRUNCATE checkpoint: with Litestream holding its read transaction one blocks every writer and
 * then fails (test/platform/checkpoints.test.ts keeps it so across the source tree).
 *
 * The schema version lives in `PRAGMA user_version`. The migrations a file lacks all run in one
 * transaction (a failing one leaves the file as it was, none applied), each recorded in
 * `tailyard_migrations` with the release that applied it. A file whose version is newer than the
 * code is refused rather than half-understood, naming the release that wrote it (read from that
 * record: the older release has nothing else to learn it from) and the running one. Before an
 * existing file is migrated, the data directory is backed up beside the data, in
 * `backups/before-<release>/` (`tailyard restore` takes it), once per release.
 *
 * Every `db.transaction(fn)()` on a database opened here begins IMMEDIATE, not DEFERRED: CLIs
 * (`idp rotate-key`, `links import`, …) write the same file as the running server, and a deferred
 * transaction that reads before it writes gets SQLITE_BUSY at once, without the busy timeout,
 * when the other process committed after its read began. Taking the write lock first makes the
 * busy timeout apply. (The server has one connection per file, so this costs it nothing.)
 *
 * @example
 *   const db = openAppDatabase(join(dataDir, 'links.db'), linksApp.migrations);
 */
import { platformClock } from './clock.js';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from './app.js';
import { backupDataDirSync, isBackup } from './backup.js';
import { createPrivateFile } from './files.js';
import { tailyardVersion } from './package.js';

export type SqliteDatabase = Database.Database;

export class DatabaseNewerThanCodeError extends Error {
  override name = 'DatabaseNewerThanCodeError';
}

export interface OpenOptions {
  /** `FULL` makes every commit durable against power loss (the secrets app uses it). */
  synchronous?: 'NORMAL' | 'FULL';
  readonly?: boolean;
  /** Litestream replicates the data directory (`replicate.url` is set): it checkpoints, not the writers. */
  replicated?: boolean;
  /** The release opening the file (default: this tailyard's version); tests name others. */
  release?: string;
}

/** SQLite's default automatic checkpoint threshold, in WAL pages. */
const SQLITE_AUTOCHECKPOINT = 1000;

/**
 * The `wal_autocheckpoint` of every connection that writes: 0 when Litestream replicates (and
 * checkpoints), SQLite's default otherwise.
 *
 * @example db.pragma(`wal_autocheckpoint = ${walAutocheckpoint(config.replicate !== undefined)}`);
 */
export function walAutocheckpoint(replicated: boolean): number {
  return replicated ? 0 : SQLITE_AUTOCHECKPOINT;
}

/** The folder of the data directory that holds the backups taken before migrations. */
export const PRE_MIGRATION_BACKUPS = 'backups';

/** Where the backup taken before `release` first migrates a database of `dataDir` goes. */
export function preMigrationBackupDir(dataDir: string, release: string): string {
  return join(dataDir, PRE_MIGRATION_BACKUPS, `before-${release}`);
}

/** The database file of app `appId`. */
export function appDatabasePath(dataDir: string, appId: string): string {
  return join(dataDir, `${appId}.db`);
}

/** Opens (creating if needed) and migrates an app database. */
export function openAppDatabase(path: string, migrations: readonly Migration[], opts: OpenOptions = {}): SqliteDatabase {
  if (!opts.readonly && path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // SQLite gives the -wal and -shm files the database file's mode: create it private first.
    createPrivateFile(path);
  }
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    configure(db, opts);
    if (!opts.readonly) {
      const release = opts.release ?? tailyardVersion();
      // Only app databases (`<id>.db`) are what a backup holds; other files (tests) get none.
      const backup = path.endsWith('.db') ? preMigrationBackupDir(dirname(path), release) : undefined;
      migrate(db, migrations, path, {
        release,
        // Taken once per release: a later database of the same start finds it (and it was taken
        // before any of them migrated), as does the start after a migration that failed.
        beforeMigrating: backup ? () => isBackup(backup) || backupDataDirSync(dirname(path), backup) : undefined,
      });
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function configure(db: SqliteDatabase, opts: OpenOptions): void {
  if (!opts.readonly) immediateTransactions(db);
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`wal_autocheckpoint = ${walAutocheckpoint(opts.replicated ?? false)}`);
  }
  db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
}

/** Makes a plain call of `db.transaction(fn)` begin IMMEDIATE (see the module comment). */
function immediateTransactions(db: SqliteDatabase): void {
  const deferredFirst = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = deferredFirst(fn);
    const immediate = tx.immediate;
    // better-sqlite3 defines the variants as non-enumerable properties: copy them by name.
    // `database` is there at run time but missing from the type library.
    const { deferred, exclusive } = tx;
    const database = (tx as unknown as { database: SqliteDatabase }).database;
    return Object.assign((...args: unknown[]) => immediate(...args), { default: immediate, deferred, immediate, exclusive, database });
  }) as SqliteDatabase['transaction'];
}

/** The schema version recorded in the file. */
export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** The running release: recorded with the migrations it applies, named when refusing a newer file. */
  release?: string;
  /** Runs before migrating a file that has a schema already (not a new, empty one). */
  beforeMigrating?: () => unknown;
}

/**
 * Applies the migrations the file lacks, in order, in one transaction.
 * Throws DatabaseNewerThanCodeError when the file is ahead of the code.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], name = 'database', opts: MigrateOptions = {}): void {
  const release = opts.release ?? tailyardVersion();
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations of ${name} must be numbered 1, 2, 3…; found ${m.version} at position ${i + 1}`);
  });
  const latest = sorted.length;
  const current = schemaVersion(db);
  if (current > latest) {
    const writer = writerOf(db, current);
    throw new DatabaseNewerThanCodeError(
      `${name} has schema version ${current}, written by ${writer ? `tailyard ${writer}` : 'a newer tailyard'}; this is tailyard ${release}, ` +
        `which knows schema versions up to ${latest}. Run ${writer ? `tailyard ${writer} or later` : 'the newer tailyard'}, ` +
        `or restore the backup taken before the upgrade (in ${join(dirname(name), PRE_MIGRATION_BACKUPS)}/ when it migrated this file).`,
    );
  }
  if (current === latest) return;
  if (current > 0) opts.beforeMigrating?.();
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS tailyard_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, release TEXT)`);
    // Files migrated before 1.0.0 lack the column: the releases that applied those steps are unknown.
    if (!hasReleaseColumn(db)) db.exec('ALTER TABLE tailyard_migrations ADD COLUMN release TEXT');
    const record = db.prepare('INSERT INTO tailyard_migrations (version, name, applied_at, release) VALUES (?, ?, ?, ?)');
    for (const m of sorted.slice(current)) {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(m.version, m.name, platformClock.now().toISOString(), release);
    }
    db.pragma(`user_version = ${latest}`);
  })();
}

function hasReleaseColumn(db: SqliteDatabase): boolean {
  return (db.pragma('table_info(tailyard_migrations)') as { name: string }[]).some((c) => c.name === 'release');
}

/** The release that applied migration `version`, as recorded (undefined when it is not). */
function writerOf(db: SqliteDatabase, version: number): string | undefined {
  try {
    if (!hasReleaseColumn(db)) return undefined;
    const row = db.prepare('SELECT release FROM tailyard_migrations WHERE version = ?').get(version) as { release: string | null } | undefined;
    return row?.release ?? undefined;
  } catch {
    return undefined; // no tailyard_migrations table: not a file tailyard migrated
  }
}
