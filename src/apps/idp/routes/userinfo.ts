/**
 * `/userinfo` (reference §3.6): tsidp's body (`sub name email picture username` plus the extra
 * claims of `includeInUserInfo` rules), by GET and, fixed, by POST with the token in the header
 * or the form body (OIDC Core §5.3.1, RFC 6750 §2.2). CORS for browser-based clients; public over
 * Funnel, since the bearer token is the credential.
 *
 * @example GET /userinfo  (Authorization: Bearer <access token>)
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { requestHeader } from '../../../platform/request.js';
import { OAuthError } from '../errors.js';
import { type Ctx, cors, type Deps, jsonNoStore, methodNotAllowed, readForm, sendError } from './deps.js';

const BEARER = /^bearer +(\S+)$/i;

/** The bearer token of a request: the Authorization header, else (POST) the `access_token` form field. */
export async function bearerToken(c: Ctx): Promise<string> {
  const header = requestHeader(c, 'authorization');
  if (header) {
    const m = BEARER.exec(header.trim());
    if (!m?.[1]) throw new OAuthError('invalid_request', 'the Authorization header must be "Bearer <token>"', { wwwAuthenticate: 'Bearer error="invalid_request"' });
    return m[1];
  }
  if (c.req.method === 'POST') {
    const form = await readForm(c);
    if (form.access_token) return form.access_token;
  }
  throw new OAuthError('invalid_request', 'an access token is required', { status: 401, wwwAuthenticate: 'Bearer realm="idp"' });
}

export function userinfoRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.all('/userinfo', async (c) => {
    cors(c, 'GET, POST, OPTIONS');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    try {
      if (c.req.method !== 'GET' && c.req.method !== 'POST') throw methodNotAllowed('GET or POST');
      return jsonNoStore(c, deps.service.userinfo(await bearerToken(c), deps.issuer(c)));
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
}
