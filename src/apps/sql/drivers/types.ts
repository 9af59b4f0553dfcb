/**
 * What a database driver gives the query service: a stream of one query's result (encoded text
 * for exports, or rows for the console), its schema for the browser, and a way to stop.
 *
 * Every query is stopped through `signal`: the service aborts it on timeout, on the Cancel
 * button and when the client disconnects, with a {@link QueryError} as the reason, and the driver
 * stops the database work (killing the SQLite runner; a server-side cancel on PostgreSQL).
 *
 * @example
 *   const stream = await driver.query({ sql, mode: { kind: 'encode', format: 'csv' }, maxRows: 0, signal });
 *   for (let c = await stream.next(); c; c = await stream.next()) write(c);
 */
import type { FormatName } from '../format/encoders.js';
import type { Cell, Column } from '../format/values.js';
import type { Dialect } from '../safety/tokenizer.js';
import type { StopSignal } from './stop.js';

export type QueryMode =
  /** Encode the whole result in a download format (streamed). */
  | { kind: 'encode'; format: FormatName }
  /**
   * The first `limit` rows, at most `maxBytes` of values (see `row-budget.ts`; 0 or absent: no
   * limit), whether more exist, and an exact total if counting ends by `countUntil` (epoch ms).
   */
  | { kind: 'rows'; limit: number; count: boolean; countUntil?: number; maxBytes?: number };

export interface QueryRequest {
  sql: string;
  mode: QueryMode;
  /** Announced export cap (encode mode); 0 = none. */
  maxRows: number;
  /** Aborted (with a QueryError reason) to stop the query. */
  signal: StopSignal;
  /** When the query times out (epoch ms; 0 = never): counting rows stops before it. */
  deadline: number;
  /** Who asks (a login, or a tagged node's name): shared resources are shared fairly between owners. */
  owner?: string;
}

/** Encoded output (as UTF-8 bytes when it comes from the SQLite runner), or rows. */
export type Chunk = { kind: 'text'; text: string | Uint8Array } | { kind: 'rows'; rows: Cell[][] };

export interface Summary {
  /** Rows sent (encoded or returned). */
  rows: number;
  /** More rows existed than were sent (the UI limit or the export cap). */
  truncated: boolean;
  /** The exact row count, when counting was asked for and finished in time. */
  total?: number;
  /**
   * Rows mode only: the byte limit ended the rows ('rows'), or cut the values of the one row
   * shown ('values'). Either way `truncated` is true.
   */
  cut?: 'rows' | 'values';
}

export interface QueryStream {
  readonly columns: readonly Column[];
  /** The next chunk, or null at the end (then `summary` is final). Rejects with a QueryError. */
  next(): Promise<Chunk | null>;
  readonly summary: Summary;
  /** Releases the database work early (idempotent; the signal does the same). */
  close(): void;
}

export interface SchemaColumn {
  name: string;
  type: string;
  pk: boolean;
  notNull: boolean;
}

export interface SchemaObject {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: SchemaColumn[];
  indexes: Array<{ name: string; columns: string[]; unique: boolean }>;
}

export interface Driver {
  readonly dialect: Dialect;
  query(req: QueryRequest): Promise<QueryStream>;
  /** The schema, read for `owner` (see {@link QueryRequest.owner}). */
  schema(signal: StopSignal, owner?: string): Promise<SchemaObject[]>;
  close(): Promise<void>;
}

/** Why a query failed, for the one status table in `errors.ts`. */
export type QueryErrorKind = 'refused' | 'database' | 'timeout' | 'cancelled' | 'unavailable' | 'busy' | 'throttled';

/** A query failure; `message` is what the caller sees (never a connection string). */
export class QueryError extends Error {
  constructor(
    readonly kind: QueryErrorKind,
    message: string,
  ) {
    // An answer (a refusal, a timeout, a lost source), not a fault in this code: no stack.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }

  override get name(): string {
    return 'QueryError';
  }
}
