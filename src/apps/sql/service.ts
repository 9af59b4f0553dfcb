/**
 * Running one query, in tailsql's order: access for the source, `meta:` and `named:` resolution,
 * the read-only check, then the driver, under the source's timeout, stopped on Cancel or when the
 * client goes away; and every attempt (allowed, denied, refused, failed) in the query log.
 *
 * Routes call `authorize` first (tailsql checks access before it even looks at the path), then
 * `start`, read the stream, and call `finish` exactly once. `schema` reads a source's tables and
 * views the same way (after `authorize`, within the timeout, stopped when the client goes away).
 * No HTTP here: the routes parse the request, call the service and present what it returns.
 *
 * @example
 *   const run = await service.start({ caller, src: 'main', q: 'select 1', mode: { kind: 'rows', limit: 500, count: true } });
 *   try { for (let c = await run.stream.next(); c; c = await run.stream.next()) use(c); run.finish(); }
 *   catch (err) { run.finish(err); throw err; }
 */
import type { Logger } from 'pino';
import type { Caller } from '../../platform/identity.js';
import { Stop } from './drivers/stop.js';
import { type QueryMode, type QueryStream, QueryError, type SchemaObject } from './drivers/types.js';
import { httpError, SqlError } from './errors.js';
import { type Access, accessOf, decide } from './access.js';
import { memoryStream } from './memory-stream.js';
import type { Outcome, QueryLog } from './store.js';
import { checkReadOnly } from './safety/readonly.js';
import { utf8Text } from './format/raw-text.js';
import type { Source } from './sources.js';

export interface ServiceDeps {
  sources: readonly Source[];
  capName: string;
  /** Default query timeout (ms; 0 = none); a source's own `timeout` wins. */
  queryTimeoutMs: number;
  log: Pick<Logger, 'warn' | 'info' | 'error'>;
  queryLog: QueryLog;
}

export interface QueryInput {
  caller: Caller;
  /** The `src` parameter ('' = the first source the caller may query). */
  src: string;
  /** The trimmed `q` parameter, as sent (Go's bytes: invalid ones escaped, format/raw-text.ts). */
  q: string;
  mode: QueryMode;
  /** Run `EXPLAIN QUERY PLAN` (SQLite) / `EXPLAIN` (PostgreSQL) of the query instead. */
  explain?: boolean;
  /** Tells when the client disconnects. */
  clientGone?: ClientGone;
  /** A client-chosen id the Cancel button can name. */
  cancelId?: string;
  /** Announced export cap override (else the source's, else the app's). */
  maxRows?: number;
}

export interface RunningQuery {
  source: Source;
  /** The SQL that ran (named queries resolved). */
  sql: string;
  stream: QueryStream;
  /** Ends the query: stops the timer, logs it. Call once, with the error if it failed. */
  finish(err?: unknown): void;
}

/** The client's connection closing early (see `routes/respond.ts`). */
export interface ClientGone {
  readonly gone: boolean;
  /** Calls `fn` once when the client goes away; returns the unsubscribe. */
  subscribe(fn: () => void): () => void;
}

/** How long the console counts rows beyond the page when the source has no timeout. */
const COUNT_BUDGET_MS = 10_000;
/** How long reading a schema may take when neither the source nor the app sets a timeout. */
const SCHEMA_TIMEOUT_MS = 30_000;

interface Cancellable {
  controller: Stop;
  author: string;
}

/** Who, for the log: tailsql's rule (a tagged node's name, else the login). */
export function authorOf(caller: Caller): string {
  return caller.isTagged ? caller.nodeFQDN || caller.nodeName : caller.login;
}

