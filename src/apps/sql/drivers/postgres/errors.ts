/**
 * PostgreSQL errors as query failures: writes the read-only transaction stopped and text the
 * extended protocol refused are refusals (400); a statement timeout is a timeout; a connection
 * that is gone (the backend terminated, the server restarting, the network) is 'unavailable'
 * (503) naming the source, since trying again opens a new one; anything else is the server's
 * message with its SQLSTATE. Messages never carry the connection string.
 *
 * @example
 *   describePgError({ code: '25006', message: 'cannot execute DELETE in a read-only transaction' }, 'main').kind // → 'refused'
 *   describePgError({ code: '57P01', message: 'terminating connection due to administrator command' }, 'main').message
 *   // → 'PostgreSQL source "main" lost its connection (terminated by administrator); try again'
 */
import { QueryError } from '../types.js';

interface PgErrorLike {
  code?: string;
  message?: string;
}

/** SQLSTATE class 57P (operator intervention) and socket errors: the connection is over. */
const LOST: Readonly<Record<string, string>> = {
  '57P01': 'terminated by administrator',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up or shutting down',
  '57P04': 'the database was dropped',
  '57P05': 'idle session timeout',
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/**
 * Why the connection behind `err` is gone, in a few words; undefined when `err` is a failure of
 * the query itself. pg reports a socket that closed under it without a code.
 *
 * @example lostConnection(new Error('Connection terminated unexpectedly')) // → 'closed by the server'
 */
export function lostConnection(err: unknown): string | undefined {
  const e = (err ?? {}) as PgErrorLike;
  if (e.code !== undefined && Object.hasOwn(LOST, e.code)) return LOST[e.code];
  // Class 08: connection exceptions.
  if (e.code?.startsWith('08')) return e.message ?? e.code;
  if (e.code === undefined && /^Connection terminated|not queryable/.test(e.message ?? '')) return 'closed by the server';
  return undefined;
}

/** The error for a query whose connection went away (see {@link lostConnection}). */
export function lostError(source: string, reason: string): QueryError {
  return new QueryError('unavailable', `PostgreSQL source "${source}" lost its connection (${reason}); try again`);
}

/** The error for a connection that could not be opened: worth a retry, or a setup problem. */
export function unreachableError(source: string, err: unknown): QueryError {
  const reason = lostConnection(err);
  if (reason !== undefined) return new QueryError('unavailable', `PostgreSQL source "${source}" is unreachable (${reason}); try again`);
  return new QueryError('unavailable', `PostgreSQL source "${source}": cannot connect: ${(err as Error).message}`);
}

export function describePgError(err: unknown, source: string): QueryError {
  if (err instanceof QueryError) return err;
  const e = (err ?? {}) as PgErrorLike;
  const message = e.message ?? String(err);
  const lost = lostConnection(err);
  if (lost !== undefined) return lostError(source, lost);
  switch (e.code) {
    case '25006':
      return new QueryError('refused', `${message}: the SQL console is read-only`);
    case '42601':
      if (/multiple commands/.test(message)) return new QueryError('refused', 'only one statement per query is allowed');
      break;
    case '57014':
      if (/statement timeout/.test(message)) return new QueryError('timeout', 'query timed out (statement_timeout)');
      return new QueryError('cancelled', 'query cancelled');
    default:
      break;
  }
  if (e.code === undefined) return new QueryError('unavailable', `PostgreSQL source "${source}": ${message}`);
  return new QueryError('database', `ERROR: ${message} (SQLSTATE ${e.code})`);
}
