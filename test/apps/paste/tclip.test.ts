/**
 * tclip compatibility over real sockets: the tclip CLI's exact request, curl -F (a real curl,
 * content as a file part), urlencoded with a charset, 200 vs 303 by Accept, untitled pastes, and
 * the views tclip has (raw, download, fancy, list, home, help).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { BROWSER, browserPost, createPaste, get, rawRequest, startPaste, tclipPost } from './helpers.js';

const curl = promisify(execFile);
const URL_RE = /^http:\/\/127\.0\.0\.1:\d+\/paste\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: TestApp;
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com' });
});
afterAll(() => t.cleanup());

const idOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('POST /api/post as tclip clients send it', () => {
  it("accepts the tclip CLI's exact request and answers the URL with no trailing newline", async () => {
    const res = await tclipPost(t, 'package main\n\nfunc main() {}\n', 'main.go');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toMatch(URL_RE);
    expect(res.body.startsWith(t.url)).toBe(true);
    const raw = await get(t, `/paste/${idOf(res.body)}/raw`);
    expect(await raw.text()).toBe('package main\n\nfunc main() {}\n');
  });

  it('accepts urlencoded bodies with a charset parameter (tclip refuses them)', async () => {
    const res = await rawRequest(t, 'POST', '/api/post', [['Host', new URL(t.url).host], ['Accept', 'text/plain'], ['Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8']], 'content=h%C3%A9llo&filename=x.txt');
    expect(res.status).toBe(200);
    expect(await (await get(t, `/paste/${idOf(res.body)}/raw`)).text()).toBe('héllo');
  });

  it('stores curl -F content=@file (a file part, which tclip stores empty), named after the file', async () => {
    const file = join(t.dataDir, 'notes.md');
    writeFileSync(file, '# Notes\n\n- one ✓\n');
    const { stdout } = await curl('curl', ['-sS', '-H', 'Accept: text/plain', '-F', `content=@${file}`, `${t.url}/api/post`]);
    expect(stdout).toMatch(URL_RE);
    expect(await (await get(t, `/paste/${idOf(stdout)}/raw`)).text()).toBe('# Notes\n\n- one ✓\n');
    const page = await (await get(t, `/paste/${idOf(stdout)}`)).text();
    expect(page).toContain('<h1>notes.md</h1>');
  });

  it("takes curl -F filename=… -F content=… (help.html's example)", async () => {
    const { stdout } = await curl('curl', ['-sS', `${t.url}/api/post`, '-F', 'filename=filename.txt', '-F', 'content=test paste from curl', '-H', 'Accept: text/plain']);
    expect(stdout).toMatch(URL_RE);
    expect(await (await get(t, `/paste/${idOf(stdout)}/raw`)).text()).toBe('test paste from curl');
  });

  it('reads a chunked body (no Content-Length) as well as a sized one', async () => {
    const file = join(t.dataDir, 'build.log');
    writeFileSync(file, 'line ✓\n'.repeat(2000));
    const { stdout } = await curl('curl', ['-sS', '-H', 'Accept: text/plain', '-H', 'Transfer-Encoding: chunked', '--data-urlencode', `content@${file}`, '-d', 'filename=build.log', `${t.url}/api/post`]);
    expect(stdout).toMatch(URL_RE);
    expect(await (await get(t, `/paste/${idOf(stdout)}/raw`)).text()).toBe('line ✓\n'.repeat(2000));
  });

  it('answers 303 to the paste for browsers and for curl without Accept', async () => {
    const res = await browserPost(t, '/api/post', { content: 'from the form', filename: 'form.txt' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(URL_RE);
    const { stdout } = await curl('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{redirect_url}', '-d', 'content=x', `${t.url}/api/post`]);
    expect(stdout).toMatch(/^303 http:\/\/127\.0\.0\.1:\d+\/paste\//);
  });

  it('names pastes without a filename untitled', async () => {
    const res = await tclipPost(t, 'no name', '');
    expect(await (await get(t, `/paste/${idOf(res.body)}`)).text()).toContain('<h1>untitled</h1>');
  });

  it('refuses a request with neither field, and a body that is not a form', async () => {
    const none = await rawRequest(t, 'POST', '/api/post', [['Host', new URL(t.url).host], ['Content-Type', 'application/x-www-form-urlencoded']], 'other=1');
    expect(none.status).toBe(400);
    expect(none.body).toBe('bad request: include form values filename and content\n');
    const text = await rawRequest(t, 'POST', '/api/post', [['Host', new URL(t.url).host], ['Content-Type', 'text/csv']], 'a,b');
    expect(text.status).toBe(415);
    expect(text.body).toMatch(/^unsupported paste: bad content-type, should be a form/);
  });
});

describe('the views tclip has', () => {
  it('serves raw text as text/plain; charset=utf-8, sandboxed and uncached', async () => {
    const { id } = await createPaste(t, { content: '<b>not html</b>', filename: 'a.html' });
    const res = await get(t, `/paste/${id}/raw`);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.text()).toBe('<b>not html</b>');
  });

  it('downloads under a safely quoted filename, with filename* for non-ASCII names', async () => {
    const ascii = await createPaste(t, { content: 'x', filename: 'a "quoted" name.txt' });
    const dl = await get(t, `/paste/${ascii.id}/dl`);
    expect(dl.headers.get('content-disposition')).toBe('attachment; filename="a \\"quoted\\" name.txt"');
    const utf8 = await createPaste(t, { content: 'x', filename: 'résumé.txt' });
    expect((await get(t, `/paste/${utf8.id}/dl`)).headers.get('content-disposition')).toBe(`attachment; filename="r_sum_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`);
  });

  it('shows Markdown and Org in the fancy view, titled by their first heading; other languages redirect', async () => {
    const md = await createPaste(t, { content: '# Release notes\n\nSome *text*.\n', filename: 'notes.md' });
    const fancy = await get(t, `/paste/${md.id}/md`);
    const html = await fancy.text();
    expect(html).toContain('<title>Release notes</title>');
    expect(html).toContain('<em>text</em>');
    expect(html).not.toContain('amy@example.com');
    expect((await get(t, `/paste/${md.id}/org`)).status).toBe(200);
    const org = await createPaste(t, { content: '#+TITLE: Plans\n* Heading\n', filename: 'plans.org' });
    expect(await (await get(t, `/paste/${org.id}/org`)).text()).toContain('<title>Plans</title>');
    const go = await createPaste(t, { content: 'package main', filename: 'main.go' });
    const redirect = await get(t, `/paste/${go.id}/md`);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`/paste/${go.id}`);
  });

  it('shows who pasted it and when, highlighted, with the trailing-slash form too', async () => {
    const { id } = await createPaste(t, { content: 'def f():\n    return 1\n', filename: 'f.py' });
    for (const path of [`/paste/${id}`, `/paste/${id}/`]) {
      const html = await (await get(t, path, BROWSER)).text();
      expect(html).toContain('title="amy@example.com"');
      expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z" title="\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC" class="local">/);
      expect(html).toContain('<span class="hljs-keyword">def</span>');
      expect(html).toContain('id="L2"');
    }
  });

  it('lists 25 per page with Prev and Next, and the newest five of yours on the home page', async () => {
    const other = await startPaste({ login: 'lister@example.com' });
    try {
      for (let i = 0; i < 27; i++) await createPaste(other, { content: `n${i}`, filename: `file${i}.txt` });
      const first = await (await get(other, '/paste/list')).text();
      expect(first.match(/<tr>/g)?.length).toBe(26);
      expect(first).toContain('href="/paste/list?page=1"');
      expect(first).not.toContain('← Prev');
      const second = await (await get(other, '/paste/list?page=1')).text();
      expect(second.match(/<tr>/g)?.length).toBe(3);
      expect(second).toContain('← Prev');
      expect((await (await get(other, '/paste/list?page=garbage')).text()).match(/<tr>/g)?.length).toBe(26);
      const home = await (await get(other, '/')).text();
      expect(home.match(/<li><a href="\/paste\//g)?.length).toBe(5);
      expect(home).toContain('file26.txt');
    } finally {
      await other.cleanup();
    }
  });

  it('documents the CLI, curl and the API on /help', async () => {
    const html = await (await get(t, '/help')).text();
    for (const s of ['tclip -target', 'tailyard paste', 'curl', 'tclip.el', 'application/json', '/api/pastes']) expect(html).toContain(s);
  });
});
