/**
 * `/authorize` (reference §3.4): issues a code at once, because the tailnet already says who the
 * browser's user is; there is no login or consent page.
 *
 * Kept from tsidp: the order of checks, JSON errors (400) until the client and redirect URI are
 * known and redirect errors (302, `error`, `error_description`, `state`) after, the byte-exact
 * redirect match, the merged and sorted redirect query, the tagged-node refusal, the 401 over
 * Funnel. Fixed: parameters are also read from a POST form body (OIDC Core §3.1.2.1);
 * `response_type` is required and must be `code`; unknown scopes are ignored; codes expire
 * (`codeTtlSeconds`, ≤ 5 min); request objects are refused; public clients must use S256; native
 * loopback redirects may use any port; RFC 9207 `iss` is added; per-client allowed users.
 *
 * @example GET /authorize?client_id=…&redirect_uri=…&response_type=code&scope=openid&state=…&code_challenge=…&code_challenge_method=S256
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { type Ctx, type IdpDeps, readAll, readForm, requireTailnet, sendError } from './deps.js';
import { OAuthError } from '../errors.js';
import { checkChallenge } from '../service/pkce.js';
import { matchesRegistered, withParams } from '../service/redirect-uris.js';
import { grantScopes } from '../service/scopes.js';
import { userAllowed } from '../service/registry.js';
import type { Client } from '../store/clients.js';
import { nodeAddressOf, subjectOf } from '../service/subject.js';
import { hashToken, randomHex } from '../service/tokens.js';

/** An error to send back to the relying party through its redirect URI. */
class RedirectError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export function authorizeRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/authorize', async (c) => {
    let target: { redirectUri: string; state: string | undefined } | undefined;
    try {
      requireTailnet(c);
      if (c.req.method !== 'GET' && c.req.method !== 'POST') throw new OAuthError('method_not_allowed', 'use GET or POST');
      const p = await readForm(c);
      const redirectUri = p.redirect_uri;
      if (!redirectUri) throw new OAuthError('invalid_request', 'redirect_uri is required');
      if (!p.client_id) throw new OAuthError('invalid_request', 'client_id is required');
      const client = deps.clients.get(p.client_id);
      if (!client) throw new OAuthError('invalid_client', 'unknown client_id', { status: 400 });
      if (!matchesRegistered(client.redirectUris, redirectUri)) throw new OAuthError('invalid_request', 'redirect_uri mismatch');
      target = { redirectUri, state: p.state };
      const location = await authorize(c, deps, client, p, redirectUri);
      return c.redirect(location, 302);
    } catch (err) {
      if (err instanceof RedirectError && target) {
        void deps.audit.record({ action: 'authorize.denied', client: c.req.query('client_id'), user: c.get('caller').login, error: err.code, reason: err.description }).catch(() => {});
        const issuer = deps.issuer(c);
        return c.redirect(withParams(target.redirectUri, { error: err.code, error_description: err.description, state: target.state, iss: issuer }), 302);
      }
      return sendError(c, err, deps.log);
    }
  });
  return app;
}

/** The checks after the redirect URI is trusted; returns the success redirect or throws a RedirectError. */
async function authorize(c: Ctx, deps: IdpDeps, client: Client, p: Record<string, string>, redirectUri: string): Promise<string> {
  if (p.request) throw new RedirectError('request_not_supported', 'request objects are not supported');
  if (p.request_uri) throw new RedirectError('request_uri_not_supported', 'request_uri is not supported');
  if (!p.response_type) throw new RedirectError('invalid_request', 'response_type is required');
  if (p.response_type !== 'code') throw new RedirectError('unsupported_response_type', `response_type "${p.response_type}" is not supported; use "code"`);
  if (p.response_mode && p.response_mode !== 'query') throw new RedirectError('invalid_request', `response_mode "${p.response_mode}" is not supported; use "query"`);
  const caller = c.get('caller');
  if (caller.kind === 'tagged') throw new RedirectError('access_denied', "tagged node doesn't have a user identity");
  const subject = subjectOf(caller, deps.capName);
  if (!userAllowed(client, subject)) throw new RedirectError('access_denied', `${caller.login} may not sign in to this client`);
  let pkceMethod: 'plain' | 'S256' | undefined;
  try {
    pkceMethod = checkChallenge(p.code_challenge_method, p.code_challenge);
  } catch (err) {
    throw new RedirectError('invalid_request', (err as OAuthError).description);
  }
  if (client.authMethod === 'none' && pkceMethod !== 'S256') throw new RedirectError('invalid_request', 'public clients must use PKCE with code_challenge_method=S256');
  const resources = await readAll(c, 'resource');
  const badResource = resources.find((r) => !isAbsoluteUri(r));
  if (badResource !== undefined) throw new RedirectError('invalid_target', `resource "${badResource}" is not an absolute URI without a fragment`);
  const scopes = grantScopes(p.scope);
  const now = deps.clock();
  const code = randomHex(16);
  deps.tokens.saveCode({
    hash: hashToken(code),
    clientId: client.clientId,
    redirectUri,
    scopes,
    resources: [...new Set(resources)],
    nonce: p.nonce || null,
    pkce: pkceMethod && p.code_challenge ? { method: pkceMethod, challenge: p.code_challenge } : undefined,
    subject,
    nodeAddr: nodeAddressOf(caller),
    authTime: now,
    expiresAt: now + deps.config.codeTtlSeconds,
  });
  await deps.audit.record({ action: 'authorize', client: client.clientId, user: caller.login, node: caller.nodeFQDN, scopes });
  return withParams(redirectUri, { code, state: p.state, iss: deps.issuer(c) });
}


function isAbsoluteUri(s: string): boolean {
  try {
    new URL(s);
    return !s.includes('#');
  } catch {
    return false;
  }
}
