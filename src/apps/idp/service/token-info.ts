/**
 * What the endpoints that take a token already issued do with it: `/userinfo` (reference §3.6:
 * tsidp's body plus the extra claims of `includeInUserInfo` rules), `/introspect` (RFC 7662,
 * §3.7) and `/revoke` (RFC 7009, new).
 *
 * Introspection is open to any tailnet caller, as in tsidp (its MCP examples introspect without
 * credentials from a tailnet node), unless `apps.idp.introspection` is `clients`; client
 * credentials always work and are checked when sent. Anonymous (Funnel) callers without
 * credentials, and cross-site browser requests relying on the tailnet identity, get
 * `{"active":false}`. Answers keep tsidp's fields, including the bare-decimal `sub`.
 *
 * Revocation authenticates the client, and revokes only what was issued to it: a refresh token
 * ends its whole sign-in (family), an access token just itself. Unknown tokens answer 200 too.
 *
 * @example
 *   const claims = userinfo(d, accessToken, issuer);
 */
import type { Caller } from '../../../platform/identity.js';
import { OAuthError } from '../errors.js';
import { introspectionClaims, issuerHost, userinfoClaims } from './claims.js';
import { authenticateClient, clientCredentials } from './client-auth.js';
import type { ServiceDeps } from './deps.js';
import { hashToken } from './tokens.js';

/** The `/userinfo` claims for a bearer token; `401 invalid_token` for one that is not live. */
export function userinfo(d: ServiceDeps, token: string, issuer: string): Record<string, unknown> {
  const access = d.tokens.access(hashToken(token), d.clock());
  if (!access) throw new OAuthError('invalid_token', 'the access token is unknown or expired', { wwwAuthenticate: 'Bearer error="invalid_token"' });
  return userinfoClaims(access.subject, access.scopes, issuerHost(issuer), { emailVerified: d.config.emailVerified }).claims;
}

/** An introspection or revocation request as the route read it. */
export interface TokenQuery {
  form: Record<string, string>;
  /** The `Authorization` header, if sent (client credentials). */
  authorization: string | undefined;
}

/** An introspection request: who asks, and whether a browser sent it from another site. */
export interface IntrospectRequest extends TokenQuery {
  caller: Caller;
  /** A browser request from another site (it must not use the tailnet identity of the browser's node). */
  crossSite: boolean;
  issuer: string;
}

/** The `/introspect` answer (see the module comment). */
export function introspect(d: ServiceDeps, r: IntrospectRequest): Record<string, unknown> {
  if (!r.form.token) throw new OAuthError('invalid_request', 'token is required');
  if (!mayIntrospect(d, r)) return { active: false };
  const a = d.tokens.access(hashToken(r.form.token), d.clock());
  if (!a) return { active: false };
  return introspectionClaims({
    issuer: r.issuer,
    clientId: a.clientId,
    subject: a.subject,
    scopes: a.scopes,
    audience: a.audience,
    iat: a.issuedAt,
    exp: a.expiresAt,
    jti: a.kind === 'access' ? a.jti : undefined,
    act: a.act,
    subFormat: d.config.introspectionSub,
  });
}

/** Whether the caller may introspect; throws 401 for bad credentials or (in `clients` mode) none. */
function mayIntrospect(d: ServiceDeps, r: IntrospectRequest): boolean {
  const creds = clientCredentials(r.authorization, r.form);
  if (creds) {
    authenticateClient(d.clients, creds);
    return true;
  }
  if (d.config.introspection === 'clients') throw new OAuthError('invalid_client', 'client authentication is required');
  return r.caller.kind !== 'anonymous' && !r.crossSite;
}

/** `/revoke`: ends what the token names if it was issued to the authenticated client. */
export async function revoke(d: ServiceDeps, r: TokenQuery): Promise<void> {
  const client = authenticateClient(d.clients, clientCredentials(r.authorization, r.form));
  if (!r.form.token) throw new OAuthError('invalid_request', 'token is required');
  const hash = hashToken(r.form.token);
  const now = d.clock();
  const refresh = d.tokens.familyOfRefresh(hash);
  if (refresh && refresh.family.clientId === client.clientId) {
    d.tokens.revokeFamily(refresh.family.id, 'revoked by the client', now);
    await d.audit.record({ action: 'token.revoke', client: client.clientId, user: refresh.family.login, kind: 'refresh_token' });
    return;
  }
  const access = d.tokens.access(hash, now);
  if (access && access.clientId === client.clientId && d.tokens.revokeAccess(hash)) {
    await d.audit.record({ action: 'token.revoke', client: client.clientId, user: access.subject.login, kind: 'access_token' });
  }
}
