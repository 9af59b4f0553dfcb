/**
 * Requests the fuzzer (test/apps/fuzz/idp.test.ts) found answered with 500, each now a 4xx naming
 * the problem: a multipart body that does not parse (on the token endpoint, introspection and the
 * admin forms), a client id in a path that does not percent-decode, and regenerating the secret
 * of a public client from a hand-made form.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InProcessIdp, inProcessIdp, user } from './inprocess.js';

const RULES = [{ allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['*'] }];
const CB = 'https://rp.example/cb';
let idp: InProcessIdp;
beforeEach(async () => {
  idp = await inProcessIdp();
  idp.caller = user('alice@example.com', RULES);
});
afterEach(() => idp.close());

const garbage = { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x\r\ngarbage' };

describe('a multipart body that does not parse', () => {
  for (const path of ['/token', '/introspect', '/revoke', '/authorize', '/userinfo']) {
    it(`is 400 invalid_request on ${path}`, async () => {
      const res = await idp.request(path, garbage);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/^malformed multipart\/form-data body: /) });
    });
  }

  it('is a 400 page on the admin forms, which change nothing', async () => {
    const created = await idp.request('/clients/new', { method: 'POST', body: new URLSearchParams({ name: 'kept', redirect_uri: CB }) });
    const { client_id } = (await created.json()) as { client_id: string };
    for (const path of ['/new', `/edit/${client_id}`]) {
      const res = await idp.request(path, garbage);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain('malformed multipart/form-data body');
    }
    expect(await (await idp.request('/clients/')).json()).toEqual([expect.objectContaining({ client_id, client_name: 'kept', redirect_uris: [CB] })]);
  });
});

describe('client ids in paths', () => {
  it('answers 404 for an id that does not percent-decode', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await idp.request('/clients/%zz', { method });
      expect(res.status, method).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
  });
});

describe('regenerating a secret', () => {
  it('refuses a public client with 400 on its page, and leaves it public', async () => {
    const reg = await idp.request('/register', { method: 'POST', body: JSON.stringify({ redirect_uris: [CB], token_endpoint_auth_method: 'none' }) });
    const { client_id } = (await reg.json()) as { client_id: string };
    const res = await idp.request(`/edit/${client_id}`, { method: 'POST', body: new URLSearchParams({ action: 'regenerate_secret' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('A public client has no secret to regenerate.');
    const token = await idp.request('/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id, redirect_uri: CB }) });
    expect(await token.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
