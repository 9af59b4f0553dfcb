/**
 * The identity provider's routes, one file per area: discovery and JWKS, `/authorize`, `/token`,
 * `/userinfo`, `/introspect` and `/revoke`, `/register`, the `/clients/` API (all in OAuth's wire
 * format, errors included), logout and the admin UI (pages; their errors go to the platform's
 * renderer). Each reads the request, calls the service and presents its answer.
 *
 * @example
 *   const app = idpRoutes(await IdpService.open(ctx), ctx);
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import type { AppContext } from '../../../platform/context.js';
import { localPort } from '../../../platform/request.js';
import type { IdpConfig } from '../config.js';
import type { IdpService } from '../service/index.js';
import { adminRoutes } from './admin.js';
import { authorizeRoutes } from './authorize.js';
import { clientsApiRoutes } from './clients-api.js';
import type { Ctx, Deps } from './deps.js';
import { discoveryRoutes } from './discovery.js';
import { introspectRoutes } from './introspect.js';
import { logoutRoutes } from './logout.js';
import { registerRoutes } from './register.js';
import { tokenRoutes } from './token.js';
import { userinfoRoutes } from './userinfo.js';

/** The issuer when nothing else names one: the loopback address and port this request came in on (dev mode). */
function loopbackIssuer(c: Ctx): string {
  return `http://127.0.0.1:${localPort(c) ?? 8084}`;
}

export function idpRoutes(service: IdpService, ctx: Pick<AppContext<IdpConfig>, 'config' | 'tailnet' | 'log'>): Hono<AppEnv> {
  const { config, tailnet } = ctx;
  const deps: Deps = { service, log: ctx.log, issuer: (c) => config.issuer ?? tailnet.baseUrl() ?? loopbackIssuer(c) };
  const app = new Hono<AppEnv>();
  for (const routes of [discoveryRoutes, authorizeRoutes, tokenRoutes, userinfoRoutes, introspectRoutes, registerRoutes, clientsApiRoutes, logoutRoutes, adminRoutes]) {
    routes(app, deps);
  }
  return app;
}
