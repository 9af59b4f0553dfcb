/**
 * Relying-party tests with openid-client 6 (the strictest practical RP; reference §10.1) on
 * loopback against the real platform: discovery, code + PKCE + nonce, ID token validation,
 * userinfo, refresh, introspection, token exchange, dynamic registration and error handling.
 */
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN, auditEntries, follow, newClient, type RegisteredClient, startIdp } from './helpers.js';

const insecure = { execute: [oidc.allowInsecureRequests] };
const REDIRECT = 'https://rp.example/callback';

let t: TestApp;
let rp: RegisteredClient;
let config: oidc.Configuration;

beforeAll(async () => {
  t = await startIdp({ caps: ADMIN, appConfig: { enableSts: true } });
  rp = await newClient(t.url, [REDIRECT]);
  config = await oidc.discovery(new URL(t.url), rp.client_id, rp.client_secret, undefined, insecure);
});
afterAll(() => t.cleanup());

/** A full sign-in: authorize (as the dev user) and the code exchange. */
async function signIn(scope = 'openid email profile', extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    ...extra,
  });
  const callback = await follow(url);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state });
  return { tokens, nonce, callback, state };
}

describe('openid-client against the idp', () => {
  it('discovers the issuer (the exact loopback URL)', () => {
    expect(config.serverMetadata().issuer).toBe(t.url);
    expect(config.serverMetadata().token_endpoint).toBe(`${t.url}/token`);
  });

  it('signs in with code + PKCE + nonce and validates the ID token', async () => {
    const { tokens, nonce } = await signIn();
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: t.url,
      aud: [rp.client_id],
      nonce,
      email: 'alice@example.com',
      preferred_username: 'alice',
      name: 'alice',
      node: 'localhost.',
    });
    expect(claims?.sub).toMatch(/^userid:\d+$/);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(300);
    expect(tokens.refresh_token).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens.access_token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('fetches userinfo for the same subject', async () => {
    const { tokens } = await signIn();
    const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub as string);
    expect(info).toMatchObject({ sub: tokens.claims()?.sub, email: 'alice@example.com', username: 'alice', name: 'alice' });
  });

  it('sends no-store and CORS headers over a real socket (set on node\'s response, not through hono)', async () => {
    const { tokens } = await signIn();
    const res = await fetch(`${t.url}/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(200);
    const names = ['cache-control', 'pragma', 'content-type', 'access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age'];
    expect(Object.fromEntries(names.map((k) => [k, res.headers.get(k)]))).toEqual({
      'cache-control': 'no-store',
      pragma: 'no-cache',
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'Authorization, *',
      'access-control-max-age': '600',
    });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const bad = await fetch(`${t.url}/userinfo`, { headers: { Authorization: 'Bearer nope' } });
    expect([bad.status, bad.headers.get('access-control-allow-origin'), (await bad.json()).error]).toEqual([401, '*', 'invalid_token']);
  });

  it('refreshes, rotating the refresh token and keeping the nonce', async () => {
    const { tokens, nonce } = await signIn();
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()).toMatchObject({ sub: tokens.claims()?.sub, nonce });
    const again = await oidc.refreshTokenGrant(config, refreshed.refresh_token as string);
    expect(again.access_token).not.toBe(refreshed.access_token);
  });

  it('introspects with client credentials, with tsidp\'s bare-decimal sub', async () => {
    const { tokens } = await signIn();
    const info = await oidc.tokenIntrospection(config, tokens.access_token);
    const sub = String(tokens.claims()?.sub).slice('userid:'.length);
    expect(info).toMatchObject({ active: true, client_id: rp.client_id, sub, username: 'alice@example.com', scope: 'openid email profile' });
    expect((await oidc.tokenIntrospection(config, 'f'.repeat(32))).active).toBe(false);
  });

  it('exchanges a token for another audience (RFC 8693)', async () => {
    const { tokens } = await signIn();
    const exchanged = await oidc.genericGrantRequest(config, 'urn:ietf:params:oauth:grant-type:token-exchange', {
      subject_token: tokens.access_token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'https://api.example',
    });
    expect(exchanged).toMatchObject({ issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', expires_in: 300 });
    const info = await oidc.tokenIntrospection(config, exchanged.access_token);
    expect(info).toMatchObject({ active: true, aud: ['https://api.example'] });
  });

  it('registers a client dynamically and signs in with it', async () => {
    const registered = await oidc.dynamicClientRegistration(new URL(t.url), { redirect_uris: [REDIRECT], client_name: 'dcr rp' }, undefined, insecure);
    const meta = registered.clientMetadata();
    expect(meta.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.client_secret_expires_at).toBe(0);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(registered, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const tokens = await oidc.authorizationCodeGrant(registered, await follow(url), { pkceCodeVerifier: verifier, idTokenExpected: true });
    expect(tokens.claims()?.aud).toEqual([meta.client_id]);
  });

  it('surfaces OAuth errors as ResponseBodyError with the JSON error code', async () => {
    const { callback, state } = await signIn();
    // The code was already redeemed by signIn: a replay.
    const err = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: state }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(oidc.ResponseBodyError);
    expect((err as oidc.ResponseBodyError).error).toBe('invalid_grant');
    const bad = await oidc.refreshTokenGrant(config, 'not-a-token').catch((e: unknown) => e);
    expect((bad as oidc.ResponseBodyError).error).toBe('invalid_grant');
    expect((bad as oidc.ResponseBodyError).status).toBe(400);
  });

  it('audits sign-ins and token issues without any token in the log', () => {
    const entries = auditEntries(t.dataDir);
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['authorize', 'token.issue', 'token.refresh', 'token.exchange', 'client.register', 'client.create', 'token.replay']) expect(actions).toContain(a);
    expect(JSON.stringify(entries)).not.toContain(rp.client_secret);
  });
});
