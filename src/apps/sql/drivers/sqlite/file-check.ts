/**
 * Can a SQLite source's file be opened? Checked before a source is first used (at start-up and
 * again on the next query while it fails), so a missing, unreadable or foreign file is reported
 * with its path and the operating system's reason instead of "ready" and, later, SQLite's bare
 * `unable to open database file (14)`.
 *
 * Reads only the first 16 bytes (the header), in this process: the runners still do the real,
 * read-only open. An empty file is a valid empty database, as SQLite treats it.
 *
 * @example
 *   sqliteFileProblem('/srv/none.db') // → '/srv/none.db: ENOENT: no such file or directory'
 *   sqliteFileProblem('/srv/main.db') // → undefined
 */
import { closeSync, openSync, readSync } from 'node:fs';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Why the file at `path` cannot be a SQLite source, or undefined when it can. */
export function sqliteFileProblem(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return `${path}: ${osReason(err)}`;
  }
  try {
    const head = Buffer.alloc(HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n > 0 && !head.subarray(0, n).equals(HEADER.subarray(0, n))) return `${path}: not a SQLite database (its header is not "SQLite format 3")`;
    if (n > 0 && n < HEADER.length) return `${path}: not a SQLite database (the file is ${n} bytes long)`;
    return undefined;
  } catch (err) {
    // EISDIR: a directory opens, but cannot be read.
    return `${path}: ${osReason(err)}`;
  } finally {
    closeSync(fd);
  }
}

/** Node's `ENOENT: no such file or directory, open '/x'` without the call and path (the caller names the path once). */
function osReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.message.replace(/, \w+(?: '.*')?$/, '');
}
