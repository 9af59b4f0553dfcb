/**
 * The bounds on clients (issue 16 §4; tsidp had none: 3 000 registrations from one caller in 4 s,
 * a client with 10 000 redirect URIs, a 1.8 MB admin page). Every path that creates a client
 * (`POST /register`, `POST /clients/new`, the admin UI's `/new`) shares one registration budget
 * per caller and one set of size limits, which the admin UI's edit form enforces too; the admin
 * list is paged.
 *
 * The budgets here refill at 0.001 a minute, so no token comes back while a test runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_LIMITS } from '../../../src/apps/idp/service/client-limits.js';
import { registrantKey } from '../../../src/apps/idp/service/registry.js';
import { makeCaller } from '../../../src/platform/identity.js';
import { CAP } from './helpers.js';
import { type InProcessIdp, inProcessIdp, user } from './inprocess.js';

const RULES = [{ allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['*'] }];
const CB = 'https://rp.example/cb';
let idp: InProcessIdp;
afterEach(() => idp?.close());

async function start(burst: number): Promise<InProcessIdp> {
  idp = await inProcessIdp({ registrationRateLimit: { perMinute: 0.001, burst } });
  idp.caller = user('alice@example.com', RULES);
  return idp;
}

const register = (metadata: Record<string, unknown>) =>
  idp.request('/register', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ redirect_uris: [CB], ...metadata }) });
const apiNew = (fields: Record<string, string>) => idp.request('/clients/new', { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uri: CB, ...fields }) });
const uiNew = (fields: Record<string, string>) => idp.request('/new', { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uris: CB, ...fields }) });

async function oauthError(res: Response): Promise<{ status: number; error: string; description: string }> {
  expect(res.headers.get('content-type')).toBe('application/json');
  const body = (await res.json()) as { error: string; error_description: string };
  return { status: res.status, error: body.error, description: body.error_description };
}

const uris = (n: number) => Array.from({ length: n }, (_, i) => `https://rp.example/cb/${i}`);
const longUri = (bytes: number, ch = 'a') => {
  const head = 'https://rp.example/';
  return head + ch.repeat(Math.floor((bytes - head.length) / Buffer.byteLength(ch)));
};

describe('registrations per caller', () => {
  it('allows the burst, then answers 429 with Retry-After and an OAuth JSON error on every creating route', async () => {
    await start(3);
    for (let i = 0; i < 3; i++) expect((await register({ client_name: `c${i}` })).status).toBe(201);
    const refused = await register({ client_name: 'one too many' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await oauthError(refused)).toEqual({ status: 429, error: 'temporarily_unavailable', description: expect.stringMatching(/^too many clients registered by you in a short time; try again in \d+ s$/) });
    // One budget per caller, whichever route creates the client.
    const api = await apiNew({});
    expect((await oauthError(api)).status).toBe(429);
    expect(api.headers.get('retry-after')).not.toBeNull();
    const ui = await uiNew({});
    expect(ui.status).toBe(429);
    expect(ui.headers.get('retry-after')).not.toBeNull();
    expect(await ui.text()).toContain('too many clients registered by you in a short time');
    // Nothing was created by the refused requests.
    expect(((await (await idp.request('/clients/')).json()) as unknown[]).length).toBe(3);
  });

  it('charges each caller apart, a tagged node as itself, and only for clients it creates', async () => {
    await start(1);
    for (let i = 0; i < 5; i++) expect((await register({ redirect_uris: ['javascript:alert(1)'] })).status).toBe(400);
    expect((await register({})).status).toBe(201);
    expect((await register({})).status).toBe(429);
    idp.caller = user('bob@example.com', RULES);
    expect((await register({})).status).toBe(201);
    const node = (name: string) => makeCaller({ kind: 'tagged', login: 'tagged-devices', nodeName: name, nodeFQDN: `${name}.tail1234.ts.net`, tags: ['tag:ci'], capMap: { [CAP]: RULES } });
    idp.caller = node('ci-1');
    expect((await register({})).status).toBe(201);
    idp.caller = node('ci-2');
    expect((await register({})).status).toBe(201);
    expect((await register({})).status).toBe(429);
    expect(registrantKey(node('ci-1'))).toBe('node:ci-1.tail1234.ts.net');
  });
});

describe('redirect URIs', () => {
  it(`take at most ${CLIENT_LIMITS.redirectUris}, else 400 invalid_redirect_uri on every creating route`, async () => {
    await start(100);
    expect((await register({ redirect_uris: uris(32) })).status).toBe(201);
    expect(await oauthError(await register({ redirect_uris: uris(10_000) }))).toEqual({
      status: 400,
      error: 'invalid_redirect_uri',
      description: 'redirect_uris may list at most 32 entries (it lists 10000)',
    });
    expect((await oauthError(await register({ post_logout_redirect_uris: uris(33) }))).description).toBe('post_logout_redirect_uris may list at most 32 entries (it lists 33)');
    expect(await oauthError(await apiNew({ redirect_uri: uris(33).join('\n') }))).toMatchObject({ status: 400, error: 'invalid_redirect_uri' });
    const ui = await uiNew({ redirect_uris: uris(33).join('\n') });
    expect(ui.status).toBe(400);
    expect(await ui.text()).toContain('redirect_uris may list at most 32 entries (it lists 33)');
  });

  it('are at most 2 048 bytes each, counted in UTF-8', async () => {
    await start(100);
    expect((await register({ redirect_uris: [longUri(2048)] })).status).toBe(201);
    expect(await oauthError(await register({ redirect_uris: [CB, longUri(2049)] }))).toEqual({
      status: 400,
      error: 'invalid_redirect_uri',
      description: 'redirect_uris[1] may have at most 2048 bytes (it has 2049)',
    });
    const wide = longUri(2100, 'é');
    expect(wide.length).toBeLessThan(2048);
    expect((await oauthError(await register({ redirect_uris: [wide] }))).description).toMatch(/^redirect_uris\[0\] may have at most 2048 bytes/);
  });
});

describe('metadata', () => {
  const tooLong: Array<[string, Record<string, unknown>, string]> = [
    ['client_name', { client_name: 'n'.repeat(201) }, 'client_name may have at most 200 bytes (it has 201)'],
    ['client_uri', { client_uri: longUri(2049) }, 'client_uri may have at most 2048 bytes (it has 2049)'],
    ['logo_uri', { logo_uri: longUri(2049) }, 'logo_uri may have at most 2048 bytes (it has 2049)'],
    ['scope', { scope: 's '.repeat(501) }, 'scope may have at most 1000 bytes (it has 1002)'],
    ['contacts', { contacts: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) }, 'contacts may list at most 20 entries (it lists 21)'],
    ['contacts[0]', { contacts: [`${'a'.repeat(320)}@x`] }, 'contacts[0] may have at most 320 bytes (it has 322)'],
    ['grant_types', { grant_types: Array(9).fill('authorization_code') }, 'grant_types may list at most 8 entries (it lists 9)'],
  ];
  for (const [field, metadata, description] of tooLong) {
    it(`refuses a registration whose ${field} is too large with 400 invalid_client_metadata naming it`, async () => {
      await start(100);
      expect(await oauthError(await register(metadata))).toEqual({ status: 400, error: 'invalid_client_metadata', description });
    });
  }

  it('bounds the name on /clients/new and the admin UI, and everything the admin edit form saves', async () => {
    await start(100);
    expect(await oauthError(await apiNew({ name: 'n'.repeat(201) }))).toEqual({ status: 400, error: 'invalid_client_metadata', description: 'client_name may have at most 200 bytes (it has 201)' });
    expect((await uiNew({ name: 'é'.repeat(101) })).status).toBe(400);
    const created = (await (await register({ client_name: 'kept' })).json()) as { client_id: string };
    const edit = (fields: Record<string, string>) => idp.request(`/edit/${created.client_id}`, { method: 'POST', body: new URLSearchParams({ name: 'kept', redirect_uris: CB, ...fields }) });
    for (const [fields, message] of [
      [{ redirect_uris: uris(33).join('\n') }, 'redirect_uris may list at most 32 entries (it lists 33)'],
      [{ name: 'n'.repeat(201) }, 'client_name may have at most 200 bytes (it has 201)'],
      [{ post_logout_redirect_uris: uris(33).join('\n') }, 'post_logout_redirect_uris may list at most 32 entries (it lists 33)'],
      [{ allowed_users: Array.from({ length: 201 }, (_, i) => `u${i}@example.com`).join('\n') }, 'allowed_users may list at most 200 entries (it lists 201)'],
    ] as const) {
      const res = await edit(fields);
      expect(res.status, message).toBe(400);
      expect(await res.text()).toContain(message);
    }
    const kept = (await (await idp.request(`/clients/${created.client_id}`)).json()) as { client_name: string; redirect_uris: string[] };
    expect(kept).toMatchObject({ client_name: 'kept', redirect_uris: [CB] });
    expect((await edit({ name: 'renamed' })).status).toBe(303);
  });
});

describe('the admin list', () => {
  it('shows 50 clients a page, in name order, with Prev/Next, and an empty page past the end', async () => {
    await start(200);
    for (let i = 119; i >= 0; i--) expect((await apiNew({ name: `rp-${String(i).padStart(3, '0')}` })).status).toBe(200);
    const page = async (q: string) => {
      const res = await idp.request(`/${q}`);
      expect(res.status, q).toBe(200);
      const html = await res.text();
      return { html, names: [...html.matchAll(/>(rp-\d{3})<\/a>/g)].map((m) => m[1]) };
    };
    const first = await page('');
    expect(first.names).toEqual(Array.from({ length: 50 }, (_, i) => `rp-${String(i).padStart(3, '0')}`));
    expect(first.html).toContain('Page 1 of 3 (120 clients)');
    expect(first.html).toContain('<a href="/?page=1">Next →</a>');
    expect(first.html).not.toContain('← Prev');
    const last = await page('?page=2');
    expect(last.names).toEqual(Array.from({ length: 20 }, (_, i) => `rp-${100 + i}`));
    expect(last.html).toContain('<a href="/?page=1">← Prev</a>');
    expect(last.html).not.toContain('Next →');
    const past = await page('?page=99999999999999999999');
    expect(past.names).toEqual([]);
    expect(past.html).toContain('No clients on this page (3 in all)');
    expect(past.html).toContain('<a href="/?page=2">← Prev</a>');
    expect((await page('?page=garbage')).names).toEqual(first.names);
  });
});
