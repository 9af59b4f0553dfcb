/**
 * tailsql's SQLite connection strings, read the way SQLite's URI parser reads them, so the file
 * can be opened read-only by path: better-sqlite3 never sees a `file:` URI (a build without URI
 * support would take it as a literal file name and, opened writable, create it).
 *
 * Accepted: `file:rel/path.db?mode=ro`, `file:/abs/path.db`, `file:///abs/path.db`,
 * `file://localhost/abs`, percent-escapes, `file::memory:`, and a plain path. Every query
 * parameter is returned so the caller can warn about the ones it ignores; `mode` other than
 * `ro` is overridden (sources are always opened read-only).
 *
 * @example
 *   parseSqliteUrl('file:data/main.db?mode=ro', '/srv') // → { path: '/srv/data/main.db', memory: false, params: { mode: 'ro' } }
 */
import { isAbsolute, resolve } from 'node:path';

export interface SqliteTarget {
  /** Absolute path ('' for an in-memory database). */
  path: string;
  memory: boolean;
  params: Record<string, string>;
}

export class SqliteUrlError extends Error {
  override name = 'SqliteUrlError';
}

function decode(s: string, what: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new SqliteUrlError(`invalid percent-escape in the ${what} of the SQLite URL`);
  }
}

/** Parses a tailsql `url` for the sqlite driver; relative paths resolve against `cwd`. */
export function parseSqliteUrl(url: string, cwd: string): SqliteTarget {
  if (url === ':memory:') return { path: '', memory: true, params: {} };
  if (!url.startsWith('file:')) {
    if (url === '') throw new SqliteUrlError('empty SQLite path');
    return { path: isAbsolute(url) ? url : resolve(cwd, url), memory: false, params: {} };
  }
  let rest = url.slice('file:'.length);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  let path = q >= 0 ? rest.slice(0, q) : rest;
  if (path.startsWith('//')) {
    const slash = path.indexOf('/', 2);
    const authority = slash < 0 ? path.slice(2) : path.slice(2, slash);
    if (authority !== '' && authority !== 'localhost') throw new SqliteUrlError(`invalid uri authority: ${authority}`);
    path = slash < 0 ? '' : path.slice(slash);
  }
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), 'query');
    params[key] = decode(eq < 0 ? '' : pair.slice(eq + 1), 'query');
  }
  path = decode(path, 'path');
  if (path === ':memory:' || params.mode === 'memory') return { path: '', memory: true, params };
  if (path === '') throw new SqliteUrlError('the SQLite URL names no file');
  return { path: isAbsolute(path) ? path : resolve(cwd, path), memory: false, params };
}
