/**
 * The `postgres` driver (`pg` with `pg-cursor`): every query runs in `BEGIN READ ONLY` with the
 * source's `statement_timeout`, through the extended protocol only (a cursor: Parse/Bind/Execute,
 * so a text holding two statements is refused by the server and `COMMIT; DELETE …` cannot
 * escape), is always rolled back, and the session is reset (`DISCARD ALL`: advisory locks,
 * prepared statements, settings) before the connection goes back to the pool. Rows stream from
 * the cursor in batches, so exports use flat memory.
 *
 * Stopping a query sends PostgreSQL's cancel request for the backend running it (server-side
 * cancel), then discards that connection.
 *
 * @example
 *   const d = new PostgresDriver('postgres://reader@127.0.0.1:5432/app', { timeoutMs: 5000, log });
 */
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Logger } from 'pino';
import { FORMATS } from '../../format/encoders.js';
import type { Cell, Column } from '../../format/values.js';
import { type Chunk, type Driver, QueryError, type QueryRequest, type QueryStream, type SchemaObject, type Summary } from '../types.js';
import { describePgError } from './errors.js';
import { SCHEMA_SQL, schemaFromRows } from './schema.js';
import { PG_TYPES, pgTypeName } from './values.js';

const BATCH = 1000;
/** The first read is small, so the first bytes of a slow query's export go out early. */
const FIRST_BATCH = 100;

export interface PostgresOptions {
  /** The source's statement_timeout (ms; 0 = none). */
  timeoutMs: number;
  log: Pick<Logger, 'warn' | 'error'>;
  poolSize?: number;
}

type Field = { name: string; dataTypeID: number };

function read(cursor: Cursor<Cell[]>, n: number): Promise<{ rows: Cell[][]; fields: Field[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => (err ? reject(err) : resolve({ rows, fields: (result?.fields ?? []) as Field[] })));
  });
}

