/**
 * PostgreSQL errors as query failures: writes the read-only transaction stopped and text the
 * extended protocol refused are refusals (400); a statement timeout is a timeout; anything else
 * is the server's message with its SQLSTATE. Messages never carry the connection string.
 *
 * @example
 *   describePgError({ code: '25006', message: 'cannot execute DELETE in a read-only transaction' }).kind // → 'refused'
 */
import { QueryError } from '../types.js';

interface PgErrorLike {
  code?: string;
  message?: string;
}

export function describePgError(err: unknown): QueryError {
  if (err instanceof QueryError) return err;
  const e = (err ?? {}) as PgErrorLike;
  const message = e.message ?? String(err);
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
  if (e.code === undefined) return new QueryError('unavailable', `PostgreSQL: ${message}`);
  return new QueryError('database', `ERROR: ${message} (SQLSTATE ${e.code})`);
}
