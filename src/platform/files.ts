/**
 * Files at rest: everything tailyard writes under its data directory is private to its user
 * (directories 0700, files 0600), whatever the umask.
 *
 * SQLite creates a database's `-wal` and `-shm` files with the database file's own permissions,
 * so creating the database file 0600 before SQLite opens it is enough for all three.
 *
 * @example
 *   createPrivateFile(join(dataDir, 'links.db'));     // 0600, or left as it is if it exists
 *   looseEntries(dataDir) // ['/data (mode 0755)', '/data/links.db (mode 0644)'] when others can read
 */
import { chmodSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Permission bits that let the group or others in. */
const SHARED_BITS = 0o077;

/** Creates `dir` (and parents) 0700; an existing directory is tightened to 0700 when `tighten` is set. */
export function ensurePrivateDir(dir: string, opts: { tighten?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (opts.tighten && (statSync(dir).mode & SHARED_BITS) !== 0) chmodSync(dir, 0o700);
}

/** Creates an empty file with mode 0600 unless it exists (an existing file keeps its mode). */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
}

/** `0o644` → `0644`. */
export function formatMode(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/**
 * The data directory itself and the entries directly in it that the group or others can access,
 * each as `path (mode 0644)`. Symbolic links are judged by the link itself (they carry no data).
 */
export function looseEntries(dir: string): string[] {
  const out: string[] = [];
  const top = statSync(dir);
  if ((top.mode & SHARED_BITS) !== 0) out.push(`${dir} (mode ${formatMode(top.mode)})`);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    if ((st.mode & SHARED_BITS) !== 0) out.push(`${path} (mode ${formatMode(st.mode)})`);
  }
  return out;
}

/**
 * Makes a directory's entries (a created, renamed or deleted file) durable.
 *
 * @example
 *   fsyncDir(dirname(file));
 */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
