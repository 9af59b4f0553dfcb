/**
 * What tsidp gets wrong (reference §0, §9), fixed and tested in-process: code expiry and replay,
 * refresh-token reuse detection, grants re-evaluated at refresh (a changed grant, a node that has
 * left the tailnet), protected claims, introspection rules, userinfo by POST, public clients and
 * native loopback redirects, DCR, revocation, resource indicators, JWT access tokens.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient, authorizeVia, type InProcessIdp, inProcessIdp, jwtPayload, signInVia, tokenVia, user } from './inprocess.js';

const ADMIN = { allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['https://mcp.example'] };
const CB = 'https://rp.example/cb';
let idp: InProcessIdp;

beforeEach(async () => {
  idp = await inProcessIdp({ enableSts: true });
  idp.caller = user('alice@example.com', [ADMIN]);
});
afterEach(() => {
  vi.useRealTimers();
  idp.close();
});

const bearer = (token: string | undefined) => ({ headers: { authorization: `Bearer ${token}` } });

describe('codes', () => {
  it('expire after codeTtlSeconds (120 s by default)', async () => {
    const client = await apiClient(idp, [CB]);
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 121_000);
    const t = await tokenVia(idp, { grant_type: 'authorization_code', code: cb.searchParams.get('code') ?? '', redirect_uri: CB }, client);
    expect(t).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'code expired' } });
  });

  it('are single-use, and a replay revokes the tokens issued for the code', async () => {
    const client = await apiClient(idp, [CB]);
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code' });
    const form = { grant_type: 'authorization_code', code: cb.searchParams.get('code') ?? '', redirect_uri: CB };
    const first = await tokenVia(idp, form, client);
    expect((await idp.request('/userinfo', bearer(first.body.access_token))).status).toBe(200);
    const replay = await tokenVia(idp, form, client);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await idp.request('/userinfo', bearer(first.body.access_token))).status).toBe(401);
    expect((await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token ?? '' }, client)).body.error).toBe('invalid_grant');
    expect(idp.audit.some((e) => e.action === 'token.replay')).toBe(true);
  });
});

describe('refresh', () => {
  it('detects reuse of a rotated refresh token and ends the sign-in', async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    const r1 = await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' }, client);
    expect(r1.status).toBe(200);
    const reuse = await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' }, client);
    expect(reuse.body.error).toBe('invalid_grant');
    expect((await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: r1.body.refresh_token ?? '' }, client)).body.error).toBe('invalid_grant');
  });

  it('does not burn the refresh token when client authentication fails', async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    expect((await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' }, { ...client, secret: 'x' })).status).toBe(401);
    expect((await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' }, client)).status).toBe(200);
  });

  it('re-evaluates the grant: a changed grant shows in the next refresh', async () => {
    const client = await apiClient(idp, [CB]);
    idp.caller = user('alice@example.com', [ADMIN, { extraClaims: { role: 'viewer' } }]);
    const t = await signInVia(idp, client, CB);
    expect(jwtPayload(t.body.id_token ?? '').role).toBe('viewer');
    idp.caller = user('alice@example.com', [ADMIN, { extraClaims: { role: 'editor', teams: [1, 2] } }], { groups: ['ops'] });
    const r = await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' }, client);
    expect(jwtPayload(r.body.id_token ?? '')).toMatchObject({ role: 'editor', teams: [1, 2], groups: ['ops'] });
  });

  it('ends the sign-in when the user\'s node has left the tailnet, or now belongs to someone else', async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    idp.caller = user('mallory@example.com', [ADMIN]);
    const other = await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' }, client);
    expect(other.body).toMatchObject({ error: 'invalid_grant', error_description: "the user's node no longer belongs to the user who signed in" });
    idp.caller = user('alice@example.com', [ADMIN]);
    const t2 = await signInVia(idp, client, CB);
    idp.whois = async (addr) => ({ kind: 'unknown', remoteAddr: addr });
    const gone = await tokenVia(idp, { grant_type: 'refresh_token', refresh_token: t2.body.refresh_token ?? '' }, client);
    expect(gone.body).toMatchObject({ error: 'invalid_grant', error_description: "the user's node has left the tailnet" });
    expect((await idp.request('/userinfo', bearer(t2.body.access_token))).status).toBe(401);
  });
});

describe('claims', () => {
  it('never lets extraClaims overwrite protocol claims, and keeps their JSON types', async () => {
    const client = await apiClient(idp, [CB]);
    idp.caller = user('alice@example.com', [ADMIN, { extraClaims: { nonce: 'evil', azp: 'evil', sub: 'evil', ids: [3, 1], ok: true }, includeInUserInfo: true }]);
    const t = await signInVia(idp, client, CB, { nonce: 'n-1' });
    const claims = jwtPayload(t.body.id_token ?? '');
    expect(claims).toMatchObject({ nonce: 'n-1', sub: 'userid:6789', ids: [3, 1], ok: true });
    expect(claims.azp).toBeUndefined();
    const info = (await (await idp.request('/userinfo', bearer(t.body.access_token))).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ sub: 'userid:6789', ids: [3, 1], ok: true });
  });
});

describe('userinfo and introspection', () => {
  it('userinfo works by GET and by POST (header or form body), and needs a token', async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    expect((await idp.request('/userinfo', { method: 'POST', ...bearer(t.body.access_token) })).status).toBe(200);
    const form = await idp.request('/userinfo', { method: 'POST', body: new URLSearchParams({ access_token: t.body.access_token ?? '' }) });
    expect(await form.json()).toMatchObject({ sub: 'userid:6789', username: 'alice', email: 'alice@example.com' });
    expect((await idp.request('/userinfo')).status).toBe(401);
  });

  it("is open to tailnet callers, but not to cross-site browser requests, and 'clients' mode needs credentials", async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    const body = new URLSearchParams({ token: t.body.access_token ?? '' });
    expect(await (await idp.request('/introspect', { method: 'POST', body })).json()).toMatchObject({ active: true, sub: '6789' });
    const crossSite = await idp.request('/introspect', { method: 'POST', body, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(await crossSite.json()).toEqual({ active: false });
    const strict = await inProcessIdp({ introspection: 'clients' });
    try {
      strict.caller = idp.caller;
      expect((await strict.request('/introspect', { method: 'POST', body })).status).toBe(401);
    } finally {
      strict.close();
    }
  });
});

describe('clients', () => {
  it('public clients register without a secret, must use S256, and redeem codes with their id alone', async () => {
    const reg = await idp.request('/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'none', client_name: 'cli' }),
    });
    expect(reg.status).toBe(201);
    const c = (await reg.json()) as Record<string, unknown>;
    expect(c.client_secret).toBeUndefined();
    expect(c).toMatchObject({ token_endpoint_auth_method: 'none', dynamically_registered: true });
    const id = String(c.client_id);
    // Native loopback redirect: any port (RFC 8252 §7.3).
    const redirect = 'http://127.0.0.1:49152/callback';
    const plain = await authorizeVia(idp, { client_id: id, redirect_uri: redirect, response_type: 'code' });
    expect(plain.searchParams.get('error')).toBe('invalid_request');
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const cb = await authorizeVia(idp, { client_id: id, redirect_uri: redirect, response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' });
    const t = await tokenVia(idp, { grant_type: 'authorization_code', client_id: id, code: cb.searchParams.get('code') ?? '', redirect_uri: redirect, code_verifier: verifier });
    expect(t.status).toBe(200);
  });

  it('DCR needs allow_dcr and valid redirect URIs, and answers with client_secret_expires_at', async () => {
    const body = (uris: string[]) => ({ method: 'POST', body: JSON.stringify({ redirect_uris: uris }) });
    const ok = (await (await idp.request('/register', body([CB]))).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ client_secret_expires_at: 0, redirect_uri: CB, application_type: 'web' });
    expect(typeof ok.client_id_issued_at).toBe('number');
    const bad = await idp.request('/register', body(['javascript:alert(1)']));
    expect(await bad.json()).toMatchObject({ error: 'invalid_redirect_uri' });
    idp.caller = user('bob@example.com', [{ allow_admin_ui: false }]);
    expect((await idp.request('/register', body([CB]))).status).toBe(403);
  });

  it('per-client allowed users are enforced at authorize', async () => {
    const client = await apiClient(idp, [CB]);
    await idp.request(`/edit/${client.id}`, { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uris: CB, allowed_users: 'group:eng' }) });
    expect((await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code' })).searchParams.get('error')).toBe('access_denied');
    idp.caller = user('alice@example.com', [ADMIN], { groups: ['eng'] });
    expect((await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code' })).searchParams.get('code')).toBeTruthy();
  });
});

describe('revocation, resources and JWT access tokens', () => {
  it('revoking a refresh token ends the sign-in (RFC 7009)', async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    const res = await idp.request('/revoke', { method: 'POST', body: new URLSearchParams({ token: t.body.refresh_token ?? '', client_id: client.id, client_secret: client.secret }) });
    expect(res.status).toBe(200);
    expect((await idp.request('/userinfo', bearer(t.body.access_token))).status).toBe(401);
  });

  it('filters resources by the users/resources grant (invalid_target when none is allowed)', async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB, { resource: 'https://mcp.example' });
    expect(jwtPayload(t.body.id_token ?? '')).toMatchObject({ aud: [client.id, 'https://mcp.example'], azp: client.id });
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code', resource: 'https://other.example' });
    const denied = await tokenVia(idp, { grant_type: 'authorization_code', code: cb.searchParams.get('code') ?? '', redirect_uri: CB }, client);
    expect(denied.body.error).toBe('invalid_target');
  });

  it('issues RFC 9068 JWT access tokens to clients that ask for them', async () => {
    const client = await apiClient(idp, [CB]);
    await idp.request(`/edit/${client.id}`, { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uris: CB, access_token_format: 'jwt' }) });
    const t = await signInVia(idp, client, CB, { resource: 'https://mcp.example' });
    const [header] = (t.body.access_token ?? '').split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    expect(jwtPayload(t.body.access_token ?? '')).toMatchObject({ aud: [client.id, 'https://mcp.example'], client_id: client.id, sub: 'userid:6789' });
    expect((await idp.request('/userinfo', bearer(t.body.access_token))).status).toBe(200);
  });
});

describe('token exchange (RFC 8693)', () => {
  const exchange = (subjectToken: string, extra: Record<string, string> = {}) => ({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: subjectToken,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    audience: 'https://mcp.example',
    ...extra,
  });

  it('records the actor, refuses unknown subject tokens with 400, and anonymous exchangers with 401', async () => {
    const client = await apiClient(idp, [CB]);
    const subject = await signInVia(idp, client, CB);
    const actor = await signInVia(idp, client, CB);
    const t = await tokenVia(idp, exchange(subject.body.access_token ?? '', { actor_token: actor.body.access_token ?? '', actor_token_type: 'urn:ietf:params:oauth:token-type:access_token' }), client);
    expect(t.status).toBe(200);
    const info = await idp.request('/introspect', { method: 'POST', body: new URLSearchParams({ token: t.body.access_token ?? '' }) });
    expect(await info.json()).toMatchObject({ active: true, aud: ['https://mcp.example'], client_id: client.id, act: { sub: 'userid:6789', client_id: client.id } });
    expect(await tokenVia(idp, exchange('f'.repeat(32)), client)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await tokenVia(idp, exchange(subject.body.access_token ?? '', { audience: 'https://not-granted.example' }), client)).toMatchObject({ status: 403, body: { error: 'access_denied' } });
    idp.caller = undefined;
    expect((await tokenVia(idp, exchange(subject.body.access_token ?? ''))).status).toBe(401);
  });

  it('a tailnet node may exchange without client credentials, as in tsidp', async () => {
    const client = await apiClient(idp, [CB]);
    const subject = await signInVia(idp, client, CB);
    const t = await tokenVia(idp, exchange(subject.body.access_token ?? ''));
    expect(t.status).toBe(200);
    const info = await idp.request('/introspect', { method: 'POST', body: new URLSearchParams({ token: t.body.access_token ?? '' }) });
    expect(await info.json()).toMatchObject({ client_id: 'node:9210502070016329719' });
  });

  it('is unsupported unless enableSts is set', async () => {
    const plain = await inProcessIdp();
    try {
      plain.caller = user('alice@example.com', [ADMIN]);
      const client = await apiClient(plain, [CB]);
      expect((await tokenVia(plain, exchange('x'), client)).body.error).toBe('unsupported_grant_type');
    } finally {
      plain.close();
    }
  });
});
