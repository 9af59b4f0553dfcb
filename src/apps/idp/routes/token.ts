/**
 * `POST /token` (reference §3.5): CORS `*`, `OPTIONS` → 204, other methods 405. Parameters come
 * from the urlencoded body with the query string as fallback (Go's `FormValue`). Public, also
 * over Funnel: it authenticates the client itself and is exempt from the platform's cross-origin
 * guard, so browser-based clients can call it. Every answer, success or error, is JSON with
 * `Cache-Control: no-store` (tsidp's successes had none). The grants are the service's.
 *
 * @example POST /token grant_type=authorization_code&code=…&redirect_uri=…&code_verifier=…
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { cors, type Deps, jsonNoStore, methodNotAllowed, readAll, readForm, sendError } from './deps.js';

export function tokenRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.all('/token', async (c) => {
    cors(c, 'POST, OPTIONS');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    try {
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const body = await deps.service.token({
        form: await readForm(c),
        resources: await readAll(c, 'resource'),
        audiences: await readAll(c, 'audience'),
        authorization: c.req.header('authorization'),
        caller: c.get('caller'),
        issuer: deps.issuer(c),
      });
      return jsonNoStore(c, body);
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
}
