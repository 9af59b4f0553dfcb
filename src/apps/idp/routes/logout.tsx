/**
 * `/logout`: RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0; the discovery
 * documents' `end_session_endpoint`), GET or POST, tailnet only. A browser page, not an OAuth
 * wire answer: the service decides (service/logout.ts) whether to ask first, sign out and go back
 * to the relying party, or show the result; a request it refuses (an unregistered
 * `post_logout_redirect_uri`, a `client_id` the hint contradicts) is thrown to the platform's
 * error renderer.
 *
 * @example GET /logout?id_token_hint=…&post_logout_redirect_uri=https://rp.example/bye&state=s
 */
import type { Hono } from 'hono';
import { ConfirmLogout, SignedOut } from '../../../../views/idp/logout.js';
import type { AppEnv } from '../../../platform/app.js';
import { requireTailnet } from '../access.js';
import { type Deps, readForm } from './deps.js';

export function logoutRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.on(['GET', 'POST'], '/logout', async (c) => {
    const caller = c.get('caller');
    requireTailnet(caller);
    const params = await readForm(c);
    const outcome = await deps.service.logout({ caller, params, confirmed: c.req.method === 'POST' && params.confirm === '1' });
    if (outcome.kind === 'confirm') return c.html(<ConfirmLogout client={outcome.client} params={params} viewer={{ frame: c.get('frame') }} />);
    if (outcome.redirect) return c.redirect(outcome.redirect, 303);
    return c.html(<SignedOut client={outcome.client} ended={outcome.ended} viewer={{ frame: c.get('frame') }} />);
  });
}
