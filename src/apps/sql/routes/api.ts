/**
 * The console script's JSON API: `/api/query` (run a query for the page; the result area comes
 * back rendered, so the page with and without JavaScript shows one rendering), `/api/cancel`
 * (stop a query the same caller started with that id) and `/api/schema` (the source's tables
 * for the side panel).
 *
 * The API answers only requests carrying `X-Tailsql-Console: 1`: a page on another site cannot
 * send that header without a CORS preflight this app never grants, so the API cannot be driven
 * cross-site; a request another site started is refused with 403 too (fetch-site.ts). A query's
 * own error is part of the answer (`{ ok: false, error, html }`); every other failure is thrown
 * to the platform's renderer (plain text for the script's `fetch`, which sends `Accept: *\/*`).
 *
 * @example
 *   apiRoutes(app, deps); // GET /api/query?q=select+1&src=main&id=… with X-Tailsql-Console: 1
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { ResultArea } from '../../../../views/sql/page.js';
import { SqlError } from '../errors.js';
import { runForPage } from '../page-query.js';
import type { SqlDeps } from '../setup.js';
import { refuseForeign } from './fetch-site.js';
import { gate } from './gate.js';
import { utf8Text } from '../format/raw-text.js';
import { pageOutcome } from './present.js';
import { type Ctx, clientGone, param } from './respond.js';

const CANCEL_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Refuses a request from anything but the console's script (see the module comment). */
function fromScript(c: Ctx): void {
  refuseForeign(c);
  if (c.req.header('x-tailsql-console') !== '1') throw new SqlError('access-denied');
}

async function apiQuery(c: Ctx, deps: SqlDeps): Promise<Response> {
  fromScript(c);
  const { q, src } = gate(c, deps, '/api/query');
  if (q === '') throw new SqlError('no-query');
  const id = param(c, 'id');
  const query = { caller: c.get('caller'), src, q, explain: param(c, 'explain') === '1', clientGone: clientGone(c), cancelId: CANCEL_ID.test(id) ? id : undefined };
  const run = await runForPage(deps.service, query, deps.settings);
  const html = String(ResultArea({ outcome: pageOutcome(run, deps.rules), base: deps.settings.routePrefix, q, src: utf8Text(src) }));
  if ('error' in run) return c.json({ ok: false, error: run.error, html });
  const { summary, elapsedMs } = run.result;
  return c.json({ ok: true, html, rows: summary.rows, truncated: summary.truncated, total: summary.total ?? null, elapsedMs });
}

function apiCancel(c: Ctx, deps: SqlDeps): Response {
  fromScript(c);
  const id = param(c, 'id');
  if (!CANCEL_ID.test(id)) throw new SqlError('bad-request', 'missing or malformed query id');
  if (!deps.service.cancel(c.get('caller'), id)) throw new SqlError('unknown-query');
  return c.body(null, 204);
}

async function apiSchema(c: Ctx, deps: SqlDeps): Promise<Response> {
  fromScript(c);
  const { src } = gate(c, deps, '/api/schema');
  return c.json({ source: src, objects: await deps.service.schema(c.get('caller'), src, clientGone(c)) });
}

export function apiRoutes(app: Hono<AppEnv>, deps: SqlDeps): void {
  const base = deps.settings.routePrefix;
  app.all(`${base}/api/query`, (c) => apiQuery(c, deps));
  app.post(`${base}/api/cancel`, (c) => apiCancel(c, deps));
  app.all(`${base}/api/schema`, (c) => apiSchema(c, deps));
}