export class SqlService {
  readonly #running = new Map<string, Cancellable>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly maxRowsDefault: number,
  ) {}

  get sources(): readonly Source[] {
    return this.deps.sources;
  }

  access(caller: Caller): Access {
    return accessOf(caller, this.deps.capName, this.deps.log);
  }

  /** The sources the caller may query, in config order. */
  visibleSources(caller: Caller): Source[] {
    const access = this.access(caller);
    return this.deps.sources.filter((s) => decide(access, s.slug, { appSource: s.appSource }).ok);
  }

  /** `src` as tailsql resolves it: empty means the first source (the first one the caller may query). */
  sourceSlug(caller: Caller, src: string): string {
    if (src !== '') return src;
    return (this.visibleSources(caller)[0] ?? this.deps.sources[0])?.slug ?? '';
  }

  /**
   * tailsql's `checkAuth`: throws SqlError('unauthenticated' | 'forbidden') and logs the denial.
   * `exempt` (the page or /meta with no query) admits any identified caller.
   */
  authorize(caller: Caller, src: string, q: string, exempt: boolean): void {
    if (exempt && caller.kind !== 'anonymous') return;
    const source = this.deps.sources.find((s) => s.slug === src);
    const d = decide(this.access(caller), src, { appSource: source?.appSource ?? false });
    if (d.ok) return;
    const err = new SqlError(d.status === 401 ? 'unauthenticated' : 'forbidden', d.message);
    this.#log(caller, src, q, 0, null, err);
    throw err;
  }

  async start(input: QueryInput): Promise<RunningQuery> {
    const started = performance.now();
    const src = this.sourceSlug(input.caller, input.src);
    let sql = input.q;
    try {
      if (sql.startsWith('meta:')) return this.#meta(input, src);
      const source = this.deps.sources.find((s) => s.slug === src);
      if (!source) throw new SqlError('unknown-source', src);
      if (sql.startsWith('named:')) {
        const name = sql.slice('named:'.length);
        const named = Object.hasOwn(source.named, name) ? source.named[name] : undefined;
        if (named === undefined) throw new SqlError('unknown-named', name);
        sql = named;
      }
      // The names above were matched as sent; the database is given UTF-8 text.
      sql = utf8Text(sql);
      const verdict = checkReadOnly(sql, source.dialect);
      if (!verdict.ok) throw new QueryError('refused', verdict.reason);
      if (input.explain) sql = `${source.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${sql}`;
      return await this.#run(input, source, sql, started);
    } catch (err) {
      this.#log(input.caller, src, sql, started, null, err);
      throw err;
    }
  }

  async #run(input: QueryInput, source: Source, sql: string, started: number): Promise<RunningQuery> {
    const timeoutMs = source.timeoutMs || this.deps.queryTimeoutMs;
    const controller = new Stop();
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(new QueryError('timeout', 'context deadline exceeded')), timeoutMs) : undefined;
    const onClientGone = () => controller.abort(new QueryError('cancelled', 'the client went away'));
    const unsubscribe = input.clientGone?.subscribe(onClientGone);
    const author = authorOf(input.caller);
    if (input.cancelId) this.#running.set(input.cancelId, { controller, author });
    const cleanup = () => {
      clearTimeout(timer);
      unsubscribe?.();
      if (input.cancelId && this.#running.get(input.cancelId)?.controller === controller) this.#running.delete(input.cancelId);
    };
    let stream: QueryStream;
    try {
      if (input.clientGone?.gone) onClientGone();
      const driver = await source.driver();
      const maxRows = input.maxRows ?? (source.maxRows || this.maxRowsDefault);
      const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : 0;
      // Counting the rows beyond the page stops well before the timeout (the page must still show).
      const countFor = timeoutMs > 0 ? Math.min(COUNT_BUDGET_MS, timeoutMs / 2) : COUNT_BUDGET_MS;
      const mode = input.mode.kind === 'rows' && input.mode.count ? { ...input.mode, countUntil: Date.now() + countFor } : input.mode;
      stream = await driver.query({ sql, mode, maxRows, signal: controller.signal, deadline, owner: author });
    } catch (err) {
      cleanup();
      throw controller.signal.aborted && !(err instanceof QueryError && err.kind === 'refused') ? controller.signal.reason : err;
    }
    let finished = false;
    return {
      source,
      sql,
      stream,
      finish: (err) => {
        if (finished) return;
        finished = true;
        cleanup();
        if (err !== undefined) stream.close();
        const failure = err !== undefined && controller.signal.aborted ? controller.signal.reason : err;
        this.#log(input.caller, source.slug, sql, started, stream.summary.rows, failure);
      },
    };
  }

  /** `meta:named`: every named query of the sources the caller may query, in a stable order. */
  #meta(input: QueryInput, src: string): RunningQuery {
    if (input.q !== 'meta:named') throw new SqlError('unknown-meta', input.q);
    const rows = this.visibleSources(input.caller).flatMap((s) =>
      Object.keys(s.named)
        .sort()
        .map((name) => [s.slug, s.label, name, s.named[name] as string]),
    );
    const columns = ['source', 'label', 'queryName', 'sql'].map((name) => ({ name, type: 'TEXT' }));
    const stream = memoryStream(columns, rows, input.mode);
    const source = this.deps.sources.find((s) => s.slug === src) ?? (this.deps.sources[0] as Source);
    // tailsql does not log meta-queries.
    return { source, sql: input.q, stream, finish: () => undefined };
  }

  /**
   * The tables and views `src`'s connection can see, read within the query timeout and stopped
   * when the client goes away. Routes call `authorize` first, as for a query.
   */
  async schema(caller: Caller, src: string, clientGone?: ClientGone): Promise<SchemaObject[]> {
    const source = this.deps.sources.find((s) => s.slug === src);
    if (!source) throw new SqlError('unknown-source', src);
    const ctl = new Stop();
    const unsubscribe = clientGone?.subscribe(() => ctl.abort(new QueryError('cancelled', 'the client went away')));
    const timeout = source.timeoutMs || this.deps.queryTimeoutMs || SCHEMA_TIMEOUT_MS;
    const timer = setTimeout(() => ctl.abort(new QueryError('timeout', 'reading the schema timed out')), timeout);
    try {
      const driver = await source.driver();
      return await driver.schema(ctl.signal, authorOf(caller));
    } finally {
      clearTimeout(timer);
      unsubscribe?.();
    }
  }

  /** Stops a running query started with `cancelId` by the same author. */
  cancel(caller: Caller, cancelId: string): boolean {
    const q = this.#running.get(cancelId);
    if (!q || q.author !== authorOf(caller)) return false;
    q.controller.abort(new QueryError('cancelled', 'query cancelled'));
    return true;
  }

  #log(caller: Caller, source: string, query: string, started: number, rows: number | null, err: unknown): void {
    if (query === '') return;
    let outcome: Outcome = 'ok';
    let error: string | undefined;
    if (err !== undefined) {
      const f = httpError(err);
      outcome = f.outcome;
      error = f.message;
    }
    this.deps.queryLog.record({
      author: authorOf(caller),
      node: caller.nodeFQDN || caller.nodeName,
      source: utf8Text(source),
      query: utf8Text(query),
      elapsedUs: started > 0 ? (performance.now() - started) * 1000 : 0,
      rows,
      outcome,
      error,
    });
  }
}
