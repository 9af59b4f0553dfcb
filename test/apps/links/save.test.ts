/**
 * POST / (golink's serveSave, in its order of checks), ownership and admin rules, unknown users,
 * and CSRF: browser form posts need a same-origin signal, API clients use Sec-Golink.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, apiPost, asUser, browserPost, create, get, startLinks } from './helpers.js';

const AMY = 'amy@example.com';
const BOB = 'bob@example.com';

async function owner(t: TestApp, short: string): Promise<string> {
  const res = await get(t, `/.detail/${short}`);
  return ((await res.json()) as { Owner: string }).Owner;
}

describe('POST /', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: AMY });
  });
  afterAll(() => t.cleanup());

  test('creates a link and answers compact golink JSON to API clients', async () => {
    const res = await apiPost(t, '/', { short: 'cs', long: 'https://cs.github.com/?a=1&b=2' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await res.text();
    expect(body).toMatch(
      /^\{"Short":"cs","Long":"https:\/\/cs.github.com\/\?a=1\\u0026b=2","Created":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ","LastEdit":"[^"]+","Owner":"amy@example.com"\}\n$/,
    );
  });

  test('answers an HTML success page to browsers', async () => {
    const res = await browserPost(t, '/', { short: 'docs', long: 'https://docs.example/' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('has been saved');
  });

  test('reads fields from the query string too (r.FormValue)', async () => {
    const res = await fetch(`${t.url}/?short=q1&long=https://q.example/`, { method: 'POST', headers: { 'Sec-Golink': '1' } });
    expect(res.status).toBe(200);
    expect((await get(t, '/q1')).headers.get('location')).toBe('https://q.example/');
  });

  test.each([
    [{ short: '', long: 'x' }, 400, 'short and long required'],
    [{ short: 'x', long: '' }, 400, 'short and long required'],
    [{ short: '-x', long: 'x' }, 400, 'short may only contain letters, numbers, dash, underscore, and period'],
    [{ short: 'a b', long: 'x' }, 400, 'short may only contain'],
    [{ short: 'ok', long: 'http://x/{{.Path}' }, 400, 'long contains an invalid template: template: long:1: '],
    [{ short: 'x'.repeat(129), long: 'x' }, 413, 'short is too long'],
    [{ short: 'big', long: `https://x/${'a'.repeat(17000)}` }, 413, 'long is too long'],
    [{ short: 'desc', long: 'x', description: 'd'.repeat(5000) }, 413, 'description is too long'],
    [{ short: 'own', long: 'x', owner: 'tagged-devices' }, 400, 'new owner not a valid user: tagged-devices'],
  ])('case %#', async (fields, status, message) => {
    const res = await apiPost(t, '/', fields as Record<string, string>);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(message);
  });

  test('underscore names are valid (golink allows them)', async () => {
    await create(t, 'foo_bar', 'https://u.example/');
    expect((await get(t, '/foo_bar')).status).toBe(302);
  });

  test('the create form on an existing name redirects to its detail page (303 ?exists=1)', async () => {
    await create(t, 'exists', 'https://one.example/');
    const res = await browserPost(t, '/', { short: 'Exists', long: 'https://two.example/', create: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/.detail/Exists?exists=1');
    expect((await get(t, '/exists')).headers.get('location')).toBe('https://one.example/');
  });

  test('API clients overwrite silently (golink), keeping Created and the stored row', async () => {
    await create(t, 'over', 'https://one.example/');
    const before = (await (await get(t, '/.detail/over')).json()) as { Created: string };
    const res = await apiPost(t, '/', { short: 'O-ver', long: 'https://two.example/' });
    expect(res.status).toBe(200);
    const after = (await (await get(t, '/.detail/O-ver')).json()) as { Short: string; Created: string; Long: string };
    expect(after).toMatchObject({ Short: 'O-ver', Long: 'https://two.example/', Created: before.Created });
  });

  test('a browser form post without a same-origin signal is refused (CSRF)', async () => {
    const res = await fetch(`${t.url}/`, {
      method: 'POST',
      body: new URLSearchParams({ short: 'csrf', long: 'https://evil.example/' }),
      headers: { Accept: 'text/html', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect((await get(t, '/csrf')).status).toBe(404);
  });

  test('a form post with a matching Origin is accepted', async () => {
    const res = await fetch(`${t.url}/`, {
      method: 'POST',
      body: new URLSearchParams({ short: 'origin', long: 'https://o.example/' }),
      headers: { Origin: t.url },
    });
    expect(res.status).toBe(200);
  });
});

describe('ownership', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: AMY });
  });
  afterAll(() => t.cleanup());

  test('the owner edits; others get 403', async () => {
    await create(t, 'mine', 'https://amy.example/');
    asUser(t, { login: BOB });
    const res = await apiPost(t, '/', { short: 'mine', long: 'https://bob.example/' });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('cannot update link owned by "amy@example.com"\n');
    const del = await apiPost(t, '/.delete/mine');
    expect(del.status).toBe(403);
    expect(await del.text()).toBe('cannot delete link owned by "amy@example.com"\n');
    asUser(t, { login: AMY });
    expect((await apiPost(t, '/', { short: 'mine', long: 'https://amy2.example/' })).status).toBe(200);
  });

  test('unowned links are editable by anyone, and the editor becomes the owner', async () => {
    asUser(t, { login: AMY, caps: ADMIN_CAPS });
    await fetch(`${t.url}/.import`, { method: 'POST', body: '{"Short":"free","Long":"https://free.example/","Owner":""}\n', headers: { 'Sec-Golink': '1' } });
    expect(await owner(t, 'free')).toBe('');
    asUser(t, { login: BOB });
    expect((await apiPost(t, '/', { short: 'free', long: 'https://bob.example/' })).status).toBe(200);
    expect(await owner(t, 'free')).toBe(BOB);
    asUser(t, { login: AMY });
  });

  test('links owned by tagged-devices are editable by anyone (golink #37)', async () => {
    asUser(t, { tags: ['tag:ci'] });
    await create(t, 'tagged', 'https://ci.example/');
    expect(await owner(t, 'tagged')).toBe('tagged-devices');
    asUser(t, { login: BOB });
    const res = await apiPost(t, '/', { short: 'tagged', long: 'https://bob.example/' });
    expect(res.status).toBe(200);
    expect(await owner(t, 'tagged')).toBe(BOB);
  });

  test('admins (grant {"admin": true}) edit and delete anything', async () => {
    asUser(t, { login: BOB });
    await create(t, 'bobs', 'https://bob.example/');
    asUser(t, { login: 'carol@example.com', caps: ADMIN_CAPS });
    expect((await apiPost(t, '/', { short: 'bobs', long: 'https://carol.example/', owner: BOB })).status).toBe(200);
    expect(await owner(t, 'bobs')).toBe(BOB);
    expect((await apiPost(t, '/.delete/bobs')).status).toBe(200);
    asUser(t, { login: AMY });
  });

  test('a malformed grant value is ignored rather than making anyone admin', async () => {
    asUser(t, { login: BOB });
    await create(t, 'bob2', 'https://bob.example/');
    asUser(t, { login: 'dave@example.com', caps: { 'tailscale.com/cap/golink': [{ admin: 'yes' }] } });
    expect((await apiPost(t, '/', { short: 'bob2', long: 'x' })).status).toBe(403);
    asUser(t, { login: AMY });
  });

  test('ownership can be transferred with the owner field', async () => {
    await create(t, 'gift', 'https://gift.example/');
    expect((await apiPost(t, '/', { short: 'gift', long: 'https://gift.example/', owner: BOB })).status).toBe(200);
    expect(await owner(t, 'gift')).toBe(BOB);
    expect((await apiPost(t, '/', { short: 'gift', long: 'x' })).status).toBe(403);
  });

  test('callers without a login cannot write unless unknown users are allowed', async () => {
    asUser(t, { login: '' });
    const res = await apiPost(t, '/', { short: 'anon', long: 'https://anon.example/' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('--links-allow-unknown-users');
    asUser(t, { login: AMY });
  });
});

describe('--links-allow-unknown-users', () => {
  test('anonymous callers create unowned links that anyone may edit', async () => {
    const t = await startLinks({ appConfig: { allowUnknownUsers: true } });
    try {
      asUser(t, { login: '' });
      await create(t, 'anon', 'https://anon.example/');
      expect(await owner(t, 'anon')).toBe('');
      asUser(t, { login: BOB });
      expect((await apiPost(t, '/', { short: 'anon', long: 'https://bob.example/' })).status).toBe(200);
    } finally {
      await t.cleanup();
    }
  });
});

describe('--links-readonly', () => {
  test('writes are 405, reads work, and pages show the banner', async () => {
    const t = await startLinks({ appConfig: { readonly: true }, caps: ADMIN_CAPS });
    try {
      for (const path of ['/', '/.delete/x', '/.restore/x', '/.detail/x', '/.import']) {
        const res = await apiPost(t, path, { short: 'x', long: 'y' });
        expect(res.status, path).toBe(405);
        expect(await res.text()).toBe('golink is in read-only mode\n');
      }
      const home = await (await get(t, '/', { Accept: 'text/html' })).text();
      expect(home).toContain('running in read-only mode');
      expect(home).not.toContain('name="long"');
      expect((await get(t, '/.export')).status).toBe(200);
    } finally {
      await t.cleanup();
    }
  });
});
