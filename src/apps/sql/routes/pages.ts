/**
 * The console's pages beyond tailsql's: `/schema` (the schema browser without JavaScript) and
 * `/history` (the viewer's own queries from the server's log, failed ones included). Both refuse
 * a request another site started (fetch-site.ts); failures are thrown to the platform's
 * renderer, which answers a browser with a page in the suite's frame.
 *
 * @example
 *   pageRoutes(app, deps); // GET /schema?src=main, GET /history
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { HistoryPage } from '../../../../views/sql/history.js';
import { SchemaPage } from '../../../../views/sql/schema.js';
import { SqlError } from '../errors.js';
import { authorOf } from '../service.js';
import type { SqlDeps } from '../setup.js';
import { refuseForeign } from './fetch-site.js';
import { gate } from './gate.js';
import { consoleCtx } from './present.js';
import { type Ctx, clientGone } from './respond.js';

async function schemaPage(c: Ctx, deps: SqlDeps): Promise<Response> {
  const { src } = gate(c, deps, '/schema');
  const objects = await deps.service.schema(c.get('caller'), src, clientGone(c));
  return c.html(SchemaPage({ ctx: consoleCtx(c, deps), src, objects }));
}

function historyPage(c: Ctx, deps: SqlDeps): Response | Promise<Response> {
  if (c.req.method !== 'GET') throw new SqlError('method');
  refuseForeign(c);
  const caller = c.get('caller');
  if (caller.kind === 'anonymous') throw new SqlError('unauthenticated');
  return c.html(HistoryPage({ ctx: consoleCtx(c, deps), rows: deps.queryLog.history(authorOf(caller)) }));
}

export function pageRoutes(app: Hono<AppEnv>, deps: SqlDeps): void {
  const base = deps.settings.routePrefix;
  app.all(`${base}/schema`, (c) => schemaPage(c, deps));
  app.all(`${base}/history`, (c) => historyPage(c, deps));
}
