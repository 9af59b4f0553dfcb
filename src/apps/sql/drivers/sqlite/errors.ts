/**
 * SQLite errors in the words tailsql's driver (modernc) uses, so clients that match on error text
 * keep working: `<sqlite3_errstr(code)>: <sqlite3_errmsg> (<code>)`, e.g.
 * `SQL logic error: no such table: nope (1)`.
 *
 * @example
 *   moderncMessage('SQLITE_ERROR', 'no such table: nope') // → 'SQL logic error: no such table: nope (1)'
 */

/** Primary result codes: [number, sqlite3_errstr text]. */
const PRIMARY: Readonly<Record<string, readonly [number, string]>> = {
  SQLITE_ERROR: [1, 'SQL logic error'],
  SQLITE_INTERNAL: [2, 'unknown error'],
  SQLITE_PERM: [3, 'access permission denied'],
  SQLITE_ABORT: [4, 'query aborted'],
  SQLITE_BUSY: [5, 'database is locked'],
  SQLITE_LOCKED: [6, 'database table is locked'],
  SQLITE_NOMEM: [7, 'out of memory'],
  SQLITE_READONLY: [8, 'attempt to write a readonly database'],
  SQLITE_INTERRUPT: [9, 'interrupted'],
  SQLITE_IOERR: [10, 'disk I/O error'],
  SQLITE_CORRUPT: [11, 'database disk image is malformed'],
  SQLITE_NOTFOUND: [12, 'unknown operation'],
  SQLITE_FULL: [13, 'database or disk is full'],
  SQLITE_CANTOPEN: [14, 'unable to open database file'],
  SQLITE_PROTOCOL: [15, 'locking protocol'],
  SQLITE_EMPTY: [16, 'unknown error'],
  SQLITE_SCHEMA: [17, 'database schema has changed'],
  SQLITE_TOOBIG: [18, 'string or blob too big'],
  SQLITE_CONSTRAINT: [19, 'constraint failed'],
  SQLITE_MISMATCH: [20, 'datatype mismatch'],
  SQLITE_MISUSE: [21, 'bad parameter or other API misuse'],
  SQLITE_NOLFS: [22, 'unknown error'],
  SQLITE_AUTH: [23, 'authorization denied'],
  SQLITE_FORMAT: [24, 'unknown error'],
  SQLITE_RANGE: [25, 'column index out of range'],
  SQLITE_NOTADB: [26, 'file is not a database'],
  SQLITE_NOTICE: [27, 'notification message'],
  SQLITE_WARNING: [28, 'warning message'],
};

/** modernc's error text for a better-sqlite3 error code (`SQLITE_ERROR`, `SQLITE_IOERR_READ`, …). */
export function moderncMessage(code: string, message: string): string {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? 'SQLITE_ERROR';
  const [num, str] = PRIMARY[primary] ?? [1, 'SQL logic error'];
  return message === str ? `${str} (${num})` : `${str}: ${message} (${num})`;
}
