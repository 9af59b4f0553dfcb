/**
 * tailsql's `ServeMux` in front of every route: a request whose path is not clean (`//json`,
 * `/./json`, `/x/../csv`, `/json/.`) is answered 307 with the cleaned path and the query kept,
 * whatever the method, before any check runs, as Go answers it (`http.Redirect`'s small HTML
 * body for GET). hono's own URL would have cleaned some of these silently and served them.
 *
 * @example
 *   app.use('*', cleanPathRedirect); // GET /./json?q=1 → 307, Location: /json?q=1
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { muxRedirect } from '../../../platform/go/path.js';
import { rawTarget } from '../../../platform/request.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

export const cleanPathRedirect: MiddlewareHandler<AppEnv> = async (c, next) => {
  const location = muxRedirect(rawTarget(c));
  if (location === undefined) return next();
  c.header('Location', location);
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD') return c.body(null, 307);
  c.header('Content-Type', 'text/html; charset=utf-8');
  if (method === 'HEAD') return c.body(null, 307);
  return c.body(`<a href="${location.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string)}">Temporary Redirect</a>.\n\n`, 307);
};
