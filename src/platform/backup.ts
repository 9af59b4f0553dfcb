/**
 * Online backup and restore of the data directory.
 *
 * `backupDataDir` copies every app database and audit database (`*.db`) with SQLite's backup API,
 * which produces a consistent snapshot while the server keeps writing (WAL readers never block
 * writers), and copies the JSON Lines audit files an earlier version left (not moved into a
 * database yet) up to their last complete line. Key files are deliberately not copied: a backup
 * next to its key-encryption key would protect nothing; nor are lock files (`tailyard.lock`,
 * `*.audit.jsonl.lock` and the holder record), which belong to the processes running on a
 * directory, nor replication's state (`replicate/`). `restoreDataDir` holds the target data
 * directory while it works (data-dir-lock.ts: refused while a tailyard serves it), refuses one
 * that already holds databases, checks every file before copying it in, and (given the apps)
 * appends a `restore` entry to each restored app's audit chain (restore-record.ts).
 * `backupDataDirSync` takes the same backup synchronously, for the one taken before a migration.
 *
 * @example
 *   await backupDataDir('./data', '/backups/2026-11-21');
 *   restoreDataDir('/backups/2026-11-21', './fresh-data');
 */
import { platformClock } from './clock.js';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { lockDataDir } from './data-dir-lock.js';
import { createPrivateFile, ensurePrivateDir } from './files.js';
import { recordRestore } from './restore-record.js';

export interface BackupFile {
  name: string;
  kind: 'database' | 'audit';
  schemaVersion?: number;
  bytes: number;
}

export interface BackupManifest {
  createdAt: string;
  files: BackupFile[];
  /** The apps whose chains got a `restore` entry (restores given the apps only). */
  recorded?: string[];
}

/** The file naming what a backup holds; a directory with it is a backup. */
export const MANIFEST = 'tailyard-backup.json';

function listData(dir: string): { databases: string[]; audits: string[] } {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return {
    databases: names.filter((n) => n.endsWith('.db')).sort(),
    audits: names.filter((n) => n.endsWith('.audit.jsonl')).sort(),
  };
}

/** Copies every database (SQLite backup API) and audit log of `dataDir` into `destDir`. */
export async function backupDataDir(dataDir: string, destDir: string): Promise<BackupManifest> {
  const { databases, audits } = beginBackup(dataDir, destDir);
  const files: BackupFile[] = [];
  for (const name of databases) {
    const src = new Database(join(dataDir, name), { fileMustExist: true });
    try {
      src.pragma('busy_timeout = 5000');
      createPrivateFile(join(destDir, name));
      await src.backup(join(destDir, name));
    } finally {
      src.close();
    }
    files.push(checkedCopy(destDir, name));
  }
  return finishBackup(dataDir, destDir, files, audits);
}

/**
 * The same backup, taken synchronously with `VACUUM INTO` (as consistent: one read transaction
 * per database): for the automatic backup before a migration (`storage.ts`), which happens
 * while a database is being opened, in code that cannot wait.
 */
export function backupDataDirSync(dataDir: string, destDir: string): BackupManifest {
  const { databases, audits } = beginBackup(dataDir, destDir);
  const files: BackupFile[] = [];
  for (const name of databases) {
    const src = new Database(join(dataDir, name), { fileMustExist: true, readonly: true });
    try {
      src.pragma('busy_timeout = 5000');
      createPrivateFile(join(destDir, name)); // VACUUM INTO writes into an empty file, keeping its mode
      src.prepare('VACUUM INTO ?').run(join(destDir, name));
    } finally {
      src.close();
    }
    files.push(checkedCopy(destDir, name));
  }
  return finishBackup(dataDir, destDir, files, audits);
}

/** Checks that there is something to back up and nowhere it would overwrite one; lists what. */
function beginBackup(dataDir: string, destDir: string): { databases: string[]; audits: string[] } {
  const data = listData(dataDir);
  if (data.databases.length === 0) throw new Error(`nothing to back up: ${dataDir} holds no databases`);
  // A backup holds every app's data: keep it as private as the data directory.
  ensurePrivateDir(destDir, { tighten: true });
  const existing = listData(destDir);
  if (existing.databases.length || existsSync(join(destDir, MANIFEST))) {
    throw new Error(`backup directory ${destDir} already holds a backup; choose an empty directory`);
  }
  return data;
}

