/**
 * The console's routes: builds the shared parts (`setup.ts`) and mounts the route files, the
 * tailsql fallback (its checks, then 404) last.
 *
 * @example
 *   create: (ctx) => sqlRoutes(ctx)
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import type { AppContext } from '../../../platform/context.js';
import type { SqlConfig } from '../config.js';
import { openConsole } from '../setup.js';
import { registerConsoleRoutes } from './console.js';
import { registerFallback, registerTailsqlRoutes } from './tailsql.js';

export function sqlRoutes(ctx: AppContext<SqlConfig>): Hono<AppEnv> {
  const deps = openConsole(ctx);
  const app = new Hono<AppEnv>();
  registerConsoleRoutes(app, deps);
  registerTailsqlRoutes(app, deps);
  registerFallback(app, deps);
  return app;
}
