/**
 * `/userinfo` (reference §3.6): tsidp's body (`sub name email picture username` plus the extra
 * claims of `includeInUserInfo` rules), by GET and, fixed, by POST with the token in the header
 * or the form body (OIDC Core §5.3.1, RFC 6750 §2.2). CORS for browser-based clients; public over
 * Funnel, since the bearer token is the credential.
 *
 * @example GET /userinfo  (Authorization: Bearer <access token>)
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { requestHeader } from '../../../platform/request.js';
import { userinfoClaims } from '../service/claims.js';
import { type Ctx, cors, type IdpDeps, issuerHost, jsonNoStore, methodNotAllowed, readForm, sendError } from './deps.js';
import { OAuthError } from '../errors.js';
import { hashToken } from '../service/tokens.js';

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

export function userinfoRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/userinfo', async (c) => {
    cors(c, 'GET, POST, OPTIONS');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    try {
      if (c.req.method !== 'GET' && c.req.method !== 'POST') throw methodNotAllowed('GET or POST');
      const token = await bearerToken(c);
      const access = deps.tokens.access(hashToken(token), deps.clock());
      if (!access) throw new OAuthError('invalid_token', 'the access token is unknown or expired', { wwwAuthenticate: 'Bearer error="invalid_token"' });
      const { claims } = userinfoClaims(access.subject, access.scopes, issuerHost(deps.issuer(c)), { emailVerified: deps.config.emailVerified });
      return jsonNoStore(c, claims);
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
  return app;
}
