/**
 * /.detail (JSON and HTML, canonical spelling), editing with rename and history, soft delete
 * with the browser confirmation page and the Sec-Golink API, and restore.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { apiPost, asUser, browserPost, create, get, getHTML, startLinks } from './helpers.js';

const AMY = 'amy@example.com';

describe('/.detail and edits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: AMY });
  });
  afterAll(() => t.cleanup());

  test('JSON for non-HTML clients: golink keys, indented two spaces, trailing newline', async () => {
    await create(t, 'Foo-Bar', 'https://foo.example/?a=1&b=2');
    const res = await get(t, '/.detail/Foo-Bar');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await res.text();
    expect(body).toMatch(/^\{\n {2}"Short": "Foo-Bar",\n {2}"Long": "https:\/\/foo.example\/\?a=1\\u0026b=2",\n {2}"Created": "[^"]+Z",\n {2}"LastEdit": "[^"]+Z",\n {2}"Owner": "amy@example.com"\n\}\n$/);
  });

  test('other spellings redirect to the canonical one, dropping the query as golink does', async () => {
    const res = await get(t, '/.detail/f-o-o-bar?exists=1');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/.detail/Foo-Bar');
    expect((await get(t, '/.detail/nope')).status).toBe(404);
  });

  test('HTML for browsers: edit form for the owner, facts for others', async () => {
    const mine = await (await getHTML(t, '/.detail/Foo-Bar?exists=1')).text();
    expect(mine).toContain('already exists');
    expect(mine).toContain('You can edit it below');
    expect(mine).toContain('action="/.detail/Foo-Bar"');
    asUser(t, { login: 'bob@example.com' });
    const theirs = await (await getHTML(t, '/.detail/Foo-Bar')).text();
    expect(theirs).not.toContain('action="/.detail/Foo-Bar"');
    expect(theirs).toContain('<dd>amy@example.com</dd>');
    asUser(t, { login: AMY });
  });

  test('editing from the browser form redirects back with the change in the history', async () => {
    const res = await browserPost(t, '/.detail/Foo-Bar', { short: 'Foo-Bar', long: 'https://foo2.example/', description: 'the foo docs', owner: AMY });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/.detail/Foo-Bar?saved=1');
    const html = await (await getHTML(t, '/.detail/Foo-Bar')).text();
    expect(html).toContain('destination → https://foo2.example/');
    expect(html).toContain('the foo docs');
    expect(html).toMatch(/<strong>create<\/strong>/);
  });

  test('rename keeps history and clicks and frees the old name', async () => {
    await create(t, 'oldname', 'https://rename.example/');
    await get(t, '/oldname');
    await get(t, '/oldname');
    const res = await apiPost(t, '/.detail/oldname', { short: 'new-name' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { Short: string }).Short).toBe('new-name');
    expect((await get(t, '/oldname')).status).toBe(404);
    expect((await get(t, '/newname')).headers.get('location')).toBe('https://rename.example/');
    const html = await (await getHTML(t, '/.detail/new-name')).text();
    expect(html).toContain('renamed oldname → new-name');
    // Two clicks before the rename, one after.
    expect(html).toMatch(/<dt>Clicks<\/dt><dd>3<\/dd>/);
  });

  test('rename onto an existing name is a 409', async () => {
    await create(t, 'taken', 'https://taken.example/');
    await create(t, 'mover', 'https://mover.example/');
    const res = await apiPost(t, '/.detail/mover', { short: 'Taken' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('already exists');
  });

  test('edit validation: bad name 400, bad template 400, oversized 413', async () => {
    expect((await apiPost(t, '/.detail/mover', { short: 'bad name' })).status).toBe(400);
    const tmpl = await apiPost(t, '/.detail/mover', { long: '{{if}}' });
    expect(tmpl.status).toBe(400);
    expect(await tmpl.text()).toContain('long contains an invalid template');
    expect((await apiPost(t, '/.detail/mover', { description: 'x'.repeat(5000) })).status).toBe(413);
    const page = await browserPost(t, '/.detail/mover', { short: 'mover', long: '{{if}}', owner: AMY });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('role="alert"');
  });
});

describe('delete and restore', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: AMY });
  });
  afterAll(() => t.cleanup());

  test('browsers get a confirmation page, then the deleted page with restore and recreate', async () => {
    await create(t, 'gone', 'https://gone.example/');
    const confirm = await getHTML(t, '/.delete/gone');
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('method="post" action="/.delete/gone"');
    expect((await get(t, '/gone')).status).toBe(302);
    const res = await browserPost(t, '/.delete/gone', {});
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="/.restore/gone"');
    expect(html).toContain('value="https://gone.example/"');
    expect((await get(t, '/gone')).status).toBe(404);
    expect((await get(t, '/.detail/gone')).status).toBe(404);
    expect(await (await getHTML(t, '/.detail/gone')).text()).toContain('This link was deleted by amy@example.com');
  });

  test('restore brings the link back with its history', async () => {
    const res = await browserPost(t, '/.restore/gone', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/.detail/gone?restored=1');
    expect((await get(t, '/gone')).status).toBe(302);
    const html = await (await getHTML(t, '/.detail/gone')).text();
    expect(html).toMatch(/<strong>restore<\/strong>[\s\S]*<strong>delete<\/strong>[\s\S]*<strong>create<\/strong>/);
    expect((await apiPost(t, '/.restore/gone')).status).toBe(409);
  });

  test('API clients delete with Sec-Golink (no token), and with DELETE', async () => {
    await create(t, 'api-del', 'https://api.example/');
    const res = await apiPost(t, '/.delete/api-del');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { Short: string }).Short).toBe('api-del');
    expect((await apiPost(t, '/.restore/apidel')).status).toBe(200);
    const del = await fetch(`${t.url}/.detail/api-del`, { method: 'DELETE', headers: { 'Sec-Golink': '1' } });
    expect(del.status).toBe(200);
    expect((await get(t, '/api-del')).status).toBe(404);
    expect((await apiPost(t, '/.delete/api-del')).status).toBe(404);
  });

  test('a cross-site form post cannot delete', async () => {
    await create(t, 'keep', 'https://keep.example/');
    const res = await fetch(`${t.url}/.delete/keep`, {
      method: 'POST',
      body: new URLSearchParams({}),
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await get(t, '/keep')).status).toBe(302);
  });

  test('recreating a deleted name makes a new link', async () => {
    await create(t, 'again', 'https://one.example/');
    await apiPost(t, '/.delete/again');
    await create(t, 'again', 'https://two.example/');
    expect((await get(t, '/again')).headers.get('location')).toBe('https://two.example/');
  });
});
