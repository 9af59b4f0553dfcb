/**
 * `POST /token` (reference §3.5): CORS `*`, `OPTIONS` → 204, other methods 405. Parameters come
 * from the urlencoded body with the query string as fallback (Go's `FormValue`). Public, also
 * over Funnel: it authenticates the client itself and is exempt from the platform's cross-origin
 * guard, so browser-based clients can call it. Every answer, success or error, is JSON with
 * `Cache-Control: no-store` (tsidp's successes had none).
 *
 * @example POST /token grant_type=authorization_code&code=…&redirect_uri=…&code_verifier=…
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { cors, type IdpDeps, jsonNoStore, methodNotAllowed, readForm, sendError } from './deps.js';
import { TOKEN_EXCHANGE } from '../service/discovery.js';
import { OAuthError } from '../errors.js';
import { codeGrant } from '../service/token-code.js';
import { exchangeGrant } from '../service/token-exchange.js';
import { refreshGrant } from '../service/token-refresh.js';

export function tokenRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/token', async (c) => {
    cors(c, 'POST, OPTIONS');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    try {
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const form = await readForm(c);
      switch (form.grant_type) {
        case 'authorization_code':
          return jsonNoStore(c, await codeGrant(c, deps, form));
        case 'refresh_token':
          return jsonNoStore(c, await refreshGrant(c, deps, form));
        case TOKEN_EXCHANGE:
          return jsonNoStore(c, await exchangeGrant(c, deps, form));
        case undefined:
        case '':
          throw new OAuthError('invalid_request', 'grant_type is required');
        default:
          throw new OAuthError('unsupported_grant_type', `grant_type "${form.grant_type}" is not supported`);
      }
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
  return app;
}
