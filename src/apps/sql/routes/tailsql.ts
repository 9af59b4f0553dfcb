/**
 * tailsql's routes (reference §1), under `routePrefix`: `GET /` (the console, `q`/`src`
 * permalinks, the `tailsqlQuery` cookie and its 302 bootstrap), `/csv`, `/json` (NDJSON, needs
 * `Sec-Tailsql`), `/meta`; 405 for any other method and 404 for any other path, each after
 * tailsql's checks in tailsql's order (method, query length, access, then the path).
 *
 * Beyond tailsql: exports stream the whole result (no 10 000-row cut), `/meta` and the picker
 * list only the sources the caller may query, and the 302 keeps the route prefix. A request
 * another site started (`Sec-Fetch-Site`, fetch-site.ts) runs nothing: `/csv`, `/json`, `/meta`
 * and unknown paths answer 403, and the page shows its `q` unrun, without the cookie.
 *
 * Every failure is answered in tailsql's wire format (wire.ts), whatever the `Accept` header;
 * a query's own error on the page is shown in the page with 200, as tailsql does.
 *
 * @example
 *   tailsqlRoutes(app, deps); // app.get('/tsql/csv', …) etc. with routePrefix "/tsql"
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { failureFormat } from '../../../platform/errors.js';
import { goJsonString } from '../../../platform/go/json.js';
import { consolePage } from '../../../../views/sql/page.js';
import { formatGoDuration } from '../config/duration.js';
import { SqlError } from '../errors.js';
import { FORMATS } from '../format/encoders.js';
import { bytesOfText, hasEscapedBytes, utf8Text } from '../format/raw-text.js';
import { runForPage } from '../page-query.js';
import type { SqlDeps } from '../setup.js';
import { goRedirect } from './clean-path.js';
import { isForeign } from './fetch-site.js';
import { fromConsole, gate, hasSecHeader } from './gate.js';
import { consoleCtx, pageOutcome } from './present.js';
import { rawTarget } from '../../../platform/request.js';
import { type Ctx, clientGone, param, streamResponse } from './respond.js';
import { tailsqlError, tailsqlHandler } from './wire.js';

const COOKIE = 'tailsqlQuery';

/**
 * The console page as Go's `html/template` writes it: a NUL in any value becomes U+FFFD (HTML
 * text cannot carry one; the template has none of its own), and a value's invalid UTF-8 bytes
 * are written as they are (format/raw-text.ts).
 */
function page(c: Ctx, view: Parameters<typeof consolePage>[0]): Response {
  const html = String(consolePage(view)).replaceAll('\0', '\uFFFD');
  return hasEscapedBytes(html) ? c.body(bytesOfText(html) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'text/html; charset=UTF-8' }) : c.html(html);
}

async function servePage(c: Ctx, deps: SqlDeps): Promise<Response> {
  const { q, src } = gate(c, deps, '/');
  // The same URL is a result or an unrun query depending on where the request came from.
  c.header('Vary', 'Sec-Fetch-Site');
  // A permalink opened from another site: the query is shown, and runs when the user presses Query.
  // No cookie either: it would not make this request any more the user's own.
  // The page shows the query's bytes as sent; its links carry the source as text.
  const shown = utf8Text(src);
  if (isForeign(c)) return page(c, { ctx: consoleCtx(c, deps), q, src: shown, notRun: q !== '' });
  c.header('Set-Cookie', `${COOKIE}=1; HttpOnly; SameSite=Lax`);
  if (q !== '' && !hasSecHeader(c) && !fromConsole(c)) {
    // tailsql's cross-site guard: bounce once so the cookie set above comes back (prefix kept).
    return goRedirect(c, rawTarget(c), 302);
  }
  const ctx = consoleCtx(c, deps);
  if (q === '') return page(c, { ctx, q: '', src: shown });
  const query = { caller: c.get('caller'), src, q, explain: param(c, 'explain') === '1', clientGone: clientGone(c) };
  const outcome = pageOutcome(await runForPage(deps.service, query, deps.settings), deps.rules);
  return page(c, { ctx, q, src: shown, outcome });
}

async function serveExport(c: Ctx, deps: SqlDeps, format: 'csv' | 'ndjson', needHeader: boolean): Promise<Response> {
  const { q, src } = gate(c, deps, format === 'csv' ? '/csv' : '/json');
  if (q === '') throw new SqlError('no-query');
  if (needHeader ? !hasSecHeader(c) : !hasSecHeader(c) && !fromConsole(c)) throw new SqlError('access-denied');
  const run = await deps.service.start({ caller: c.get('caller'), src, q, mode: { kind: 'encode', format }, clientGone: clientGone(c) });
  const headers: Record<string, string> = { 'Content-Type': FORMATS[format].contentType };
  if (format === 'csv') headers['Content-Disposition'] = 'attachment; filename="query.csv"';
  return streamResponse(c, run, headers, run.source.maxRows || deps.settings.maxRows);
}

function serveMeta(c: Ctx, deps: SqlDeps): Response {
  gate(c, deps, '/meta');
  const sources = deps.service.visibleSources(c.get('caller')).map((s) => {
    const names = Object.keys(s.named).sort();
    const named = names.length ? `,"named":{${names.map((n) => `${goJsonString(n)}:${goJsonString(s.named[n] as string)}`).join(',')}}` : '';
    return `{"source":${goJsonString(s.slug)},"label":${goJsonString(s.label)}${named}}`;
  });
  const parts = [`"sources":[${sources.join(',')}]`];
  const { links, queryTimeoutMs } = deps.settings;
  if (links.length) parts.push(`"links":[${links.map((l) => `{"anchor":${goJsonString(l.anchor)},"url":${goJsonString(l.url)}}`).join(',')}]`);
  if (queryTimeoutMs > 0) parts.push(`"queryTimeout":${goJsonString(formatGoDuration(queryTimeoutMs))}`);
  c.header('Content-Type', 'application/json');
  return c.body(`{"meta":{${parts.join(',')}}}\n`);
}

/** Registers `/`, `/csv`, `/json` and `/meta` under the prefix, and the prefix redirect. */
export function tailsqlRoutes(app: Hono<AppEnv>, deps: SqlDeps): void {
  const base = deps.settings.routePrefix;
  if (base) app.all(base, (c) => goRedirect(c, `${base}/${new URL(c.req.url).search}`, 301));
  app.all(`${base}/`, tailsqlHandler((c) => servePage(c, deps)));
  app.all(`${base}/csv`, tailsqlHandler((c) => serveExport(c, deps, 'csv', false)));
  app.all(`${base}/json`, tailsqlHandler((c) => serveExport(c, deps, 'ndjson', true)));
  app.all(`${base}/meta`, tailsqlHandler((c) => serveMeta(c, deps)));
}

/** Any other path: tailsql's checks, then 404 (Go's mux answers outside the prefix). Mounted last. */
export function fallbackRoutes(app: Hono<AppEnv>, deps: SqlDeps): void {
  const base = deps.settings.routePrefix;
  app.all('*', (c) => {
    if (base && !c.req.path.startsWith(`${base}/`)) return c.text('404 page not found\n', 404);
    try {
      gate(c, deps, c.req.path.slice(base.length));
      throw new SqlError('not-found');
    } catch (err) {
      // A wrong path is no route of tailsql's clients: a browser gets the suite's error page and a
      // JSON client JSON (the platform's renderer, through the app's `errors` mapping); anything
      // else keeps tailsql's text.
      if (err instanceof SqlError && err.kind === 'not-found' && failureFormat(c.req.header('accept')) !== 'text') throw err;
      return tailsqlError(c, err);
    }
  });
}
