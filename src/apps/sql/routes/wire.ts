/**
 * tailsql's wire format for failures, for the routes tailsql's clients call (`/`, `/csv`,
 * `/json`, `/meta` and the 404 of any other path): Go's `http.Error`, plain text with the
 * message and a newline and tailsql's status (`[403] query access denied`, `method not
 * allowed`; the table is in `errors.ts`), whatever the request's `Accept` says. These answers
 * never reach the platform's renderer, which would answer a browser with a page; the console's
 * own routes throw and let it.
 *
 * @example
 *   app.all('/csv', tailsqlHandler((c) => serveExport(c, deps)));
 */
import { QueryError } from '../drivers/types.js';
import { httpError, SqlError } from '../errors.js';
import type { Ctx } from './respond.js';

/** Go's `http.Error` with tailsql's status and text for `err`. */
export function tailsqlError(c: Ctx, err: unknown): Response {
  const f = httpError(err);
  c.header('Content-Type', 'text/plain; charset=utf-8');
  return c.body(f.body, f.status as 400);
}

/** Wraps a tailsql route so any failure is answered by {@link tailsqlError} (unexpected ones logged). */
export function tailsqlHandler(fn: (c: Ctx) => Response | Promise<Response>): (c: Ctx) => Promise<Response> {
  return async (c) => {
    try {
      return await fn(c);
    } catch (err) {
      if (!(err instanceof SqlError) && !(err instanceof QueryError)) c.get('log').error({ err: (err as Error).message }, 'sql request failed');
      return tailsqlError(c, err);
    }
  };
}
