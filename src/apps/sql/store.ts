/**
 * The query log's reads and writes (its tables, tailsql's, are in `schema.ts`): every query a
 * caller ran, allowed, denied, refused or failed, and a caller's own history.
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
