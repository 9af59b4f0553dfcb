/**
 * The `refresh_token` grant. Client authentication comes first (tsidp burned the token before
 * it), then the token's family. Rotation on every use; a token used twice revokes its family
 * (reuse detection). Families end after `refreshTtlSeconds`, or `refreshIdleSeconds` unused.
 *
 * Grants are re-evaluated here, unlike tsidp (which kept the `/authorize` snapshot for 30 days):
 * the caller of `/token` is the relying party, so the user's node — its address recorded at
 * `/authorize` — is looked up with WhoIs. A node that has left the tailnet, or now belongs to
 * someone else, ends the family with `invalid_grant`; otherwise the new tokens carry the user's
 * current name, groups and grant (extra claims, resources).
 *
 * @example const body = await refreshGrant(d, request);
 */
import { IdentityUnavailableError } from '../../../platform/identity.js';
import { allowedResources, parseRules } from '../access.js';
import { OAuthError } from '../errors.js';
import type { Family } from '../store/index.js';
import { authenticateClient, clientCredentials } from './client-auth.js';
import type { ServiceDeps } from './deps.js';
import { issueTokens, type TokenResponse } from './issue.js';
import { userAllowed } from './registry.js';
import { narrowScopes } from './scopes.js';
import { type Subject, subjectOf } from './subject.js';
import type { TokenRequest } from './token.js';
import { hashToken, randomHex } from './tokens.js';

export async function refreshGrant(deps: ServiceDeps, r: TokenRequest): Promise<TokenResponse> {
  const { form } = r;
  const client = authenticateClient(deps.clients, clientCredentials(r.authorization, form));
  if (!form.refresh_token) throw new OAuthError('invalid_request', 'refresh_token is required');
  const hash = hashToken(form.refresh_token);
  const found = deps.tokens.familyOfRefresh(hash);
  const now = deps.clock();
  if (!found) throw new OAuthError('invalid_grant', 'refresh token not found');
  const { family } = found;
  if (family.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'the refresh token was issued to another client');
  const end = async (reason: string, action: 'token.replay' | 'token.denied') => {
    deps.tokens.revokeFamily(family.id, reason, now);
    await deps.audit.record({ action, client: client.clientId, user: family.login, grant: 'refresh_token', family: family.id, reason });
    return new OAuthError('invalid_grant', reason);
  };
  if (family.revokedAt !== null) throw new OAuthError('invalid_grant', 'the sign-in was revoked');
  if (found.used) throw await end('refresh token already used; the sign-in is revoked', 'token.replay');
  if (family.expiresAt <= now || family.lastUsedAt + deps.config.refreshIdleSeconds <= now) throw new OAuthError('invalid_grant', 'refresh token expired');

  const scopes = narrowScopes(family.scopes, form.scope);
  if (!Array.isArray(scopes)) throw new OAuthError('invalid_scope', `scope "${scopes.invalid}" was not granted`);
  const subject = await currentSubject(deps, family);
  if (typeof subject === 'string') throw await end(subject, 'token.denied');
  if (!userAllowed(client, subject)) throw await end(`${subject.login} may no longer sign in to this client`, 'token.denied');

  const requested = r.resources;
  if (requested.length > 0 && family.resources.length > 0) {
    const extra = requested.find((r) => !family.resources.includes(r));
    if (extra !== undefined) throw new OAuthError('invalid_target', `resource "${extra}" was not granted to this sign-in`);
  }
  const wanted = requested.length > 0 ? [...new Set(requested)] : family.resources;
  const resources = allowedResources(parseRules(subject.caps).rules, subject.login, wanted);
  if (wanted.length > 0 && resources.length === 0) throw new OAuthError('invalid_target', 'invalid resource: no grant allows it for this user');

  const next = randomHex(16);
  const updated: Family = { ...family, subject, scopes, resources, lastUsedAt: now };
  // One commit: the refresh token rotates, the family is updated and the access token stored, or none of it.
  const body = await issueTokens(deps, r.issuer, client, updated, next, () => {
    if (!deps.tokens.rotateRefresh(hash, hashToken(next), family.id, now)) return false;
    deps.tokens.updateFamily(family.id, subject, scopes, resources, now);
    return true;
  });
  if (!body) throw await end('refresh token already used; the sign-in is revoked', 'token.replay');
  deps.clients.touch(client.clientId, now);
  await deps.audit.record({ action: 'token.refresh', client: client.clientId, user: family.login, family: family.id });
  return body;
}

/** The user as the tailnet sees them now, or why the sign-in must end. */
async function currentSubject(deps: ServiceDeps, family: Family): Promise<Subject | string> {
  let id: Awaited<ReturnType<ServiceDeps['whois']>>;
  try {
    id = await deps.whois(family.nodeAddr);
  } catch (err) {
    if (err instanceof IdentityUnavailableError) {
      throw new OAuthError('server_error', `cannot look the user's node up right now (${err.message}); try again`, { status: 503 });
    }
    throw err;
  }
  if (id.kind !== 'caller') return "the user's node has left the tailnet";
  const caller = id.caller;
  if (caller.kind !== 'user' || caller.login !== family.login) return "the user's node no longer belongs to the user who signed in";
  return subjectOf(caller, deps.capName);
}
