/**
 * `POST /introspect` (RFC 7662, reference §3.7) and `POST /revoke` (RFC 7009, new): the routes
 * read the form, the credentials and (for introspection) whether a browser sent the request from
 * another site; who may introspect and what is revoked is the service's (service/token-info.ts).
 *
 * @example POST /introspect token=<access token>
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { crossOriginGuard } from '../../../platform/csrf.js';
import { nodeRequest } from '../../../platform/request.js';
import { type Ctx, cors, type Deps, jsonNoStore, methodNotAllowed, readForm, sendError } from './deps.js';

const browserCrossSite = crossOriginGuard([]);

/** A browser request from another site (`/introspect` is exempt from the platform's guard, so it asks itself). */
function crossSite(c: Ctx): boolean {
  const incoming = nodeRequest(c);
  return incoming !== undefined && browserCrossSite(c.req.method, c.req.path, incoming.headers) !== undefined;
}

export function introspectRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.all('/introspect', async (c) => {
    try {
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const form = await readForm(c);
      const answer = deps.service.introspect({ form, authorization: c.req.header('authorization'), caller: c.get('caller'), crossSite: crossSite(c), issuer: deps.issuer(c) });
      return jsonNoStore(c, answer);
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });

  app.all('/revoke', async (c) => {
    cors(c, 'POST, OPTIONS');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    try {
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      await deps.service.revoke({ form: await readForm(c), authorization: c.req.header('authorization') });
      return c.body(null, 200, { 'Cache-Control': 'no-store' });
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
}
