/**
 * Beyond tclip, over HTTP: the JSON API (create, read, list with mine and q), full-text search
 * with htmx live results and 400 for malformed queries, "edit as new", the language picker and
 * word wrap without JavaScript, and tagged nodes shown as the node that pasted.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { asUser, BROWSER, createPaste, get, rawRequest, startPaste } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com' });
});
afterAll(() => t.cleanup());

describe('JSON API', () => {
  it('POST /api/post with Accept: application/json answers 201 {id, url, rawUrl, expiresAt}', async () => {
    const res = await fetch(`${t.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'hi', filename: 'hi.txt', expires: '1d' }), headers: { Accept: 'application/json' } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'rawUrl', 'url']);
    expect(body.url).toBe(`${t.url}/paste/${body.id}`);
    expect(body.rawUrl).toBe(`${body.url}/raw`);
    expect(res.headers.get('location')).toBe(body.url);
    expect(Date.parse(body.expiresAt ?? '') - Date.now()).toBeGreaterThan(86_000_000);
  });

  it('GET /paste/{id} with Accept: application/json returns metadata and content', async () => {
    const p = await createPaste(t, { content: 'fn main() {}\n', filename: 'main.rs' });
    const res = await get(t, `/paste/${p.id}`, { Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: p.id,
      filename: 'main.rs',
      language: 'rust',
      languageName: 'Rust',
      content: 'fn main() {}\n',
      size: 13,
      unlisted: false,
      burn: false,
      expiresAt: null,
      author: { login: 'amy@example.com', displayName: 'amy', node: 'localhost' },
      url: p.url,
      rawUrl: p.rawUrl,
    });
  });

  it('GET /api/pastes lists everyone’s or mine (mine=1), searched with q', async () => {
    const amy = await createPaste(t, { content: 'kubectl rollout restart deploy/api', filename: 'deploy.sh' });
    asUser(t, { login: 'bob@example.com' });
    const bob = await createPaste(t, { content: 'kubectl get pods', filename: 'pods.sh' });
    const ids = async (q: string) => ((await (await get(t, `/api/pastes?${q}`)).json()) as { pastes: Array<{ id: string }> }).pastes.map((p) => p.id);
    expect(await ids('q=kubectl')).toEqual(expect.arrayContaining([amy.id, bob.id]));
    expect(await ids('mine=1&q=kubectl')).toEqual([bob.id]);
    expect(await ids('mine=1')).toEqual([bob.id]);
    expect(await ids('q=deploy.sh')).toEqual([amy.id]);
    const page = (await (await get(t, '/api/pastes?mine=1')).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ page: 0, hasNext: false });
    asUser(t, { login: 'amy@example.com' });
  });

  it('answers a malformed search with 400 and a message, as JSON, a page or an htmx fragment', async () => {
    const json = await get(t, '/api/pastes?q=%22unterminated');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toMatch(/^bad search query: /);
    const html = await get(t, '/paste/list?q=a%20OR', BROWSER);
    expect(html.status).toBe(400);
    expect(await html.text()).toContain('bad search query: syntax error');
    const fragment = await get(t, '/paste/list?q=(a', { 'HX-Request': 'true' });
    expect(fragment.status).toBe(400);
    const text = await fragment.text();
    expect(text.startsWith('<div id="results"')).toBe(true);
    expect(text).toContain('bad search query');
  });

  it('answers htmx with just the results while typing', async () => {
    await createPaste(t, { content: 'zanzibar notes', filename: 'z.txt' });
    const res = await get(t, '/paste/list?q=zanzibar', { 'HX-Request': 'true' });
    const html = await res.text();
    expect(html.startsWith('<div id="results"')).toBe(true);
    expect(html).toContain('z.txt');
  });
});

describe('viewing and editing as new', () => {
  it('pre-fills the form from a paste ("edit as new") and leaves the original as it is', async () => {
    const p = await createPaste(t, { content: 'line one\n', filename: 'orig.py', unlisted: true });
    const html = await (await get(t, `/?from=${p.id}`, BROWSER)).text();
    expect(html).toContain('New paste from orig.py');
    expect(html).toContain('value="orig.py"');
    expect(html).toMatch(/<textarea name="content"[^>]*>line one\n<\/textarea>/);
    expect(html).toMatch(/name="unlisted" value="1" checked/);
    expect(html).toContain('<option value="python" selected>');
    expect((await get(t, '/?from=3b241101-e2bb-4255-8caf-4136c566a962', BROWSER)).status).toBe(404);
  });

  it('re-highlights in the picked language, and wraps lines, without JavaScript', async () => {
    const p = await createPaste(t, { content: 'SELECT 1;\n', filename: 'q.txt' });
    const plain = await (await get(t, `/paste/${p.id}?lang=plaintext`)).text();
    expect(plain).not.toContain('hljs-keyword');
    const sql = await (await get(t, `/paste/${p.id}?lang=sql`)).text();
    expect(sql).toContain('<span class="hljs-keyword">SELECT</span>');
    expect(sql).toContain('<option value="sql" selected>');
    expect(await (await get(t, `/paste/${p.id}?lang=sql&wrap=1`)).text()).toContain('class="view wrap"');
  });

  it('sends the page gzipped to clients that ask for it, and plain to others', async () => {
    const p = await createPaste(t, { content: 'def f():\n    return 1\n'.repeat(50), filename: 'z.py' });
    const host: [string, string] = ['Host', new URL(t.url).host];
    const plain = await rawRequest(t, 'GET', `/paste/${p.id}`, [host]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect([plain.headers['cache-control'], plain.headers['content-type']]).toEqual(['private, no-store', 'text/html; charset=UTF-8']);
    const again = await rawRequest(t, 'GET', `/paste/${p.id}`, [host]);
    expect([again.headers['cache-control'], again.headers.vary, again.body]).toEqual(['private, no-store', 'Accept-Encoding', plain.body]);
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      const req = request(`${t.url}/paste/${p.id}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
        expect([res.headers['content-encoding'], res.headers['cache-control'], res.headers.vary]).toEqual(['gzip', 'private, no-store', 'Accept-Encoding']);
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      });
      req.on('error', reject);
      req.end();
    });
    expect(zipped.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(zipped).toString()).toBe(plain.body);
  });

  it('honours a language chosen at creation, and refuses unknown ones', async () => {
    const p = await createPaste(t, { content: 'x = 1', filename: 'x.txt', language: 'python' });
    expect(((await (await get(t, `/paste/${p.id}`, { Accept: 'application/json' })).json()) as { language: string }).language).toBe('python');
    const bad = await fetch(`${t.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'x', language: 'klingon' }) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('bad request: unknown language "klingon"\n');
  });

  it('renders Markdown in the view, with its source a click away', async () => {
    const p = await createPaste(t, { content: '# Hello\n\n* item\n', filename: 'r.md' });
    const view = await (await get(t, `/paste/${p.id}`)).text();
    expect(view).toContain('<article class="prose"><h1>Hello</h1>');
    expect(view).toContain(`href="/paste/${p.id}/md"`);
    const source = await (await get(t, `/paste/${p.id}?source=1`)).text();
    expect(source).toContain('id="L1"');
    expect(source).not.toContain('<article');
  });

  it('shows a tagged node’s paste as that node', async () => {
    asUser(t, { tags: ['tag:ci'] });
    const p = await createPaste(t, { content: 'from ci' });
    asUser(t, { login: 'amy@example.com' });
    const json = (await (await get(t, `/paste/${p.id}`, { Accept: 'application/json' })).json()) as { author: { displayName: string; node: string } };
    expect(json.author).toMatchObject({ displayName: 'localhost (tag:ci)', node: 'localhost' });
    expect(await (await get(t, `/paste/${p.id}`)).text()).toContain('localhost (tag:ci)');
  });

  it('serves its icon at the root, where browsers look for it', async () => {
    const svg = await get(t, '/favicon.svg');
    expect([svg.status, svg.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/);
    const ico = await get(t, '/favicon.ico');
    expect([ico.status, ico.headers.get('location')]).toEqual([302, '/favicon.svg']);
  });

  it('a failed browser form comes back filled in with the error', async () => {
    const res = await fetch(`${t.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'keep my text', filename: 'x'.repeat(300) }), headers: BROWSER });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('filename is too long: 300 characters, at most 255');
    expect(html).toContain('keep my text</textarea>');
  });
});
