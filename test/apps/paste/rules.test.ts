/**
 * What tclip gets wrong, fixed: cross-site browser posts refused while API clients pass, deleting
 * never on a GET and only by the author or an admin, and a clear status for every failure: 404,
 * 410, 405 (with Allow), 413 naming the limit, 415 for non-UTF-8 bytes (nothing stored), 429 with
 * Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, asUser, BROWSER, browserPost, createPaste, get, rawRequest, startPaste, tclipPost } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com', appConfig: { maxBytes: 1024, rateLimit: { perMinute: 1, burst: 40 } } });
});
afterAll(() => t.cleanup());

const count = async () => (await (await get(t, '/api/pastes?mine=1', { Accept: 'application/json' })).json()).pastes.length as number;

describe('CSRF', () => {
  it('refuses cross-site browser form posts, creating nothing', async () => {
    const before = await count();
    const crossSite = await fetch(`${t.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'forged' }), headers: { ...BROWSER, 'Sec-Fetch-Site': 'cross-site' }, redirect: 'manual' });
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await fetch(`${t.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'forged' }), headers: { Origin: 'https://evil.example' }, redirect: 'manual' });
    expect(foreignOrigin.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('lets same-origin forms and non-browser clients (no Origin, no Sec-Fetch-Site) through', async () => {
    expect((await browserPost(t, '/api/post', { content: 'mine' })).status).toBe(303);
    expect((await tclipPost(t, 'cli', 'cli.txt')).status).toBe(200);
  });

  it('refuses a cross-site delete', async () => {
    const { id } = await createPaste(t, { content: 'keep me' });
    const res = await fetch(`${t.url}/api/delete/${id}`, { method: 'POST', headers: { ...BROWSER, 'Sec-Fetch-Site': 'cross-site' }, redirect: 'manual' });
    expect(res.status).toBe(403);
    expect((await get(t, `/paste/${id}/raw`)).status).toBe(200);
  });
});

describe('deleting', () => {
  it('GET /api/delete/{id} only shows a confirmation form that POSTs', async () => {
    const { id } = await createPaste(t, { content: 'still here' });
    const confirm = await get(t, `/api/delete/${id}`, BROWSER);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(`<form method="post" action="/api/delete/${id}"`);
    expect((await get(t, `/paste/${id}/raw`)).status).toBe(200);
    const del = await browserPost(t, `/api/delete/${id}`, {});
    expect(del.status).toBe(303);
    expect(del.headers.get('location')).toBe('/?deleted=1');
    expect((await get(t, `/paste/${id}/raw`)).status).toBe(410);
  });

  it('DELETE /paste/{id} deletes (204), and a second delete is 410', async () => {
    const { id } = await createPaste(t, { content: 'x' });
    expect((await fetch(`${t.url}/paste/${id}`, { method: 'DELETE' })).status).toBe(204);
    const again = await fetch(`${t.url}/paste/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/^gone: this paste was deleted \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\n$/);
  });

  it("refuses someone else's paste with 403 (the link is not even offered), but lets an admin delete it", async () => {
    asUser(t, { login: 'amy@example.com' });
    const { id } = await createPaste(t, { content: "amy's" });
    asUser(t, { login: 'bob@example.com' });
    try {
      expect(await (await get(t, `/paste/${id}`)).text()).not.toContain(`/api/delete/${id}`);
      expect((await get(t, `/api/delete/${id}`, BROWSER)).status).toBe(403);
      const post = await browserPost(t, `/api/delete/${id}`, {});
      expect(post.status).toBe(403);
      expect(await post.text()).toContain('Only the author of a paste (or an admin) may delete it');
      expect((await fetch(`${t.url}/paste/${id}`, { method: 'DELETE' })).status).toBe(403);
      expect((await get(t, `/paste/${id}/raw`)).status).toBe(200);
      asUser(t, { login: 'root@example.com', caps: ADMIN_CAPS });
      expect((await fetch(`${t.url}/paste/${id}`, { method: 'DELETE' })).status).toBe(204);
    } finally {
      asUser(t, { login: 'amy@example.com' });
    }
  });
});

describe('statuses with pages that say so', () => {
  it('404 for a paste that never existed, as a page, JSON or text', async () => {
    const id = '3b241101-e2bb-4255-8caf-4136c566a962';
    const page = await get(t, `/paste/${id}`, BROWSER);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain(`No paste has the id ${id}.`);
    const json = await get(t, `/paste/${id}`, { Accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ error: `paste not found: no paste has the id ${id}`, status: 404 });
    expect((await get(t, `/paste/${id}/raw`)).status).toBe(404);
    expect((await get(t, '/no/such/page', BROWSER)).status).toBe(404);
  });

  it('410 for a deleted paste, on every view', async () => {
    const { id } = await createPaste(t, { content: 'bye' });
    await fetch(`${t.url}/paste/${id}`, { method: 'DELETE' });
    for (const suffix of ['', '/raw', '/dl', '/md', '/org']) {
      const res = await get(t, `/paste/${id}${suffix}`, BROWSER);
      expect(res.status, suffix).toBe(410);
      expect(await res.text()).toContain('This paste is gone');
    }
  });

  it('405 with Allow for a wrong method, as a page', async () => {
    const { id } = await createPaste(t, { content: 'x' });
    const put = await fetch(`${t.url}/paste/${id}`, { method: 'PUT', headers: BROWSER });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, DELETE');
    expect(await put.text()).toContain('Wrong method');
    const getPost = await get(t, '/api/post');
    expect(getPost.status).toBe(405);
    expect(getPost.headers.get('allow')).toBe('POST');
    expect(await getPost.text()).toBe('method not allowed: GET is not allowed on /api/post; use POST\n');
    const other = await get(t, `/paste/${id}/other`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe(`not found: nothing is at /paste/${id}/other\n`);
    const head = await fetch(`${t.url}/paste/${id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('413 naming the limit, and nothing stored', async () => {
    const before = await count();
    const res = await tclipPost(t, 'x'.repeat(1025), 'big.txt');
    expect(res.status).toBe(413);
    expect(res.body).toBe('paste too large: the paste is 1025 bytes; the limit is 1 KiB\n');
    expect((await tclipPost(t, 'x'.repeat(1024), 'fits.txt')).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('415 for bytes that are not UTF-8, urlencoded or multipart, and nothing stored', async () => {
    const before = await count();
    const host: [string, string] = ['Host', new URL(t.url).host];
    const urlencoded = await rawRequest(t, 'POST', '/api/post', [host, ['Accept', 'text/plain'], ['Content-Type', 'application/x-www-form-urlencoded']], 'content=caf%E9&filename=latin1.txt');
    expect(urlencoded.status).toBe(415);
    expect(urlencoded.body).toMatch(/not valid UTF-8 text/);
    const boundary = 'b0undary';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="x.bin"\r\n\r\n`),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const mp = await rawRequest(t, 'POST', '/api/post', [host, ['Accept', 'text/plain'], ['Content-Type', `multipart/form-data; boundary=${boundary}`]], multipart);
    expect(mp.status).toBe(415);
    expect(await count()).toBe(before);
  });

  it('429 with Retry-After once a caller exceeds the creation rate', async () => {
    const limited = await startPaste({ appConfig: { rateLimit: { perMinute: 6, burst: 2 } } });
    try {
      expect((await tclipPost(limited, 'a', 'a')).status).toBe(200);
      expect((await tclipPost(limited, 'b', 'b')).status).toBe(200);
      const res = await tclipPost(limited, 'c', 'c');
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(10);
      expect(res.body).toMatch(/^too many pastes: try again in \d+ s\n$/);
      asUser(limited, { login: 'someone-else@example.com' });
      expect((await tclipPost(limited, 'd', 'd')).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });
});
