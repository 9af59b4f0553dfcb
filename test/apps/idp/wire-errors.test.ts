/**
 * The error answers of every route a relying party, MCP client or tsidp tool calls, pinned byte
 * for byte: status, every response header the app sets (CORS where tsidp sent it, `no-store`,
 * the `WWW-Authenticate` challenge) and the exact body (`{"error","error_description"}` and a
 * newline, always `application/json`, whatever the `Accept` header says). These routes answer in
 * OAuth's wire format, never through the platform's error renderer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, type InProcessIdp, inProcessIdp, user } from './inprocess.js';

const ADMIN = [{ allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['*'] }];
const CB = 'https://rp.example/cb';
let idp: InProcessIdp;

beforeEach(async () => {
  idp = await inProcessIdp();
  idp.caller = user('alice@example.com', ADMIN);
});
afterEach(() => idp.close());

const NO_STORE = { 'cache-control': 'no-store', 'content-type': 'application/json', pragma: 'no-cache' };
const cors = (methods: string) => ({ 'access-control-allow-headers': 'Authorization, *', 'access-control-allow-methods': methods, 'access-control-allow-origin': '*', 'access-control-max-age': '600' });
const body = (error: string, description: string) => `${JSON.stringify({ error, error_description: description })}\n`;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** Asserts the whole answer: status, exactly these headers, this body. */
async function expectWire(res: Response, status: number, headers: Record<string, string>, text: string): Promise<void> {
  expect(res.status).toBe(status);
  const sent: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    sent[name] = value;
  });
  expect(sent).toEqual(headers);
  expect(await res.text()).toBe(text);
}

const post = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({ method: 'POST', headers, body: new URLSearchParams(fields) });

describe('OAuth JSON errors, byte for byte', () => {
  it('discovery and JWKS: 405 for other methods, with CORS', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '/.well-known/jwks.json']) {
      await expectWire(await idp.request(path, { method: 'POST' }), 405, { ...cors('GET, OPTIONS'), ...NO_STORE }, body('method_not_allowed', 'method not allowed; use GET'));
    }
  });

  it('/authorize: JSON until the redirect URI is trusted', async () => {
    await expectWire(await idp.request('/authorize'), 400, NO_STORE, body('invalid_request', 'redirect_uri is required'));
    await expectWire(await idp.request('/authorize', { method: 'PUT' }), 405, NO_STORE, body('method_not_allowed', 'use GET or POST'));
    await expectWire(await idp.request(`/authorize?client_id=nope&redirect_uri=${CB}`), 400, NO_STORE, body('invalid_client', 'unknown client_id'));
  });

  it('/token: JSON with CORS whatever the Accept, Basic challenges for Basic credentials', async () => {
    const headers = { ...cors('POST, OPTIONS'), ...NO_STORE };
    await expectWire(await idp.request('/token'), 405, headers, body('method_not_allowed', 'method not allowed; use POST'));
    await expectWire(await idp.request('/token', post({}, { accept: 'text/html' })), 400, headers, body('invalid_request', 'grant_type is required'));
    await expectWire(await idp.request('/token', post({ grant_type: 'authorization_code', code: 'x' })), 401, headers, body('invalid_client', 'client authentication is required'));
    const malformed = post({ grant_type: 'authorization_code', code: 'x' }, { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` });
    await expectWire(await idp.request('/token', malformed), 401, { ...headers, 'www-authenticate': 'Basic realm="idp"' }, body('invalid_client', 'malformed Basic credentials'));
  });

  it('/userinfo: bearer challenges (RFC 6750 §3)', async () => {
    const headers = { ...cors('GET, POST, OPTIONS'), ...NO_STORE };
    await expectWire(await idp.request('/userinfo'), 401, { ...headers, 'www-authenticate': 'Bearer realm="idp"' }, body('invalid_request', 'an access token is required'));
    await expectWire(await idp.request('/userinfo', { headers: { authorization: 'Token x' } }), 400, { ...headers, 'www-authenticate': 'Bearer error="invalid_request"' }, body('invalid_request', 'the Authorization header must be "Bearer <token>"'));
    await expectWire(await idp.request('/userinfo', { headers: { authorization: 'Bearer x' } }), 401, { ...headers, 'www-authenticate': 'Bearer error="invalid_token"' }, body('invalid_token', 'the access token is unknown or expired'));
    await expectWire(await idp.request('/userinfo', { method: 'PUT' }), 405, headers, body('method_not_allowed', 'method not allowed; use GET or POST'));
  });

  it('/introspect and /revoke', async () => {
    const client = await apiClient(idp, [CB]);
    await expectWire(await idp.request('/introspect'), 405, NO_STORE, body('method_not_allowed', 'method not allowed; use POST'));
    await expectWire(await idp.request('/introspect', post({})), 400, NO_STORE, body('invalid_request', 'token is required'));
    await expectWire(await idp.request('/introspect', post({ token: 'x' }, { authorization: basic(client.id, 'wrong') })), 401, { ...NO_STORE, 'www-authenticate': 'Basic realm="idp"' }, body('invalid_client', 'invalid client credentials'));
    const headers = { ...cors('POST, OPTIONS'), ...NO_STORE };
    await expectWire(await idp.request('/revoke'), 405, headers, body('method_not_allowed', 'method not allowed; use POST'));
    await expectWire(await idp.request('/revoke', post({ token: 'x' })), 401, headers, body('invalid_client', 'client authentication is required'));
    await expectWire(await idp.request('/revoke', post({}, { authorization: basic(client.id, client.secret) })), 400, headers, body('invalid_request', 'token is required'));
  });

  it('/register (RFC 7591 codes)', async () => {
    const headers = { ...cors('POST, OPTIONS'), ...NO_STORE };
    const register = (json: string) => idp.request('/register', { method: 'POST', body: json });
    await expectWire(await idp.request('/register'), 405, headers, body('method_not_allowed', 'method not allowed; use POST'));
    await expectWire(await register('nope'), 400, headers, body('invalid_request', 'the body must be a JSON object'));
    await expectWire(await register('{}'), 400, headers, body('invalid_client_metadata', 'redirect_uris: Invalid input: expected array, received undefined'));
    await expectWire(await register(JSON.stringify({ redirect_uris: ['javascript:x'] })), 400, headers, body('invalid_redirect_uri', 'redirect_uris: the "javascript" scheme is not allowed in a redirect URI'));
    idp.caller = user('carol@example.com', []);
    await expectWire(await register(JSON.stringify({ redirect_uris: [CB] })), 403, headers, body('access_denied', 'application capability not granted (allow_dcr)'));
  });

  it('the /clients/ API', async () => {
    const client = await apiClient(idp, [CB]);
    await expectWire(await idp.request('/clients/new', post({ name: 'x' })), 400, NO_STORE, body('invalid_request', 'name and redirect_uri are required'));
    await expectWire(await idp.request('/clients/new'), 405, NO_STORE, body('method_not_allowed', 'method not allowed; use POST'));
    await expectWire(await idp.request('/clients/%zz'), 404, NO_STORE, body('not_found', 'no such client'));
    await expectWire(await idp.request(`/clients/${client.id}`, { method: 'PUT' }), 405, NO_STORE, body('method_not_allowed', 'method not allowed; use GET or DELETE'));
    idp.caller = user('bob@example.com', [{ allow_dcr: true }]);
    await expectWire(await idp.request('/clients/'), 403, NO_STORE, body('access_denied', 'application capability not granted (allow_admin_ui)'));
  });
});
