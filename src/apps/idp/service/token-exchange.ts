/**
 * RFC 8693 token exchange, behind `apps.idp.enableSts` (tsidp's `-enable-sts`; reference §3.5):
 * an access token issued here is exchanged for one aimed at other audiences, filtered by the
 * subject user's `users`/`resources` rules, with an optional `actor_token` recorded as `act`.
 *
 * The exchanger is identified as in tsidp: client credentials (Basic, then form), else the
 * calling tailnet node (`node:<id>`); an anonymous (Funnel) caller without credentials gets 401.
 * Fixed: an unknown or expired subject token is `400 invalid_grant` (tsidp said 401).
 *
 * @example const body = await exchangeGrant(d, request);
 */
import { allowedResources, parseRules } from '../access.js';
import { OAuthError } from '../errors.js';
import { authenticateClient, clientCredentials } from './client-auth.js';
import type { ServiceDeps } from './deps.js';
import { mintAccessToken, type TokenResponse } from './issue.js';
import { narrowScopes } from './scopes.js';
import { derivedId } from './subject.js';
import type { TokenRequest } from './token.js';
import { hashToken } from './tokens.js';

export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export async function exchangeGrant(deps: ServiceDeps, r: TokenRequest): Promise<TokenResponse> {
  const { form } = r;
  if (!deps.config.enableSts) throw new OAuthError('unsupported_grant_type', 'token exchange is not enabled (apps.idp.enableSts)');
  const exchanger = identifyExchanger(deps, r);
  if (!form.subject_token) throw new OAuthError('invalid_request', 'subject_token is required');
  if (form.subject_token_type !== ACCESS_TOKEN_TYPE) throw new OAuthError('invalid_request', `subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
  if (form.requested_token_type && form.requested_token_type !== ACCESS_TOKEN_TYPE) {
    throw new OAuthError('invalid_request', `requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  const audiences = [...new Set(r.audiences)];
  if (audiences.length === 0) throw new OAuthError('invalid_request', 'at least one audience is required');
  const now = deps.clock();
  const subject = deps.tokens.access(hashToken(form.subject_token), now);
  if (!subject) throw new OAuthError('invalid_grant', 'subject_token is not a live access token');
  let act: Record<string, unknown> | undefined;
  if (form.actor_token) {
    const actor = deps.tokens.access(hashToken(form.actor_token), now);
    if (!actor) throw new OAuthError('invalid_grant', 'actor_token is not a live access token');
    act = { sub: `userid:${actor.subject.userId}`, client_id: actor.clientId, ...(actor.act !== undefined ? { act: actor.act } : {}) };
  }
  const allowed = allowedResources(parseRules(subject.subject.caps).rules, subject.subject.login, audiences);
  if (allowed.length === 0) {
    await deps.audit.record({ action: 'token.denied', client: exchanger.clientId, user: subject.subject.login, grant: 'token-exchange', audiences });
    throw new OAuthError('access_denied', 'no grant allows these audiences for the subject user');
  }
  const scopes = narrowScopes(subject.scopes, form.scope);
  if (!Array.isArray(scopes)) throw new OAuthError('invalid_scope', `scope "${scopes.invalid}" was not granted to the subject token`);
  const token = await mintAccessToken(deps, {
    issuer: r.issuer,
    client: exchanger,
    subject: subject.subject,
    scopes,
    audience: allowed,
    familyId: subject.familyId,
    kind: 'exchange',
    act,
  });
  await deps.audit.record({ action: 'token.exchange', client: exchanger.clientId, user: subject.subject.login, audiences: allowed });
  const changed = form.scope !== undefined && scopes.join(' ') !== subject.scopes.join(' ');
  return {
    access_token: token,
    expires_in: deps.config.accessTokenTtlSeconds,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: 'Bearer',
    ...(changed ? { scope: scopes.join(' ') } : {}),
  } as TokenResponse;
}

/** The exchanging party: an authenticated client, else the calling tailnet node. */
function identifyExchanger(deps: ServiceDeps, r: TokenRequest): { clientId: string; accessTokenFormat: 'opaque' | 'jwt' } {
  const creds = clientCredentials(r.authorization, r.form);
  if (creds) return authenticateClient(deps.clients, creds);
  const { caller } = r;
  if (caller.kind === 'anonymous') throw new OAuthError('invalid_client', 'client authentication is required');
  const nodeId = caller.nodeId || derivedId(`node\n${caller.nodeFQDN || caller.nodeName}`);
  return { clientId: `node:${nodeId}`, accessTokenFormat: 'opaque' };
}