export class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #config: pg.PoolConfig;

  constructor(
    url: string,
    private readonly opts: PostgresOptions,
  ) {
    this.#config = { connectionString: url, max: opts.poolSize ?? 4, application_name: 'tailyard-sql', connectionTimeoutMillis: 10_000 };
    this.#pool = new pg.Pool(this.#config);
    // An idle client losing its server connection must not crash the process.
    this.#pool.on('error', (err) => opts.log.warn({ err: err.message }, 'PostgreSQL connection lost'));
  }

  /** A client in a fresh read-only transaction. */
  async #begin(signal: AbortSignal, timeoutMs: number): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (err) {
      throw new QueryError('unavailable', `cannot connect to PostgreSQL: ${(err as Error).message}`);
    }
    if (signal.aborted) {
      client.release();
      throw signal.reason;
    }
    try {
      await client.query('BEGIN READ ONLY');
      if (timeoutMs > 0) await client.query(`SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`);
      return client;
    } catch (err) {
      client.release(true);
      throw describePgError(err);
    }
  }

  /** Rolls back and resets the session; a connection that cannot be reset is discarded. */
  async #end(client: pg.PoolClient, broken: boolean): Promise<void> {
    if (broken) {
      client.release(true);
      return;
    }
    try {
      await client.query('ROLLBACK');
      await client.query('DISCARD ALL');
      client.release();
    } catch {
      client.release(true);
    }
  }

  /** Sends the cancel request for whatever `client` is running (server-side cancel). */
  #cancel(client: pg.PoolClient, cursor: unknown): void {
    const canceller = new pg.Client(this.#config) as pg.Client & { cancel(c: pg.Client, q: unknown): void };
    canceller.cancel(client, cursor);
  }

  async query(req: QueryRequest): Promise<QueryStream> {
    const remaining = req.deadline > 0 ? Math.max(1, req.deadline - Date.now()) : 0;
    const client = await this.#begin(req.signal, remaining || this.opts.timeoutMs);
    const cursor = client.query(new Cursor<Cell[]>(req.sql, undefined, { rowMode: 'array', types: PG_TYPES }));
    let finished = false;
    let broken = false;
    const finish = async () => {
      if (finished) return;
      finished = true;
      req.signal.removeEventListener('abort', stop);
      // The portal must be closed before anything else can run on this connection.
      if (!broken) await cursor.close().catch(() => undefined);
      await this.#end(client, broken);
    };
    const stop = () => {
      if (finished) return;
      broken = true;
      this.#cancel(client, cursor);
    };
    req.signal.addEventListener('abort', stop, { once: true });
    const fetch = async (n: number) => {
      try {
        return await read(cursor, n);
      } catch (err) {
        await finish();
        throw req.signal.aborted ? req.signal.reason : describePgError(err);
      }
    };
    const first = await fetch(req.mode.kind === 'rows' ? req.mode.limit + 1 : FIRST_BATCH);
    const columns: Column[] = first.fields.map((f) => ({ name: f.name, type: pgTypeName(f.dataTypeID) }));
    const summary: Summary = { rows: 0, truncated: false };
    const next = req.mode.kind === 'encode' ? this.#encoded(req, columns, summary, first, fetch) : this.#rows(req, summary, first, fetch);
    return {
      columns,
      summary,
      next: async () => {
        const chunk = await next();
        if (chunk === null) await finish();
        return chunk;
      },
      close: () => {
        stop();
        void finish();
      },
    };
  }

  #encoded(req: QueryRequest, columns: Column[], summary: Summary, first: { rows: Cell[][] }, fetch: (n: number) => Promise<{ rows: Cell[][] }>) {
    const enc = FORMATS[(req.mode as { format: keyof typeof FORMATS }).format].create();
    let pending: Cell[][] | null = first.rows;
    let head = enc.begin(columns);
    return async (): Promise<Chunk | null> => {
      if (pending === null) return null;
      let text = head;
      head = '';
      for (const row of pending) {
        if (req.maxRows > 0 && summary.rows === req.maxRows) {
          summary.truncated = true;
          break;
        }
        text += enc.row(row);
        summary.rows++;
      }
      const more = !summary.truncated && pending.length > 0;
      pending = more ? (await fetch(BATCH)).rows : [];
      if (pending.length === 0) {
        text += enc.end(summary);
        pending = null;
      }
      return { kind: 'text', text };
    };
  }

  #rows(req: QueryRequest, summary: Summary, first: { rows: Cell[][] }, fetch: (n: number) => Promise<{ rows: Cell[][] }>) {
    const { limit, count } = req.mode as { limit: number; count: boolean };
    let sent = false;
    return async (): Promise<Chunk | null> => {
      if (sent) return null;
      sent = true;
      const rows = first.rows.slice(0, limit);
      summary.rows = rows.length;
      summary.truncated = first.rows.length > limit;
      if (!summary.truncated) summary.total = rows.length;
      else if (count) summary.total = await this.#countRest(req, first.rows.length, fetch);
      return { kind: 'rows', rows };
    };
  }

  /** Counts the remaining rows until the deadline; undefined when time runs out first. */
  async #countRest(req: QueryRequest, seen: number, fetch: (n: number) => Promise<{ rows: Cell[][] }>): Promise<number | undefined> {
    let total = seen;
    const until = (req.mode.kind === 'rows' ? req.mode.countUntil : undefined) ?? req.deadline;
    for (;;) {
      if (until > 0 && Date.now() > until) return undefined;
      const { rows } = await fetch(10 * BATCH);
      if (rows.length === 0) return total;
      total += rows.length;
    }
  }

  async schema(signal: AbortSignal): Promise<SchemaObject[]> {
    const client = await this.#begin(signal, this.opts.timeoutMs);
    try {
      const { rows } = await client.query(SCHEMA_SQL);
      return schemaFromRows(rows);
    } catch (err) {
      throw describePgError(err);
    } finally {
      await this.#end(client, false);
    }
  }

  /** Runs trusted SQL (role checks) in a read-only transaction. */
  async inspect<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const client = await this.#begin(new AbortController().signal, this.opts.timeoutMs);
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await this.#end(client, false);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
