/**
 * Where a console request comes from, by the browser's `Sec-Fetch-Site` header, and the rule
 * that keeps other sites from running queries as the visitor.
 *
 * tailsql's guard is the `SameSite=Lax` `tailsqlQuery` cookie, but Lax cookies travel with
 * top-level cross-site navigations: any page could link to `/csv?q=…` and run a query as whoever
 * clicks (their load, their name in the query log). Browsers say where a request comes from, so:
 *
 * - a request a browser marks as coming from another site (`cross-site`, `same-site`: another
 *   app on the tailnet's domain, where any user may author a page; or any unknown value) is
 *   *foreign*: routes that run a query or show data refuse it with 403, and `GET /?q=…` (a
 *   permalink opened from chat) shows the query without running it;
 * - `same-origin` is the console's own page: as good a proof as tailsql's cookie (stronger: it
 *   cannot be carried over from another visit), so it stands in for the cookie;
 * - `none` (a typed URL, a bookmark) and requests without the header (curl, scripts, tailsql's
 *   clients) are left to tailsql's rules unchanged, as is anything with `Sec-Tailsql`, which no
 *   web page can send.
 *
 * @example
 *   if (isForeign(c)) throw foreignRequest(c);
 */
import { requestHeader } from '../../../platform/request.js';
import { SqlError } from '../errors.js';
import type { Ctx } from './respond.js';

/** The `Sec-Fetch-Site` value, or undefined when absent or when `Sec-Tailsql` marks an API client. */
function fetchSite(c: Ctx): string | undefined {
  if ((requestHeader(c, 'sec-tailsql') ?? '') !== '') return undefined;
  return requestHeader(c, 'sec-fetch-site');
}

/** True when a browser says the request was started by another site (see the module comment). */
export function isForeign(c: Ctx): boolean {
  const site = fetchSite(c);
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** True when a browser says the request comes from the console's own pages. */
export function isSameOrigin(c: Ctx): boolean {
  return fetchSite(c) === 'same-origin';
}

/** The 403 for a foreign request to a route that runs a query or shows data. */
export function foreignRequest(c: Ctx): SqlError {
  const path = new URL(c.req.url).pathname;
  return new SqlError(
    'forbidden',
    `[403] cross-site request refused: ${path} was requested by another site (Sec-Fetch-Site: ${fetchSite(c)}); open the console and run the query there, or type the address into the browser`,
  );
}

/** Throws {@link foreignRequest} for a foreign request. */
export function refuseForeign(c: Ctx): void {
  if (isForeign(c)) throw foreignRequest(c);
}
