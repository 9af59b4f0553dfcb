/**
 * RP-initiated logout and the admin pages' gate, in-process: a valid id_token_hint signs the user
 * out of that client at once and returns to a registered post-logout URI with `state`; without a
 * hint a confirmation form is shown (a cross-site link cannot sign anyone out); unregistered
 * post-logout URIs are refused; the admin UI answers 403 to callers without allow_admin_ui.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, type InProcessIdp, inProcessIdp, signInVia, user } from './inprocess.js';

const ADMIN = [{ allow_admin_ui: true }];
const CB = 'https://rp.example/cb';
const BYE = 'https://rp.example/bye';
let idp: InProcessIdp;

beforeEach(async () => {
  idp = await inProcessIdp();
  idp.caller = user('alice@example.com', ADMIN);
});
afterEach(() => idp.close());

async function clientWithLogout() {
  const client = await apiClient(idp, [CB]);
  const res = await idp.request(`/edit/${client.id}`, { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uris: CB, post_logout_redirect_uris: BYE }) });
  expect(res.status).toBe(303);
  return client;
}

const live = async (token: string | undefined) => (await idp.request('/userinfo', { headers: { authorization: `Bearer ${token}` } })).status === 200;

describe('RP-initiated logout', () => {
  it('with a valid id_token_hint: signs out of that client and returns to the registered URI with state', async () => {
    const client = await clientWithLogout();
    const t = await signInVia(idp, client, CB);
    const q = new URLSearchParams({ id_token_hint: t.body.id_token ?? '', post_logout_redirect_uri: BYE, state: 'bye-1' });
    const res = await idp.request(`/logout?${q}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${BYE}?state=bye-1`);
    expect(await live(t.body.access_token)).toBe(false);
    expect(idp.audit.some((e) => e.action === 'logout' && e.client === client.id)).toBe(true);
  });

  it('without a hint: asks first, and signs out only on the confirming POST', async () => {
    const client = await clientWithLogout();
    const t = await signInVia(idp, client, CB);
    const page = await idp.request(`/logout?client_id=${client.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign out of rp?');
    expect(await live(t.body.access_token)).toBe(true);
    const done = await idp.request('/logout', { method: 'POST', body: new URLSearchParams({ client_id: client.id, confirm: '1' }) });
    expect(await done.text()).toContain('You are signed out of rp (1 sign-in ended).');
    expect(await live(t.body.access_token)).toBe(false);
  });

  it("refuses a post-logout URI the client did not register, and another user's hint is only a request to confirm", async () => {
    const client = await clientWithLogout();
    const t = await signInVia(idp, client, CB);
    const bad = await idp.request(`/logout?${new URLSearchParams({ id_token_hint: t.body.id_token ?? '', post_logout_redirect_uri: 'https://evil.example/' })}`);
    expect(bad.status).toBe(400);
    idp.caller = user('bob@example.com', ADMIN, { userId: '42' });
    const other = await idp.request(`/logout?${new URLSearchParams({ id_token_hint: t.body.id_token ?? '' })}`);
    expect(await other.text()).toContain('Sign out of rp?');
    idp.caller = user('alice@example.com', ADMIN);
    expect(await live(t.body.access_token)).toBe(true);
  });
});

describe('admin pages', () => {
  it('answer 403 with a page naming the grant to callers without allow_admin_ui', async () => {
    idp.caller = user('bob@example.com', [{ allow_dcr: true }]);
    for (const path of ['/', '/new', '/edit/x']) {
      const res = await idp.request(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('tailscale.com/cap/tsidp');
    }
    const post = await idp.request('/new', { method: 'POST', body: new URLSearchParams({ name: 'x', redirect_uris: CB }) });
    expect(post.status).toBe(403);
    expect(idp.audit.filter((e) => e.action === 'admin.denied' && e.user === 'bob@example.com')).toHaveLength(4);
  });

  it('validate every field and keep what was typed on an error', async () => {
    const res = await idp.request('/new', { method: 'POST', body: new URLSearchParams({ name: 'x', redirect_uris: 'data:text/html,hi' }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('the &quot;data&quot; scheme is not allowed');
    expect(html).toContain('data:text/html,hi');
  });
});
