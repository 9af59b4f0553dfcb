/**
 * A local mirror of the OpenID Connect Basic OP conformance plan (reference §10.1: the modules
 * of OIDCCBasicTestPlan; the suite itself needs Java, MongoDB and Docker), driven by oauth4webapi
 * on loopback against the real platform, plus its negative cases. Each test names the module it
 * mirrors. Signatures are checked with jose against the published JWKS.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN, follow, newClient, type RegisteredClient, startIdp } from './helpers.js';

const REDIRECT = 'https://rp.example/cb';
const insecure = { [oauth.allowInsecureRequests]: true };

let t: TestApp;
let as: oauth.AuthorizationServer;
let rp: RegisteredClient;
let client: oauth.Client;

beforeAll(async () => {
  t = await startIdp({ caps: ADMIN });
  rp = await newClient(t.url, [REDIRECT]);
  client = { client_id: rp.client_id };
  as = await oauth.processDiscoveryResponse(new URL(t.url), await oauth.discoveryRequest(new URL(t.url), insecure));
});
afterAll(() => t.cleanup());

interface FlowOptions {
  params?: Record<string, string>;
  nonce?: string;
  auth?: oauth.ClientAuth;
  method?: 'GET' | 'POST';
}

/** Authorize (GET or POST), validate the response (state, iss), redeem the code. */
async function flow(o: FlowOptions = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const params = new URLSearchParams({
    client_id: rp.client_id,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...(o.nonce ? { nonce: o.nonce } : {}),
    ...o.params,
  });
  const res =
    o.method === 'POST'
      ? await fetch(`${t.url}/authorize`, { method: 'POST', body: params, redirect: 'manual' })
      : await fetch(`${t.url}/authorize?${params}`, { redirect: 'manual' });
  const callback = new URL(res.headers.get('location') ?? '');
  const validated = oauth.validateAuthResponse(as, client, callback, state);
  const tokenRes = await oauth.authorizationCodeGrantRequest(as, client, o.auth ?? oauth.ClientSecretPost(rp.client_secret), validated, REDIRECT, verifier, insecure);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenRes, { expectedNonce: o.nonce, requireIdToken: true });
  return { tokens, claims: oauth.getValidatedIdTokenClaims(tokens) as oauth.IDToken, callback, verifier };
}

