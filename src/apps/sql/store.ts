/**
 * The query log in tailsql's schema (reference §4.1), so tooling written for tailsql's state
 * database keeps working: `queries` (unique texts), `raw_query_log` (author, source, query_id,
 * timestamp in UTC with milliseconds, elapsed µs) and the `query_log` view.
 *
 * tailyard logs every query, not only successful ones: `raw_query_log` gains `outcome`, `node`,
 * `row_count` and `error` columns, and `query_log` shows only `outcome = 'ok'`, so anything that
 * counts rows of the view counts what tailsql would have. An existing tailsql state file
 * (`localState`) is upgraded in place by adding the columns.
 *
 * Entries are written in batches (every `flushMs`, in one transaction, and on close), each with
 * the time it was recorded: one transaction per query cost more than the rest of a small query.
 * Like tailsql, a failure to write the log is logged and never fails a query.
 *
 * @example
 *   const log = new QueryLog(db);
 *   log.record({ author: 'amy@example.com', node: 'amy-laptop', source: 'main', query: 'select 1', elapsedUs: 812, rows: 1, outcome: 'ok' });
 */
import type { Database } from 'better-sqlite3';

/** How a logged query ended. */
export type Outcome = 'ok' | 'denied' | 'refused' | 'invalid' | 'failed' | 'timeout' | 'cancelled';

export interface LogEntry {
  author: string;
  node: string;
  source: string;
  query: string;
  elapsedUs: number;
  rows: number | null;
  outcome: Outcome;
  error?: string;
}

export interface HistoryRow {
  source: string;
  query: string;
  timestamp: string;
  elapsed: number | null;
  outcome: Outcome;
  rowCount: number | null;
  error: string | null;
}

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

export interface QueryLogOptions {
  /** How often pending entries are written (ms). */
  flushMs?: number;
  onError?(err: Error): void;
}

export class QueryLog {
  readonly #upsert;
  readonly #insert;
  readonly #history;
  readonly #write: (entries: Array<[LogEntry, string]>) => void;
  #pending: Array<[LogEntry, string]> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    db: Database,
    private readonly opts: QueryLogOptions = {},
  ) {
    this.#upsert = db.prepare('INSERT INTO queries (query) VALUES (?) ON CONFLICT (query) DO UPDATE SET query = excluded.query RETURNING query_id');
    this.#insert = db.prepare(
      'INSERT INTO raw_query_log (author, source, query_id, timestamp, elapsed, outcome, node, row_count, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#history = db.prepare(`SELECT source, query, timestamp, elapsed, outcome, row_count AS rowCount, error
      FROM raw_query_log JOIN queries USING (query_id) WHERE author = ? ORDER BY raw_query_log.rowid DESC LIMIT ?`);
    this.#write = db.transaction((entries: Array<[LogEntry, string]>) => {
      for (const [e, at] of entries) {
        const { query_id } = this.#upsert.get(e.query) as { query_id: number };
        const elapsed = e.elapsedUs > 0 ? Math.round(e.elapsedUs) : null;
        this.#insert.run(e.author, e.source, query_id, at, elapsed, e.outcome, e.node || null, e.rows, e.error ?? null);
      }
    });
  }

  /** Queues one entry, stamped now (UTC, milliseconds, tailsql's format); tailsql stores elapsed µs, NULL when 0. */
  record(e: LogEntry): void {
    this.#pending.push([e, new Date().toISOString().slice(0, 23)]);
    this.#timer ??= setTimeout(() => this.flush(), this.opts.flushMs ?? 100);
  }

  /** Writes the pending entries now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const entries = this.#pending;
    this.#pending = [];
    try {
      this.#write(entries);
    } catch (err) {
      this.opts.onError?.(err as Error);
    }
  }

  /** The author's latest queries, newest first, failed ones included. */
  history(author: string, limit = 200): HistoryRow[] {
    this.flush();
    return this.#history.all(author, limit) as HistoryRow[];
  }
}
