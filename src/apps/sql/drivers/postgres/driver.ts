/**
 * The `postgres` driver (`pg` with `pg-cursor`): every query runs in `BEGIN READ ONLY` with the
 * source's `statement_timeout`, through the extended protocol only (a cursor: Parse/Bind/Execute,
 * so a text holding two statements is refused by the server and `COMMIT; DELETE …` cannot
 * escape), is always rolled back, and the session is reset (`DISCARD ALL`: advisory locks,
 * prepared statements, settings) before the connection goes back to the pool. Rows stream from
 * the cursor in batches, so exports use flat memory.
 *
 * Stopping a query sends PostgreSQL's cancel request for the backend running it (server-side
 * cancel), then discards that connection without waiting for the server (which may be gone).
 *
 * A connection that dies under a query (the backend terminated, the server restarting, a reset)
 * fails that query with a 503 naming the source and is discarded; the next query opens a new one.
 * Every connection is listened to for 'error' while a query holds it (see `lease.ts`).
 *
 * @example
 *   const d = new PostgresDriver('postgres://reader@127.0.0.1:5432/app', { source: 'main', timeoutMs: 5000, log });
 */
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Logger } from 'pino';
import { FORMATS } from '../../format/encoders.js';
import type { Cell, Column } from '../../format/values.js';
import type { StopSignal } from '../stop.js';
import { type Chunk, type Driver, QueryError, type QueryRequest, type QueryStream, type SchemaObject, type Summary } from '../types.js';
import { describePgError, lostConnection } from './errors.js';
import { type Lease, leaseConnection } from './lease.js';
import { SCHEMA_SQL, schemaFromRows } from './schema.js';
import { PG_TYPES, pgTypeName } from './values.js';

const BATCH = 1000;
/** The first read is small, so the first bytes of a slow query's export go out early. */
const FIRST_BATCH = 100;

export interface PostgresOptions {
  /** The source's name, for the errors its callers see. */
  source: string;
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
    this.#config = {
      connectionString: url,
      max: opts.poolSize ?? 4,
      application_name: 'tailyard-sql',
      connectionTimeoutMillis: 10_000,
      // A peer that vanished without a reset (a dropped network) is found by TCP keep-alive.
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
    };
    this.#pool = new pg.Pool(this.#config);
    // An idle connection losing its server: the pool drops it; the next query opens another.
    this.#pool.on('error', (err) => opts.log.warn({ source: opts.source, err: err.message }, 'PostgreSQL connection lost'));
  }

  /** A connection in a fresh read-only transaction. */
  async #begin(signal: StopSignal, timeoutMs: number, retried = false): Promise<Lease> {
    const lease = await leaseConnection(this.#pool, this.opts.source);
    if (signal.aborted) {
      lease.release(false);
      throw signal.reason;
    }
    try {
      await lease.client.query('BEGIN READ ONLY');
      if (timeoutMs > 0) await lease.client.query(`SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`);
      return lease;
    } catch (err) {
      lease.release(true);
      // An idle connection that died unnoticed fails its first statement; nothing has run yet,
      // so a fresh connection is tried once before the caller hears about it.
      if (!retried && lostConnection(err) !== undefined) return this.#begin(signal, timeoutMs, true);
      throw describePgError(err, this.opts.source);
    }
  }

  /** Rolls back and resets the session; a connection that cannot be reset is discarded. */
  async #end(lease: Lease, broken: boolean): Promise<void> {
    if (broken || lease.lost) {
      lease.release(true);
      return;
    }
    try {
      await lease.client.query('ROLLBACK');
      await lease.client.query('DISCARD ALL');
      lease.release(false);
    } catch {
      lease.release(true);
    }
  }

  /** Sends the cancel request for whatever `client` is running (server-side cancel). */
  #cancel(client: pg.PoolClient, cursor: unknown): void {
    const canceller = new pg.Client(this.#config) as pg.Client & { cancel(c: pg.Client, q: unknown): void };
    // The cancel request has a connection of its own, which fails when the server is gone.
    const failed = (err: Error) => this.opts.log.warn({ source: this.opts.source, err: err.message }, 'PostgreSQL cancel request failed');
    canceller.on('error', failed);
    canceller.connection.on('error', failed);
    canceller.cancel(client, cursor);
  }

  async query(req: QueryRequest): Promise<QueryStream> {
    const remaining = req.deadline > 0 ? Math.max(1, req.deadline - Date.now()) : 0;
    const lease = await this.#begin(req.signal, remaining || this.opts.timeoutMs);
    const { client } = lease;
    const cursor = client.query(new Cursor<Cell[]>(req.sql, undefined, { rowMode: 'array', types: PG_TYPES }));
    let finished = false;
    let broken = false;
    // Settles when the query is stopped, so a read the server never answers is not waited for.
    let abandon!: (reason: unknown) => void;
    const abandoned = new Promise<never>((_resolve, reject) => {
      abandon = reject;
    });
    abandoned.catch(() => undefined);
    const finish = async () => {
      if (finished) return;
      finished = true;
      req.signal.removeEventListener('abort', stop);
      // The portal must be closed before anything else can run on this connection.
      if (!broken && !lease.lost) await Promise.race([cursor.close().catch(() => undefined), lease.gone]);
      await this.#end(lease, broken);
    };
    const stop = () => {
      if (finished) return;
      broken = true;
      abandon(req.signal.aborted ? req.signal.reason : new QueryError('cancelled', 'query stopped'));
      this.#cancel(client, cursor);
    };
    req.signal.addEventListener('abort', stop, { once: true });
    const fetch = async (n: number) => {
      try {
        return await Promise.race([read(cursor, n), abandoned]);
      } catch (err) {
        await finish();
        throw req.signal.aborted ? req.signal.reason : describePgError(err, this.opts.source);
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

  async schema(signal: StopSignal): Promise<SchemaObject[]> {
    const lease = await this.#begin(signal, this.opts.timeoutMs);
    try {
      const { rows } = await lease.client.query(SCHEMA_SQL);
      return schemaFromRows(rows);
    } catch (err) {
      throw describePgError(err, this.opts.source);
    } finally {
      await this.#end(lease, false);
    }
  }

  /** Runs trusted SQL (role checks) in a read-only transaction. */
  async inspect<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const lease = await this.#begin(new AbortController().signal, this.opts.timeoutMs);
    try {
      return (await lease.client.query<T>(sql)).rows;
    } catch (err) {
      throw describePgError(err, this.opts.source);
    } finally {
      await this.#end(lease, false);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
