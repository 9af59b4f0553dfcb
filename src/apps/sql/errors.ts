/**
 * Every way a SQL console request can fail, and the one table that maps each to an HTTP status,
 * the body tailsql would write (reference §1.2: `[400] no query provided`-style for its status
 * errors, the bare message for method, size and authorization errors, database errors verbatim),
 * and the outcome recorded in the query log.
 *
 * tailsql's routes answer through {@link httpError} themselves (their wire format, routes/wire.ts);
 * the console's own routes (`/export`, `/schema`, `/history`, `/api/…`) throw, and `errors` gives
 * the platform's renderer the same statuses and messages (a page for browsers, JSON or text).
 *
 * @example
 *   httpError(new SqlError('unknown-source', 'nosuch')) // → { status: 400, body: '[400] unknown source "nosuch"\n', outcome: 'invalid' }
 */
import type { AppFailure } from '../../platform/errors.js';
import { goQuote } from '../../platform/go/strconv.js';
import { QueryError } from './drivers/types.js';
import type { Outcome } from './store.js';

export type SqlErrorKind =
  | 'method'
  | 'too-long'
  | 'no-query'
  | 'access-denied'
  | 'unknown-source'
  | 'unknown-named'
  | 'unknown-meta'
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'unknown-query';

type Row = readonly [status: number, render: (detail: string) => string, outcome: Outcome];

const TABLE: Readonly<Record<SqlErrorKind, Row>> = {
  method: [405, () => 'method not allowed', 'invalid'],
  'too-long': [400, () => 'query too long', 'invalid'],
  'no-query': [400, () => '[400] no query provided', 'invalid'],
  'access-denied': [403, () => '[403] query access denied', 'denied'],
  // tailsql writes these names with Go's %q.
  'unknown-source': [400, (d) => `[400] unknown source ${goQuote(d)}`, 'invalid'],
  'unknown-named': [400, (d) => `[400] named query ${goQuote(d)} not recognized`, 'invalid'],
  'unknown-meta': [400, (d) => `[400] unknown meta-query ${goQuote(d)}`, 'invalid'],
  'bad-request': [400, (d) => `[400] ${d}`, 'invalid'],
  unauthenticated: [401, (d) => d || 'not logged in', 'denied'],
  forbidden: [403, (d) => d, 'denied'],
  'not-found': [404, () => 'not found', 'invalid'],
  /** Cancel named a query id that is not running (finished, or never started). */
  'unknown-query': [404, () => 'no such running query', 'invalid'],
};

/** A request failure other than the query's own (those are {@link QueryError}s). */
export class SqlError extends Error {
  constructor(
    readonly kind: SqlErrorKind,
    readonly detail = '',
  ) {
    // An answer, not a fault: no stack (capturing one was a seventh of a 404's time).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(TABLE[kind][1](detail));
    Error.stackTraceLimit = limit;
  }

  override get name(): string {
    return 'SqlError';
  }
}

const QUERY_TABLE: Readonly<Record<QueryError['kind'], readonly [number, Outcome]>> = {
  refused: [400, 'refused'],
  database: [500, 'failed'],
  /** As tailsql: Go's context error, a 500 (the timeout itself is in `/meta`). */
  timeout: [500, 'timeout'],
  cancelled: [409, 'cancelled'],
  unavailable: [503, 'failed'],
  busy: [503, 'failed'],
  /** The caller already has as many queries waiting as it may (the others' share of the runners is theirs). */
  throttled: [429, 'failed'],
};

export interface HttpFailure {
  status: number;
  /** Plain text with a trailing newline, like Go's `http.Error`. */
  body: string;
  /** The message without the newline (for the UI's error box and the log). */
  message: string;
  outcome: Outcome;
}

/** Maps any thrown value to the answer; unknown errors become a generic 500. */
export function httpError(err: unknown): HttpFailure {
  if (err instanceof SqlError) {
    const [status, , outcome] = TABLE[err.kind];
    return { status, body: `${err.message}\n`, message: err.message, outcome };
  }
  if (err instanceof QueryError) {
    const [status, outcome] = QUERY_TABLE[err.kind];
    const message = err.kind === 'refused' ? `[400] invalid query: ${err.message}` : err.message;
    return { status, body: `${message}\n`, message, outcome };
  }
  return { status: 500, body: 'internal error\n', message: 'internal error', outcome: 'failed' };
}

/** The app's errors for the platform's renderer (see the module comment). */
export function errors(err: unknown): AppFailure | undefined {
  if (!(err instanceof SqlError || err instanceof QueryError)) return undefined;
  const f = httpError(err);
  return { status: f.status, code: err.kind, message: f.message };
}