function checkedCopy(destDir: string, name: string): BackupFile {
  const copy = checkDatabase(join(destDir, name));
  return { name, kind: name.endsWith('.audit.db') ? 'audit' : 'database', schemaVersion: copy.schemaVersion, bytes: copy.bytes };
}

/** Adds the audit logs and writes the manifest, which makes `destDir` a backup. */
function finishBackup(dataDir: string, destDir: string, databases: BackupFile[], audits: string[]): BackupManifest {
  const files = [...databases, ...copyAuditLogs(dataDir, destDir, audits)];
  const manifest: BackupManifest = { createdAt: platformClock.now().toISOString(), files };
  writeFileSync(join(destDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** Whether `dir` holds a finished backup (its manifest is written last). */
export function isBackup(dir: string): boolean {
  return existsSync(join(dir, MANIFEST));
}

/**
 * Copies the audit logs (each up to its last complete line: they are appended to while we copy).
 * A log can rotate meanwhile, renaming its current file and deleting its oldest one, so the copy
 * is retried until the set of files stayed the same from start to end; otherwise the backup's
 * chain could miss the file that rotated out.
 */
function copyAuditLogs(dataDir: string, destDir: string, listed: string[]): BackupFile[] {
  let names = listed;
  for (let attempt = 1; ; attempt++) {
    const copied: BackupFile[] = [];
    try {
      for (const name of names) {
        const text = readFileSync(join(dataDir, name));
        const end = text.lastIndexOf(0x0a) + 1;
        writeFileSync(join(destDir, name), text.subarray(0, end), { mode: 0o600 });
        copied.push({ name, kind: 'audit', bytes: end });
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const now = listData(dataDir).audits;
    if (copied.length === names.length && now.join('\n') === names.join('\n')) return copied;
    for (const f of copied) rmSync(join(destDir, f.name), { force: true });
    if (attempt === 5) throw new Error(`the audit logs in ${dataDir} kept rotating while they were copied; try the backup again`);
    names = now;
  }
}

/** Runs `PRAGMA integrity_check` on a database file; throws unless it reports ok. */
export function checkDatabase(path: string): { schemaVersion: number; bytes: number } {
  const db = new Database(path, { fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${path} failed its integrity check: ${String(result)}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    db.pragma('journal_mode = DELETE'); // a backup file stands alone, without -wal/-shm companions
    const pages = db.pragma('page_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    return { schemaVersion, bytes: pages * size };
  } finally {
    db.close();
  }
}

/**
 * Restores a backup made by `backupDataDir` into a data directory that holds no databases yet;
 * with `appIds` (every app this tailyard knows), records the restore in each restored app's chain.
 */
export function restoreDataDir(backupDir: string, dataDir: string, appIds?: readonly string[]): BackupManifest {
  const manifestPath = join(backupDir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`${backupDir} is not a tailyard backup (no ${MANIFEST})`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  for (const f of manifest.files) {
    if (f.name.endsWith('.db')) checkDatabase(join(backupDir, f.name));
    else if (!existsSync(join(backupDir, f.name))) throw new Error(`backup is missing ${f.name}`);
  }
  ensurePrivateDir(dataDir);
  const lock = lockDataDir(dataDir);
  try {
    const present = listData(dataDir);
    if (present.databases.length || present.audits.length) {
      throw new Error(`refusing to restore into ${dataDir}: it already holds data (${[...present.databases, ...present.audits].join(', ')}); restore into an empty data directory`);
    }
    for (const f of manifest.files) {
      const dest = join(dataDir, f.name);
      createPrivateFile(dest); // copyFileSync keeps an existing file's mode
      copyFileSync(join(backupDir, f.name), dest);
      chmodSync(dest, 0o600);
    }
    if (appIds) {
      manifest.recorded = recordRestore(
        dataDir,
        appIds,
        manifest.files.map((f) => f.name),
        backupDir,
      );
    }
  } finally {
    lock.release();
  }
  return manifest;
}
