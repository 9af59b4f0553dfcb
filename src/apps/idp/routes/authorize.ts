/**
 * `/authorize` (reference §3.4): tailnet only (401 over Funnel), GET or (fixed: OIDC Core
 * §3.1.2.1) a POST form. Answers with a redirect — the code, or an error once the client and its
 * redirect URI are known — and OAuth's JSON (400) before that. The checks are the service's
 * (service/authorize.ts).
 *
 * @example GET /authorize?client_id=…&redirect_uri=…&response_type=code&scope=openid&state=…&code_challenge=…&code_challenge_method=S256
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { requireTailnet } from '../access.js';
import { OAuthError } from '../errors.js';
import { type Deps, readAll, readForm, sendError } from './deps.js';

export function authorizeRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.all('/authorize', async (c) => {
    try {
      const caller = c.get('caller');
      requireTailnet(caller);
      if (c.req.method !== 'GET' && c.req.method !== 'POST') throw new OAuthError('method_not_allowed', 'use GET or POST');
      const params = await readForm(c);
      const location = await deps.service.authorize({ caller, params, resources: await readAll(c, 'resource'), issuer: deps.issuer(c) });
      return c.redirect(location, 302);
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
}
