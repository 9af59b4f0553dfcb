/**
 * `/.well-known/openid-configuration`, `/.well-known/oauth-authorization-server` and
 * `/.well-known/jwks.json`: public (also over Funnel), CORS `*`, `OPTIONS` → 204 (reference
 * §3.1–3.3). The JWKS may be cached briefly; relying parties re-fetch it on an unknown `kid`.
 *
 * @example discoveryRoutes(app, deps)
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { type Ctx, cors, type Deps, methodNotAllowed, sendError } from './deps.js';

export function discoveryRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const serve = (path: string, body: (c: Ctx) => Promise<string> | string, cache?: string) => {
    app.all(path, async (c) => {
      cors(c, 'GET, OPTIONS');
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return sendError(c, methodNotAllowed('GET'), deps.log);
      try {
        const text = await body(c);
        if (cache) c.header('Cache-Control', cache);
        return c.body(text, 200, { 'Content-Type': 'application/json' });
      } catch (err) {
        return sendError(c, err, deps.log);
      }
    });
  };
  const from = (c: Ctx) => ({ issuer: deps.issuer(c), funnel: c.get('caller').kind === 'anonymous' });
  serve('/.well-known/openid-configuration', (c) => deps.service.openidConfiguration(from(c)));
  serve('/.well-known/oauth-authorization-server', (c) => deps.service.authorizationServerMetadata(from(c)));
  serve('/.well-known/jwks.json', () => deps.service.jwks(), 'public, max-age=300');
}
