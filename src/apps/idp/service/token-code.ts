/**
 * The `authorization_code` grant (reference §3.5). Order: client authentication, then the code,
 * so a failed authentication never burns a code (tsidp burned it first). A code is single-use and
 * expires; presenting it again revokes everything issued from it (RFC 9700 §4.5.3.1) and is
 * audited. Every code grant gets a refresh token, as in tsidp, so relying parties that never ask
 * for `offline_access` keep refreshing.
 *
 * @example const body = await codeGrant(d, request);
 */
import { allowedResources, parseRules } from '../access.js';
import { OAuthError } from '../errors.js';
import { authenticateClient, clientCredentials } from './client-auth.js';
import type { ServiceDeps } from './deps.js';
import { issueTokens, type TokenResponse } from './issue.js';
import { verifyPkce } from './pkce.js';
import type { TokenRequest } from './token.js';
import { hashToken, randomHex } from './tokens.js';

export async function codeGrant(deps: ServiceDeps, r: TokenRequest): Promise<TokenResponse> {
  const { form } = r;
  const client = authenticateClient(deps.clients, clientCredentials(r.authorization, form));
  if (!form.code) throw new OAuthError('invalid_request', 'code is required');
  const hash = hashToken(form.code);
  const code = deps.tokens.peekCode(hash);
  const now = deps.clock();
  if (!code) throw new OAuthError('invalid_grant', 'code not found');
  if (code.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'the code was issued to another client');
  const replay = async () => {
    // Re-read: in a race the winner's family is only known now.
    const familyId = deps.tokens.peekCode(hash)?.familyId;
    if (familyId) deps.tokens.revokeFamily(familyId, 'code replayed', now);
    await deps.audit.record({ action: 'token.replay', client: client.clientId, user: code.subject.login, grant: 'authorization_code' });
    return new OAuthError('invalid_grant', 'code already used; the tokens issued for it are revoked');
  };
  if (code.usedAt !== null) throw await replay();
  if (code.expiresAt <= now) throw new OAuthError('invalid_grant', 'code expired');
  if (!form.redirect_uri || form.redirect_uri !== code.redirectUri) throw new OAuthError('invalid_request', 'redirect_uri does not match the authorization request');
  verifyPkce(code.pkce, form.code_verifier);
  if (client.authMethod === 'none' && code.pkce?.method !== 'S256') throw new OAuthError('invalid_grant', 'public clients must use PKCE S256');

  const requested = r.resources;
  if (requested.length > 0 && code.resources.length > 0) {
    const extra = requested.find((r) => !code.resources.includes(r));
    if (extra !== undefined) throw new OAuthError('invalid_target', `resource "${extra}" was not in the authorization request`);
  }
  const wanted = requested.length > 0 ? [...new Set(requested)] : code.resources;
  const resources = allowedResources(parseRules(code.subject.caps).rules, code.subject.login, wanted);
  if (wanted.length > 0 && resources.length === 0) throw new OAuthError('invalid_target', 'invalid resource: no grant allows it for this user');

  const familyId = randomHex(16);
  const family = {
    id: familyId,
    clientId: client.clientId,
    login: code.subject.login,
    subject: code.subject,
    nodeAddr: code.nodeAddr,
    scopes: code.scopes,
    resources,
    nonce: code.nonce,
    authTime: code.authTime,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: now + deps.config.refreshTtlSeconds,
    revokedAt: null,
  };
  const refresh = randomHex(16);
  // One commit: the code is used, the family exists, the refresh and access tokens are stored, or none of it.
  const body = await issueTokens(deps, r.issuer, client, family, refresh, () => {
    if (!deps.tokens.claimCode(hash, familyId, now)) return false;
    deps.tokens.createFamily(family);
    deps.tokens.saveRefresh(hashToken(refresh), familyId, now);
    return true;
  });
  if (!body) throw await replay();
  deps.clients.touch(client.clientId, now);
  await deps.audit.record({ action: 'token.issue', client: client.clientId, user: family.login, grant: 'authorization_code', family: familyId, resources });
  return body;
}
