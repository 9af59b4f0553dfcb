/**
 * The console's routes: builds the shared parts (`setup.ts`) and mounts the route files:
 * tailsql's (`tailsql.ts`, answering in tailsql's wire format), the console's own (`export.ts`,
 * `pages.ts`, `api.ts`, whose failures the platform renders), and tailsql's fallback (its checks,
 * then 404) last.
 *
 * @example
 *   create: (ctx) => sqlRoutes(ctx)
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import type { AppContext } from '../../../platform/context.js';
import type { SqlConfig } from '../config.js';
import { openConsole } from '../setup.js';
import { apiRoutes } from './api.js';
import { exportRoutes } from './export.js';
import { pageRoutes } from './pages.js';
import { fallbackRoutes, tailsqlRoutes } from './tailsql.js';

export function sqlRoutes(ctx: AppContext<SqlConfig>): Hono<AppEnv> {
  const deps = openConsole(ctx);
  const app = new Hono<AppEnv>();
  exportRoutes(app, deps);
  pageRoutes(app, deps);
  apiRoutes(app, deps);
  tailsqlRoutes(app, deps);
  fallbackRoutes(app, deps);
  return app;
}
