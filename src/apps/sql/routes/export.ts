/**
 * `/export` (beyond tailsql): the whole result of a query as CSV, NDJSON, a JSON document with
 * column metadata, TSV or Markdown, streamed. Like tailsql's `/csv` it takes the console's
 * cookie (or `Sec-Fetch-Site: same-origin`) or `Sec-Tailsql`, and refuses a request another site
 * started (fetch-site.ts). Failures are thrown to the platform's renderer.
 *
 * @example
 *   exportRoutes(app, deps); // GET /export?format=tsv&q=select+1&src=main
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { SqlError } from '../errors.js';
import { FORMATS, isFormatName } from '../format/encoders.js';
import type { SqlDeps } from '../setup.js';
import { fromConsole, gate, hasSecHeader } from './gate.js';
import { type Ctx, clientGone, param, streamResponse } from './respond.js';

async function exportResult(c: Ctx, deps: SqlDeps): Promise<Response> {
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

export function exportRoutes(app: Hono<AppEnv>, deps: SqlDeps): void {
  app.all(`${deps.settings.routePrefix}/export`, (c) => exportResult(c, deps));
}
