/**
 * The console's own routes, beyond tailsql's: `/export` (the whole result as CSV, NDJSON, a JSON
 * document with column metadata, TSV or Markdown), `/schema` (the schema browser page),
 * `/history` (the viewer's queries from the server's log), and the script's JSON API
 * (`/api/query`, `/api/cancel`, `/api/schema`).
 *
 * The API answers only requests carrying `X-Tailsql-Console: 1`: a page on another site cannot
 * send that header without a CORS preflight this app never grants, so the API cannot be driven
 * cross-site. `/export` takes the console cookie (or `Sec-Fetch-Site: same-origin`) or
 * `Sec-Tailsql`, like `/csv`. Every route here refuses a request another site started with 403
 * (fetch-site.ts).
 *
 * @example
 *   registerConsoleRoutes(app, deps);
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { HistoryPage } from '../../../../views/sql/history.js';
import { ResultArea } from '../../../../views/sql/page.js';
import { SchemaPage } from '../../../../views/sql/schema.js';
import { QueryError } from '../drivers/types.js';
import { httpError, SqlError } from '../errors.js';
import { FORMATS, isFormatName } from '../format/encoders.js';
import type { QueryLog } from '../store.js';
import { clientGone, type Ctx, handler, param, streamResponse } from './respond.js';
import { refuseForeign } from './fetch-site.js';
import { consoleCtx, fromConsole, gate, hasSecHeader, type RouteDeps } from './tailsql.js';
import { runForPage } from '../page-query.js';
import { authorOf } from '../service.js';

export interface ConsoleDeps extends RouteDeps {
  queryLog: QueryLog;
}

const CANCEL_ID = /^[A-Za-z0-9-]{8,64}$/;

function requireConsole(c: Ctx): void {
  if (c.req.header('x-tailsql-console') !== '1') throw new SqlError('access-denied');
}

async function exportResult(c: Ctx, deps: ConsoleDeps): Promise<Response> {
  const { q, src } = gate(c, deps, '/export');
  const format = param(c, 'format') || 'csv';
  if (!isFormatName(format)) throw new SqlError('bad-request', `unknown format "${format}" (csv, ndjson, json, tsv, md)`);
  if (q === '') throw new SqlError('no-query');
  if (!hasSecHeader(c) && !fromConsole(c)) throw new SqlError('access-denied');
  const run = await deps.service.start({ caller: c.get('caller'), src, q, mode: { kind: 'encode', format }, clientGone: clientGone(c) });
  const spec = FORMATS[format];
  const headers = { 'Content-Type': spec.contentType, 'Content-Disposition': `attachment; filename="query.${spec.extension}"` };
  return streamResponse(c, run, headers, run.source.maxRows || deps.settings.maxRows);
}

async function apiQuery(c: Ctx, deps: ConsoleDeps): Promise<Response> {
  refuseForeign(c);
  requireConsole(c);
  const { q, src } = gate(c, deps, '/api/query');
  if (q === '') throw new SqlError('no-query');
  const id = param(c, 'id');
  const explain = param(c, 'explain') === '1';
  const source = deps.service.sources.find((s) => s.slug === src);
  const outcome = await runForPage(deps.service, {
    caller: c.get('caller'),
    src,
    q,
    explain,
    clientGone: clientGone(c),
    cancelId: CANCEL_ID.test(id) ? id : undefined,
    uiRows: source?.uiRows ?? deps.settings.uiRows,
    uiBytes: deps.settings.uiBytes,
  });
  const html = String(ResultArea({ outcome, rules: deps.rules, base: deps.settings.routePrefix, q, src }));
  if ('error' in outcome) return c.json({ ok: false, error: outcome.error, html });
  const { summary, elapsedMs } = outcome.result;
  return c.json({ ok: true, html, rows: summary.rows, truncated: summary.truncated, total: summary.total ?? null, elapsedMs });
}

async function apiCancel(c: Ctx, deps: ConsoleDeps): Promise<Response> {
  refuseForeign(c);
  requireConsole(c);
  const id = param(c, 'id');
  if (!CANCEL_ID.test(id)) throw new SqlError('bad-request', 'missing or malformed query id');
  return deps.service.cancel(c.get('caller'), id) ? c.body(null, 204) : c.text('no such running query\n', 404);
}

async function loadSchema(c: Ctx, deps: ConsoleDeps, src: string) {
  const source = deps.service.sources.find((s) => s.slug === src);
  if (!source) throw new SqlError('unknown-source', src);
  const ctl = new AbortController();
  const unsubscribe = clientGone(c).subscribe(() => ctl.abort(new QueryError('cancelled', 'the client went away')));
  const timeout = source.timeoutMs || deps.settings.queryTimeoutMs || 30_000;
  const timer = setTimeout(() => ctl.abort(new QueryError('timeout', 'reading the schema timed out')), timeout);
  try {
    const driver = await source.driver();
    return await driver.schema(ctl.signal, authorOf(c.get('caller')));
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}

async function apiSchema(c: Ctx, deps: ConsoleDeps): Promise<Response> {
  refuseForeign(c);
  requireConsole(c);
  const { src } = gate(c, deps, '/api/schema');
  return c.json({ source: src, objects: await loadSchema(c, deps, src) });
}

async function schemaPage(c: Ctx, deps: ConsoleDeps): Promise<Response> {
  const { src } = gate(c, deps, '/schema');
  const ctx = consoleCtx(c, deps);
  try {
    return c.html(SchemaPage({ ctx, src, objects: await loadSchema(c, deps, src) }));
  } catch (err) {
    return c.html(SchemaPage({ ctx, src, error: httpError(err).message }), httpError(err).status as 400);
  }
}

async function historyPage(c: Ctx, deps: ConsoleDeps): Promise<Response> {
  if (c.req.method !== 'GET') throw new SqlError('method');
  refuseForeign(c);
  const caller = c.get('caller');
  if (caller.kind === 'anonymous') throw new SqlError('unauthenticated');
  return c.html(HistoryPage({ ctx: consoleCtx(c, deps), rows: deps.queryLog.history(authorOf(caller)) }));
}

export function registerConsoleRoutes(app: Hono<AppEnv>, deps: ConsoleDeps): void {
  const base = deps.settings.routePrefix;
  const handle = handler;
  app.all(`${base}/export`, handle((c) => exportResult(c, deps)));
  app.all(`${base}/schema`, handle((c) => schemaPage(c, deps)));
  app.all(`${base}/history`, handle((c) => historyPage(c, deps)));
  app.all(`${base}/api/query`, handle((c) => apiQuery(c, deps)));
  app.post(`${base}/api/cancel`, handle((c) => apiCancel(c, deps)));
  app.all(`${base}/api/schema`, handle((c) => apiSchema(c, deps)));
}
