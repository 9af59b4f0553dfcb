/**
 * tsidp wire compatibility (reference §3) and its Funnel rule (§2.4), in-process with a stand-in
 * tailnet that chooses the caller: discovery documents, CORS, authorize redirects, the tagged-node
 * refusal, JSON errors, the /clients/ API and its grant gate.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, authorizeVia, type InProcessIdp, ISSUER, inProcessIdp, jwtPayload, signInVia, tokenVia, user } from './inprocess.js';

const ADMIN = [{ allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['*'] }];
const CB = 'https://rp.example/cb';
let idp: InProcessIdp;

beforeEach(async () => {
  idp = await inProcessIdp({ enableSts: true });
  idp.caller = user('alice@example.com', ADMIN);
});
afterEach(() => idp.close());

describe('discovery', () => {
  it("has tsidp's keys in tsidp's order, then the additions", async () => {
    const res = await idp.request('/.well-known/openid-configuration');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const text = await res.text();
    expect(text.startsWith('{\n  "issuer": "https://idp.tail1234.ts.net",\n  "authorization_endpoint"')).toBe(true);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 15)).toEqual([
      'issuer', 'authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'introspection_endpoint', 'registration_endpoint', 'jwks_uri',
      'scopes_supported', 'response_types_supported', 'subject_types_supported', 'claims_supported', 'id_token_signing_alg_values_supported',
      'grant_types_supported', 'token_endpoint_auth_methods_supported', 'code_challenge_methods_supported',
    ]);
    expect(doc.grant_types_supported).toEqual(['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange']);
    expect(doc).toMatchObject({ registration_endpoint: `${ISSUER}/register`, jwks_uri: `${ISSUER}/.well-known/jwks.json`, end_session_endpoint: `${ISSUER}/logout` });
  });

  it('RFC 8414 metadata keeps the resource keys and has no userinfo endpoint', async () => {
    const doc = (await (await idp.request('/.well-known/oauth-authorization-server')).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({ authorization_details_types_supported: ['resource_indicators'], resource_indicators_supported: true });
    expect(doc.userinfo_endpoint).toBeUndefined();
  });

  it('answers OPTIONS with 204 and publishes decimal-string kids', async () => {
    expect((await idp.request('/.well-known/jwks.json', { method: 'OPTIONS' })).status).toBe(204);
    const jwks = (await (await idp.request('/.well-known/jwks.json')).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys.length).toBe(2);
    expect(Object.keys(jwks.keys[0] ?? {})).toEqual(['use', 'kty', 'kid', 'alg', 'n', 'e']);
  });
});

describe('over Funnel (anonymous callers)', () => {
  beforeEach(() => {
    idp.caller = undefined;
  });

  it('serves discovery without the registration endpoint', async () => {
    const doc = (await (await idp.request('/.well-known/openid-configuration')).json()) as Record<string, unknown>;
    expect(doc.registration_endpoint).toBeUndefined();
    expect(doc.token_endpoint).toBe(`${ISSUER}/token`);
  });

  it('keeps authorize, register, the clients API and the UI tailnet-only, whatever the method', async () => {
    for (const [path, method] of [['/authorize', 'GET'], ['/authorize', 'POST'], ['/register', 'POST'], ['/clients/', 'GET'], ['/', 'GET'], ['/logout', 'GET']] as const) {
      const res = await idp.request(path, { method });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(401);
      expect(res.status, `${method} ${path}`).toBeLessThanOrEqual(403);
    }
  });

  it('answers /token with JSON (client authentication required) and /introspect with active:false', async () => {
    const t = await tokenVia(idp, { grant_type: 'authorization_code', code: 'x' });
    expect(t.status).toBe(401);
    expect(t.body.error).toBe('invalid_client');
    const res = await idp.request('/introspect', { method: 'POST', body: new URLSearchParams({ token: 'a'.repeat(32) }) });
    expect(await res.json()).toEqual({ active: false });
  });
});

describe('/authorize', () => {
  it('merges code, iss and state into the registered query with sorted keys', async () => {
    const client = await apiClient(idp, [`${CB}?x=1`]);
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: `${CB}?x=1`, response_type: 'code', state: 'st' });
    expect([...cb.searchParams.keys()]).toEqual(['code', 'iss', 'state', 'x']);
    expect(cb.searchParams.get('iss')).toBe(ISSUER);
  });

  it('answers JSON 400 before the redirect URI is trusted, and redirects errors after', async () => {
    const client = await apiClient(idp, [CB]);
    const bad = await idp.request(`/authorize?client_id=${client.id}&redirect_uri=${encodeURIComponent(`${CB}/other`)}&response_type=code`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', error_description: 'redirect_uri mismatch' });
    expect((await idp.request(`/authorize?client_id=nope&redirect_uri=${CB}`)).status).toBe(400);
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'token', state: 's' });
    expect(Object.fromEntries(cb.searchParams)).toMatchObject({ error: 'unsupported_response_type', state: 's' });
  });

  it('refuses tagged nodes with access_denied', async () => {
    const client = await apiClient(idp, [CB]);
    idp.caller = user('tagged-devices', ADMIN, { kind: 'tagged', tags: ['tag:ci'] });
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code' });
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect(cb.searchParams.get('error_description')).toBe("tagged node doesn't have a user identity");
  });

  it('reads a POST form body, ignores unknown scopes and accepts offline_access', async () => {
    const client = await apiClient(idp, [CB]);
    const res = await idp.request('/authorize', {
      method: 'POST',
      body: new URLSearchParams({ client_id: client.id, redirect_uri: CB, response_type: 'code', scope: 'openid groups address offline_access' }),
    });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const t = await tokenVia(idp, { grant_type: 'authorization_code', code, redirect_uri: CB }, client);
    expect(t.body.scope).toBe('openid offline_access');
    expect(t.body.refresh_token).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('/token', () => {
  it("sends tsidp's body with Cache-Control: no-store, and JSON errors whatever the Accept header", async () => {
    const client = await apiClient(idp, [CB]);
    const t = await signInVia(idp, client, CB);
    expect(Object.keys(t.body)).toEqual(['id_token', 'token_type', 'access_token', 'refresh_token', 'expires_in', 'scope']);
    expect(t.headers.get('cache-control')).toBe('no-store');
    const claims = jwtPayload(t.body.id_token ?? '');
    expect(claims).toMatchObject({ sub: 'userid:6789', node: 'laptop.tail1234.ts.net.', tailnet: 'tail1234.ts.net.', addresses: ['100.64.0.3/32', 'fd7a:115c:a1e0::3/128'] });
    // The exact digits are in the token text (JSON.parse above rounds them).
    expect(Buffer.from((t.body.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()).toContain('"nid":9210502070016329719');
    const err = await idp.request('/token', { method: 'POST', headers: { accept: 'text/html' }, body: new URLSearchParams({ grant_type: 'password' }) });
    expect(err.status).toBe(400);
    expect(err.headers.get('content-type')).toBe('application/json');
    expect(await err.json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await idp.request('/token', { method: 'OPTIONS' })).status).toBe(204);
    expect((await idp.request('/token', { method: 'GET' })).status).toBe(405);
  });

  it('accepts URL-encoded Basic credentials and refuses a wrong secret with 401', async () => {
    const client = await apiClient(idp, [CB]);
    const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: CB, response_type: 'code' });
    const code = cb.searchParams.get('code') ?? '';
    expect((await tokenVia(idp, { grant_type: 'authorization_code', code, redirect_uri: CB }, { ...client, secret: 'wrong' })).status).toBe(401);
    // A failed client authentication does not burn the code.
    const ok = await tokenVia(idp, { grant_type: 'authorization_code', code, redirect_uri: CB }, { id: encodeURIComponent(client.id), secret: encodeURIComponent(client.secret) });
    expect(ok.status).toBe(200);
  });
});

describe('/clients/ API', () => {
  it('is JSON, keeps created_at, and purges tokens when a client is deleted', async () => {
    const client = await apiClient(idp, [CB]);
    const list = await idp.request('/clients/');
    expect(list.headers.get('content-type')).toBe('application/json');
    const rows = (await list.json()) as Array<Record<string, string>>;
    expect(rows[0]).toMatchObject({ client_id: client.id, client_name: 'rp', redirect_uris: [CB], redirect_uri: '' });
    expect(rows[0]?.created_at).not.toBe('0001-01-01T00:00:00Z');
    const t = await signInVia(idp, client, CB);
    expect((await idp.request(`/clients/${client.id}`, { method: 'DELETE' })).status).toBe(204);
    const info = await idp.request('/userinfo', { headers: { authorization: `Bearer ${t.body.access_token}` } });
    expect(info.status).toBe(401);
    expect((await idp.request(`/clients/${client.id}`)).status).toBe(404);
  });

  it('needs allow_admin_ui (403) and refuses invalid redirect URIs', async () => {
    expect((await idp.request('/clients/new', { method: 'POST', body: new URLSearchParams({ name: 'x', redirect_uri: 'javascript:alert(1)' }) })).status).toBe(400);
    idp.caller = user('bob@example.com', [{ allow_dcr: true }]);
    const res = await idp.request('/clients/');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'access_denied' });
  });
});
