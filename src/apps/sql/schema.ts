/**
 * The SQL console's schema: tailsql's query log (reference §4.1; the queries themselves are in
 * `store.ts`). Migration 1 creates it in the app's database, `sql.db`; a tailsql state file
 * named by `localState` is brought to the same shape by {@link ensureQueryLogSchema} when it is
 * opened, since tailyard does not own that file's migrations.
 *
 * The tables keep tailsql's names and columns, so tooling written for tailsql's state database
 * keeps working: `queries` (unique texts), `raw_query_log` (author, source, query_id, timestamp
 * in UTC with milliseconds, elapsed µs) and the `query_log` view. tailyard logs every query, not
 * only successful ones: `raw_query_log` gains `outcome`, `node`, `row_count` and `error`, and
 * `query_log` shows only `outcome = 'ok'`, so anything that counts rows of the view counts what
 * tailsql would have. An existing tailsql file is upgraded in place by adding the columns.
 *
 * Never renumber a migration or change what it does: data directories have run them.
 *
 * @example
 *   openAppDatabase(join(dataDir, 'sql.db'), migrations);
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from '../../platform/app.js';

const ADDED_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['outcome', "TEXT NOT NULL DEFAULT 'ok'"],
  ['node', 'TEXT NULL'],
  ['row_count', 'INTEGER NULL'],
  ['error', 'TEXT NULL'],
];

/** Creates or upgrades the query-log tables and view (idempotent). */
export function ensureQueryLogSchema(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS queries (
      query_id INTEGER PRIMARY KEY AUTOINCREMENT,
      query TEXT NOT NULL,
      UNIQUE (query));
    CREATE TABLE IF NOT EXISTS raw_query_log (
      author TEXT NULL,
      source TEXT NOT NULL,
      query_id INTEGER NOT NULL REFERENCES queries (query_id),
      timestamp TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
      elapsed INTEGER NULL);`);
  const have = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('raw_query_log') as Array<{ name: string }>).map((r) => r.name));
  if (!have.has('elapsed')) db.exec('ALTER TABLE raw_query_log ADD COLUMN elapsed INTEGER NULL');
  for (const [name, decl] of ADDED_COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE raw_query_log ADD COLUMN ${name} ${decl}`);
  db.exec(`DROP VIEW IF EXISTS query_log;
    CREATE VIEW query_log AS
      SELECT author, source, query, timestamp, elapsed FROM raw_query_log JOIN queries USING (query_id) WHERE outcome = 'ok';
    CREATE INDEX IF NOT EXISTS raw_query_log_author ON raw_query_log (author);`);
}

export const migrations: Migration[] = [{ version: 1, name: 'tailsql query log', up: (db) => ensureQueryLogSchema(db) }];
