/**
 * tailsql's checks before the path matters (reference §1.1), shared by every route that takes a
 * query or a source: GET only, the query-length check, the source default, then access; and how
 * a request proves it comes from the console (tailsql's `tailsqlQuery` cookie or a same-origin
 * fetch) or from an API client (`Sec-Tailsql`).
 *
 * Beyond tailsql, a request another site started (fetch-site.ts) is refused right after the
 * method check on every path but the page, before it can touch the caller's query log; the page
 * only shows such a query, so it needs no more access than the empty page.
 *
 * @example
 *   const { q, src } = gate(c, deps, '/csv'); // throws SqlError for tailsql's refusals
 */
import { goTrimSpace } from '../../../platform/go/strconv.js';
import { requestHeader } from '../../../platform/request.js';
import { SqlError } from '../errors.js';
import { bytesOfText } from '../format/raw-text.js';
import type { SqlDeps } from '../setup.js';
import { isForeign, isSameOrigin, refuseForeign } from './fetch-site.js';
import { type Ctx, param } from './respond.js';

/** Did the request come from the console (cookie) or an API client (`Sec-Tailsql`)? */
export function hasQueryCookie(c: Ctx): boolean {
  return /(?:^|;\s*)tailsqlQuery=1(?:;|$)/.test(requestHeader(c, 'cookie') ?? '');
}

export function hasSecHeader(c: Ctx): boolean {
  return (requestHeader(c, 'sec-tailsql') ?? '') !== '';
}

/** tailsql's proof that a browser request comes from the console: its cookie, or (better) `Sec-Fetch-Site: same-origin`. */
export function fromConsole(c: Ctx): boolean {
  return hasQueryCookie(c) || isSameOrigin(c);
}

/**
 * Runs tailsql's checks for `path` (see the module comment); returns the trimmed query as sent
 * (Go's bytes, invalid ones escaped: respond.ts `param`; the service hands the database its
 * UTF-8 text) and the source slug.
 */
export function gate(c: Ctx, deps: SqlDeps, path: string): { q: string; src: string } {
  if (c.req.method !== 'GET') throw new SqlError('method');
  if (path !== '/') refuseForeign(c);
  const q = goTrimSpace(param(c, 'q'));
  // Go's len(q): bytes as sent, an escaped byte counting one.
  if (bytesOfText(q).length > deps.settings.maxQueryBytes) throw new SqlError('too-long');
  const caller = c.get('caller');
  const src = deps.service.sourceSlug(caller, param(c, 'src'));
  const showsOnly = path === '/' && isForeign(c);
  deps.service.authorize(caller, src, q, ((path === '/' || path === '/meta') && q === '') || showsOnly);
  return { q, src };
}
