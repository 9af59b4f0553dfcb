/**
 * Minting the tokens of one grant: an access token (opaque 32 hex, tsidp's format, or an RFC 9068
 * JWT for clients that ask for it), an ID token (RS256, claims from `claims.ts`), and the
 * response body in tsidp's key order plus `scope`.
 *
 * Every access token is stored by the hash of its full value, whatever its format, so userinfo,
 * introspection and revocation treat both alike, and revoking a family ends its JWTs for every
 * endpoint here (resource servers that verify offline keep them until they expire, 5 minutes).
 *
 * @example
 *   const body = await issueTokens(deps, issuer, client, family, refreshToken, () => tokens.claimCode(hash, family.id, now));
 */
import type { Client, Family } from '../store/index.js';
import { idTokenClaims, issuerHost } from './claims.js';
import type { ServiceDeps } from './deps.js';
import { signJwt } from './jwt.js';
import type { Subject } from './subject.js';
import { hashToken, randomHex } from './tokens.js';

export interface TokenResponse {
  id_token?: string;
  token_type: 'Bearer';
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  issued_token_type?: string;
}

export interface AccessTokenInput {
  issuer: string;
  client: Pick<Client, 'clientId' | 'accessTokenFormat'>;
  subject: Subject;
  scopes: string[];
  audience: string[];
  familyId: string | null;
  kind: 'access' | 'exchange';
  authTime?: number;
  act?: unknown;
}

/** A new access token (signed when the client wants JWTs) and the write that stores it. */
async function newAccessToken(deps: ServiceDeps, i: AccessTokenInput): Promise<{ token: string; save: () => void }> {
  const now = deps.clock();
  const ttl = deps.config.accessTokenTtlSeconds;
  const jti = randomHex(16);
  let token: string;
  if (i.client.accessTokenFormat === 'jwt') {
    const claims: Record<string, unknown> = {
      iss: i.issuer,
      sub: `userid:${i.subject.userId}`,
      aud: i.audience.length > 0 ? i.audience : [i.client.clientId],
      exp: now + ttl,
      iat: now,
      jti,
      client_id: i.client.clientId,
      scope: i.scopes.join(' '),
      ...(i.authTime !== undefined ? { auth_time: i.authTime } : {}),
      ...(i.act !== undefined ? { act: i.act } : {}),
    };
    token = await signJwt(claims, await deps.keys.signer(), 'at+jwt');
  } else {
    token = randomHex(16);
  }
  const save = () =>
    deps.tokens.saveAccess({
      hash: hashToken(token),
      jti,
      clientId: i.client.clientId,
      familyId: i.familyId,
      subject: i.subject,
      scopes: i.scopes,
      audience: i.audience,
      kind: i.kind,
      act: i.act,
      issuedAt: now,
      expiresAt: now + ttl,
    });
  return { token, save };
}

/** Creates, stores and returns an access token. */
export async function mintAccessToken(deps: ServiceDeps, i: AccessTokenInput): Promise<string> {
  const { token, save } = await newAccessToken(deps, i);
  save();
  return token;
}

/**
 * The access token, ID token and response body of a code or refresh grant. `grantWrites` are the
 * grant's own writes (claiming the code, rotating the refresh token); they and the access token
 * are one SQLite commit. When they return false (the code or refresh token was already used)
 * nothing is stored and the answer is undefined.
 */
export async function issueTokens(deps: ServiceDeps, issuer: string, client: Client, family: Family, refreshToken: string, grantWrites: () => boolean): Promise<TokenResponse | undefined> {
  const audience = [client.clientId, ...family.resources.filter((r) => r !== client.clientId)];
  const { token: accessToken, save } = await newAccessToken(deps, {
    issuer,
    client,
    subject: family.subject,
    scopes: family.scopes,
    audience,
    familyId: family.id,
    kind: 'access',
    authTime: family.authTime,
  });
  const stored = deps.tokens.transaction(() => {
    if (!grantWrites()) return false;
    save();
    return true;
  });
  if (!stored) return undefined;
  const now = deps.clock();
  const { claims, dropped } = idTokenClaims({
    issuer,
    issuerHost: issuerHost(issuer),
    clientId: client.clientId,
    subject: family.subject,
    scopes: family.scopes,
    resources: family.resources,
    nonce: family.nonce ?? undefined,
    now,
    ttl: deps.config.idTokenTtlSeconds,
    jti: randomHex(16),
    authTime: family.authTime,
    accessToken,
    options: { emailVerified: deps.config.emailVerified },
  });
  if (dropped.length > 0) {
    deps.log.warn({ user: family.login, claims: dropped }, 'a grant\'s extraClaims tried to set protected claims; they were left out');
  }
  return {
    id_token: await signJwt(claims, await deps.keys.signer(), 'JWT'),
    token_type: 'Bearer',
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: deps.config.accessTokenTtlSeconds,
    scope: family.scopes.join(' '),
  };
}
