/**
 * `POST /register`: dynamic client registration (RFC 7591; reference §3.8). Tailnet only (401
 * over Funnel), for holders of `allow_dcr`; CORS as tsidp. Stays behind the platform's
 * cross-origin guard: it acts on the caller's tailnet identity. What is accepted, and the answer,
 * are the service's (service/clients.ts): 400 `invalid_redirect_uri` / `invalid_client_metadata`
 * naming the field, 429 with `Retry-After`, 201 with the full record.
 *
 * @example POST /register {"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"none"}
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { requireTailnet } from '../access.js';
import { cors, type Deps, methodNotAllowed, sendError } from './deps.js';

export function registerRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.all('/register', async (c) => {
    try {
      const caller = c.get('caller');
      requireTailnet(caller);
      cors(c, 'POST, OPTIONS');
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const record = await deps.service.register(caller, await c.req.text());
      return c.body(JSON.stringify(record), 201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
}
