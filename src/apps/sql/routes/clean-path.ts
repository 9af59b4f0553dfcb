/**
 * tailsql's `ServeMux` in front of every route: a request whose path is not clean (`//json`,
 * `/./json`, `/x/../csv`, `/json/.`) is answered 307 with the cleaned path and the query kept,
 * whatever the method, before any check runs, as Go answers it (`http.Redirect`'s small HTML
 * body for GET). hono's own URL would have cleaned some of these silently and served them.
 *
 * @example
 *   app.use('*', cleanPathRedirect); // GET /./json?q=1 → 307, Location: /json?q=1
 *   return goRedirect(c, '/?q=select+1', 302);
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { muxRedirect } from '../../../platform/go/path.js';
import { rawTarget } from '../../../platform/request.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const STATUS_TEXT = { 301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect' } as const;

/** Go's `http.Redirect` to an absolute path: the `Location`, and for GET its small HTML body. */
export function goRedirect(c: Context<AppEnv>, location: string, code: keyof typeof STATUS_TEXT): Response {
  c.header('Location', location);
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD') return c.body(null, code);
  c.header('Content-Type', 'text/html; charset=utf-8');
  if (method === 'HEAD') return c.body(null, code);
  return c.body(`<a href="${location.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string)}">${STATUS_TEXT[code]}</a>.\n\n`, code);
}

export const cleanPathRedirect: MiddlewareHandler<AppEnv> = async (c, next) => {
  const location = muxRedirect(rawTarget(c));
  return location === undefined ? next() : goRedirect(c, location, 307);
};
