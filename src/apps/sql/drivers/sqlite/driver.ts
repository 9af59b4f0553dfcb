/**
 * The `sqlite` driver: queries and schema reads for one SQLite file, run in the runner pool.
 *
 * Stopping a query (signal aborted: timeout, Cancel, client gone) kills the runner doing it,
 * which is the only way to stop a statement stuck in one long `sqlite3_step`. A runner that dies
 * on its own (killed from outside, out of memory) fails its query with a 503 naming the source;
 * the pool starts another for the next query. The request's `owner` is the caller the pool
 * shares its runners between.
 *
 * @example
 *   const d = new SqliteDriver(pool, { path: '/data/main.db', memory: false }, 'main');
 *   const s = await d.query({ sql: 'select 1', mode: { kind: 'rows', limit: 500, count: true }, maxRows: 0, signal, deadline: 0 });
 */
import { deserialize } from 'node:v8';
import type { Cell, Column } from '../../format/values.js';
import { type Chunk, type Driver, QueryError, type QueryRequest, type QueryStream, type SchemaObject, type Summary } from '../types.js';
import type { StopSignal } from '../stop.js';
import type { RunnerJob } from './job.js';
import type { SqlitePool } from './pool.js';
import type { Frame, RunnerError, RunnerRequest, RunnerTarget } from './protocol.js';

export class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;

  constructor(
    private readonly pool: SqlitePool,
    readonly target: RunnerTarget,
    /** The source's name, for the errors its callers see. */
    readonly source: string,
  ) {}

  #request(op: RunnerRequest['op'], req?: QueryRequest): RunnerRequest {
    return {
      op,
      target: this.target,
      sql: req?.sql ?? '',
      mode: req?.mode ?? { kind: 'rows', limit: 0, count: false },
      maxRows: req?.maxRows ?? 0,
      countDeadline: (req?.mode.kind === 'rows' ? req.mode.countUntil : undefined) ?? req?.deadline ?? 0,
    };
  }

  async query(req: QueryRequest): Promise<QueryStream> {
    const job = await this.pool.start(this.#request('query', req), req.signal, req.owner);
    const stop = () => job.abort();
    if (req.signal.aborted) stop();
    req.signal.addEventListener('abort', stop, { once: true });
    const read = () => nextFrame(job, req.signal, this.source);
    const head = await read();
    if (head.type !== 'H') {
      req.signal.removeEventListener('abort', stop);
      throw unexpected(head);
    }
    const { columns } = JSON.parse(head.body.toString()) as { columns: Column[] };
    const summary: Summary = { rows: 0, truncated: false };
    let done = false;
    return {
      columns,
      summary,
      async next(): Promise<Chunk | null> {
        if (done) return null;
        const f = await read();
        if (f.type === 'T') return { kind: 'text', text: f.body };
        if (f.type === 'R') return { kind: 'rows', rows: deserialize(f.body) as Cell[][] };
        done = true;
        req.signal.removeEventListener('abort', stop);
        if (f.type === 'E') {
          Object.assign(summary, JSON.parse(f.body.toString()) as Summary);
          return null;
        }
        throw unexpected(f);
      },
      close() {
        done = true;
        req.signal.removeEventListener('abort', stop);
        job.abort();
      },
    };
  }

  async schema(signal: StopSignal, owner?: string): Promise<SchemaObject[]> {
    const job = await this.pool.start(this.#request('schema'), signal, owner);
    const stop = () => job.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const f = await nextFrame(job, signal, this.source);
      if (f.type !== 'S') throw unexpected(f);
      return JSON.parse(f.body.toString()) as SchemaObject[];
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  async close(): Promise<void> {
    // The pool is shared by every SQLite source and closed by the app.
  }
}

/**
 * The next frame; once the query was stopped, the reason the service gave instead (even for
 * frames already received). A job fails only when its runner dies, so any other failure is a
 * runner that died under the query.
 */
async function nextFrame(job: RunnerJob, signal: StopSignal, source: string): Promise<Frame> {
  if (signal.aborted) throw signal.reason;
  try {
    return await job.next();
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw new QueryError('unavailable', `SQLite source "${source}" lost its query: ${(err as Error).message}; try again`);
  }
}

function unexpected(f: Frame): QueryError {
  if (f.type === 'X') {
    const e = JSON.parse(f.body.toString()) as RunnerError;
    return new QueryError(e.kind, e.message);
  }
  return new QueryError('database', `unexpected reply from the SQLite runner (${f.type})`);
}