describe('OIDCC Basic OP plan, mirrored', () => {
  it('oidcc-server: discovery is valid and matches the issuer', () => {
    expect(as).toMatchObject({ issuer: t.url, response_types_supported: ['code'], id_token_signing_alg_values_supported: ['RS256'] });
  });

  it('oidcc-response-type-missing: an error, redirected', async () => {
    const res = await fetch(`${t.url}/authorize?client_id=${rp.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid&state=s`, { redirect: 'manual' });
    const cb = new URL(res.headers.get('location') ?? '');
    expect(cb.searchParams.get('error')).toBe('invalid_request');
    expect(cb.searchParams.get('state')).toBe('s');
  });

  it('oidcc-idtoken-signature and oidcc-idtoken-kid: RS256, signed by a published key', async () => {
    const { tokens } = await flow({ nonce: 'n' });
    const jwks = createRemoteJWKSet(new URL(`${t.url}/.well-known/jwks.json`));
    const { protectedHeader } = await jwtVerify(tokens.id_token as string, jwks, { issuer: t.url, audience: rp.client_id });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const { keys } = (await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(keys.map((k) => k.kid)).toContain(protectedHeader.kid);
  });

  it('oidcc-idtoken-unsigned: alg "none" asked for at registration is never used', async () => {
    const reg = await fetch(`${t.url}/register`, { method: 'POST', body: JSON.stringify({ redirect_uris: [REDIRECT], id_token_signed_response_alg: 'none' }) });
    expect(reg.status).toBe(201);
    const { tokens } = await flow();
    expect(JSON.parse(Buffer.from((tokens.id_token as string).split('.')[0] ?? '', 'base64url').toString()).alg).toBe('RS256');
  });

  it('oidcc-userinfo-get, -post-header, -post-body', async () => {
    const { tokens, claims } = await flow();
    const get = await oauth.processUserInfoResponse(as, client, claims.sub, await oauth.userInfoRequest(as, client, tokens.access_token, insecure));
    expect(get.sub).toBe(claims.sub);
    const postHeader = await fetch(`${t.url}/userinfo`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.access_token}` } });
    const postBody = await fetch(`${t.url}/userinfo`, { method: 'POST', body: new URLSearchParams({ access_token: tokens.access_token }) });
    for (const res of [postHeader, postBody]) expect(await res.json()).toMatchObject({ sub: claims.sub });
  });

  it('oidcc-ensure-request-without-nonce-succeeds-for-code-flow', async () => {
    const { claims } = await flow();
    expect(claims.nonce).toBeUndefined();
  });

  it('oidcc-scope-profile, -email, -address, -phone, -all, and other order', async () => {
    expect((await flow({ params: { scope: 'openid profile' } })).claims).toMatchObject({ name: 'alice', preferred_username: 'alice' });
    expect((await flow({ params: { scope: 'openid email' } })).claims).toMatchObject({ email: 'alice@example.com' });
    for (const scope of ['openid address', 'openid phone', 'openid profile email address phone', 'email profile openid']) {
      const { tokens } = await flow({ params: { scope } });
      expect(tokens.access_token, scope).toBeTruthy();
    }
  });

  it('oidcc-display-page/-popup, oidcc-prompt-login/-none, oidcc-max-age-1 (auth_time), unknown and hint parameters', async () => {
    for (const params of <Record<string, string>[]>[{ display: 'page' }, { display: 'popup' }, { prompt: 'login' }, { prompt: 'none' }, { ui_locales: 'se', claims_locales: 'se', login_hint: 'alice', acr_values: '1 2', extra_param: 'x' }]) {
      expect((await flow({ params })).claims.sub).toMatch(/^userid:/);
    }
    const { claims } = await flow({ params: { max_age: '1' } });
    expect(Math.abs((claims.auth_time as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('oidcc-codereuse and oidcc-codereuse-30seconds: refused, and the first tokens are revoked', async () => {
    const { tokens, callback, verifier } = await flow();
    const again = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretPost(rp.client_secret), oauth.validateAuthResponse(as, client, callback, oauth.skipStateCheck), REDIRECT, verifier, insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, client, again)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await fetch(`${t.url}/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);
  });

  it('oidcc-ensure-registered-redirect-uri: an unregistered redirect is refused without redirecting', async () => {
    const res = await fetch(`${t.url}/authorize?client_id=${rp.client_id}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&response_type=code&scope=openid`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('oidcc-ensure-post-request-succeeds and oidcc-client-secret-post (and basic)', async () => {
    expect((await flow({ method: 'POST' })).claims.sub).toMatch(/^userid:/);
    expect((await flow({ auth: oauth.ClientSecretBasic(rp.client_secret) })).claims.sub).toMatch(/^userid:/);
  });

  it('oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported, and request_uri', async () => {
    for (const [param, error] of [['request', 'request_not_supported'], ['request_uri', 'request_uri_not_supported']] as const) {
      const cb = await follow(`${t.url}/authorize?client_id=${rp.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=openid&${param}=x`);
      expect(cb.searchParams.get('error')).toBe(error);
    }
  });

  it('oidcc-claims-essential: a claims request is accepted and userinfo still has the name', async () => {
    const claimsParam = JSON.stringify({ userinfo: { name: { essential: true } } });
    const { tokens, claims } = await flow({ params: { claims: claimsParam } });
    const info = await oauth.processUserInfoResponse(as, client, claims.sub, await oauth.userInfoRequest(as, client, tokens.access_token, insecure));
    expect(info.name).toBe('alice');
  });

  it('oidcc-refresh-token: the refreshed ID token keeps iss, sub and aud', async () => {
    const { tokens, claims } = await flow({ nonce: 'r' });
    const res = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost(rp.client_secret), tokens.refresh_token as string, insecure);
    const refreshed = await oauth.processRefreshTokenResponse(as, client, res);
    expect(oauth.getValidatedIdTokenClaims(refreshed)).toMatchObject({ iss: claims.iss, sub: claims.sub, aud: claims.aud });
  });
});

describe('negative cases (oauth4webapi)', () => {
  async function authorized() {
    const verifier = oauth.generateRandomCodeVerifier();
    const url = `${t.url}/authorize?${new URLSearchParams({ client_id: rp.client_id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', nonce: 'good', code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })}`;
    return { verifier, params: oauth.validateAuthResponse(as, client, await follow(url), oauth.expectNoState) };
  }

  it('a wrong PKCE verifier is invalid_grant, as JSON', async () => {
    const { params } = await authorized();
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretPost(rp.client_secret), params, REDIRECT, oauth.generateRandomCodeVerifier(), insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, client, res)).rejects.toMatchObject({ error: 'invalid_grant', status: 400 });
  });

  it('a different redirect_uri at the token endpoint is refused', async () => {
    const { params, verifier } = await authorized();
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretPost(rp.client_secret), params, `${REDIRECT}/x`, verifier, insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, client, res)).rejects.toMatchObject({ error: 'invalid_request' });
  });

  it('a wrong client secret is 401 invalid_client', async () => {
    const { params, verifier } = await authorized();
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic('0'.repeat(64)), params, REDIRECT, verifier, insecure);
    // With Basic, the 401 carries a Basic challenge, which oauth4webapi reports as such.
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="idp"');
    await expect(oauth.processAuthorizationCodeResponse(as, client, res.clone())).rejects.toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('the ID token nonce binds the flow: another expected nonce fails on the RP', async () => {
    const { params, verifier } = await authorized();
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretPost(rp.client_secret), params, REDIRECT, verifier, insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: 'other' })).rejects.toThrow(/nonce/);
  });

  it('the RFC 9207 iss parameter lets an RP reject a response from another issuer', async () => {
    const cb = await follow(`${t.url}/authorize?client_id=${rp.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=openid`);
    const other = { ...as, issuer: 'https://other.example' };
    expect(() => oauth.validateAuthResponse(other, client, cb, oauth.expectNoState)).toThrow(/iss/);
  });

  it('an unknown refresh token and a revoked access token are refused', async () => {
    const res = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost(rp.client_secret), 'f'.repeat(32), insecure);
    await expect(oauth.processRefreshTokenResponse(as, client, res)).rejects.toMatchObject({ error: 'invalid_grant' });
    const info = await oauth.userInfoRequest(as, client, 'e'.repeat(32), insecure);
    expect(info.status).toBe(401);
    expect(info.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
