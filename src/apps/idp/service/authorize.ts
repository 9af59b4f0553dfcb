/**
 * What `/authorize` does (reference §3.4): issues a code at once, because the tailnet already
 * says who the browser's user is; there is no login or consent page.
 *
 * Kept from tsidp: the order of checks, JSON errors (thrown {@link OAuthError}s, 400) until the
 * client and redirect URI are known and redirect errors (`error`, `error_description`, `state`)
 * after, the byte-exact redirect match, the merged and sorted redirect query, the tagged-node
 * refusal. Fixed: `response_type` is required and must be `code`; unknown scopes are ignored;
 * codes expire (`codeTtlSeconds`, ≤ 5 min); request objects are refused; public clients must use
 * S256; native loopback redirects may use any port; RFC 9207 `iss` is added; per-client allowed
 * users.
 *
 * @example
 *   const location = await authorize(d, { caller, params, resources, issuer }); // the redirect, success or error
 */
import type { Caller } from '../../../platform/identity.js';
import { OAuthError } from '../errors.js';
import type { Client } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { checkChallenge } from './pkce.js';
import { matchesRegistered, withParams } from './redirect-uris.js';
import { userAllowed } from './registry.js';
import { grantScopes } from './scopes.js';
import { nodeAddressOf, subjectOf } from './subject.js';
import { hashToken, randomHex } from './tokens.js';

/** An authorization request as the route read it. */
export interface AuthorizeRequest {
  caller: Caller;
  /** The query, or the POST form body then the query (OIDC Core §3.1.2.1). */
  params: Record<string, string>;
  /** Every non-empty `resource` value (RFC 8707). */
  resources: string[];
  issuer: string;
}

/** An error to send back to the relying party through its redirect URI. */
class RedirectError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * The redirect to answer with: the code, or (once the redirect URI is trusted) the error. Throws
 * an {@link OAuthError} while the client or the redirect URI is not known.
 */
export async function authorize(d: ServiceDeps, r: AuthorizeRequest): Promise<string> {
  const p = r.params;
  const redirectUri = p.redirect_uri;
  if (!redirectUri) throw new OAuthError('invalid_request', 'redirect_uri is required');
  if (!p.client_id) throw new OAuthError('invalid_request', 'client_id is required');
  const client = d.clients.get(p.client_id);
  if (!client) throw new OAuthError('invalid_client', 'unknown client_id', { status: 400 });
  if (!matchesRegistered(client.redirectUris, redirectUri)) throw new OAuthError('invalid_request', 'redirect_uri mismatch');
  try {
    return await issueCode(d, r, client, redirectUri);
  } catch (err) {
    if (!(err instanceof RedirectError)) throw err;
    void d.audit.record({ action: 'authorize.denied', client: client.clientId, user: r.caller.login, error: err.code, reason: err.description }).catch(() => {});
    return withParams(redirectUri, { error: err.code, error_description: err.description, state: p.state, iss: r.issuer });
  }
}

/** The checks after the redirect URI is trusted; returns the success redirect or throws a RedirectError. */
async function issueCode(d: ServiceDeps, r: AuthorizeRequest, client: Client, redirectUri: string): Promise<string> {
  const { params: p, caller } = r;
  if (p.request) throw new RedirectError('request_not_supported', 'request objects are not supported');
  if (p.request_uri) throw new RedirectError('request_uri_not_supported', 'request_uri is not supported');
  if (!p.response_type) throw new RedirectError('invalid_request', 'response_type is required');
  if (p.response_type !== 'code') throw new RedirectError('unsupported_response_type', `response_type "${p.response_type}" is not supported; use "code"`);
  if (p.response_mode && p.response_mode !== 'query') throw new RedirectError('invalid_request', `response_mode "${p.response_mode}" is not supported; use "query"`);
  if (caller.kind === 'tagged') throw new RedirectError('access_denied', "tagged node doesn't have a user identity");
  const subject = subjectOf(caller, d.capName);
  if (!userAllowed(client, subject)) throw new RedirectError('access_denied', `${caller.login} may not sign in to this client`);
  let pkceMethod: 'plain' | 'S256' | undefined;
  try {
    pkceMethod = checkChallenge(p.code_challenge_method, p.code_challenge);
  } catch (err) {
    throw new RedirectError('invalid_request', (err as OAuthError).description);
  }
  if (client.authMethod === 'none' && pkceMethod !== 'S256') throw new RedirectError('invalid_request', 'public clients must use PKCE with code_challenge_method=S256');
  const badResource = r.resources.find((res) => !isAbsoluteUri(res));
  if (badResource !== undefined) throw new RedirectError('invalid_target', `resource "${badResource}" is not an absolute URI without a fragment`);
  const scopes = grantScopes(p.scope);
  const now = d.clock();
  const code = randomHex(16);
  d.tokens.saveCode({
    hash: hashToken(code),
    clientId: client.clientId,
    redirectUri,
    scopes,
    resources: [...new Set(r.resources)],
    nonce: p.nonce || null,
    pkce: pkceMethod && p.code_challenge ? { method: pkceMethod, challenge: p.code_challenge } : undefined,
    subject,
    nodeAddr: nodeAddressOf(caller),
    authTime: now,
    expiresAt: now + d.config.codeTtlSeconds,
  });
  await d.audit.record({ action: 'authorize', client: client.clientId, user: caller.login, node: caller.nodeFQDN, scopes });
  return withParams(redirectUri, { code, state: p.state, iss: r.issuer });
}

function isAbsoluteUri(s: string): boolean {
  try {
    new URL(s);
    return !s.includes('#');
  } catch {
    return false;
  }
}
