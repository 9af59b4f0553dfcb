import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(whoamiApp);
});
afterAll(async () => {
  await t.cleanup();
});

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('security headers', () => {
  it('are on every response, errors and assets included', async () => {
    for (const path of ['/', '/nope', '/private', '/.tailyard/static/tailyard.css']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
  });

  it('serves htmx from the package and the stylesheet, cacheable', async () => {
    const res = await fetch(`${t.url}/.tailyard/static/htmx.min.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('htmx');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });
});

describe('CSRF protection (cross-origin requests from browsers)', () => {
  const evil = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };

  it('refuses a cross-site form post, saying why', async () => {
    const res = await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, ...evil }, body: 'body=x' });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/cross-origin request refused \(Sec-Fetch-Site is "cross-site"\)/);
  });

  it('refuses a foreign Origin from a browser that sends no Sec-Fetch-Site', async () => {
    const res = await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, Origin: 'https://evil.example' }, body: 'body=x' });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Origin "https:\/\/evil.example" is not this site/);
  });

  it('admits non-browser clients that send neither Origin nor Sec-Fetch-Site (curl -d, CLIs)', async () => {
    expect((await fetch(`${t.url}/notes`, { method: 'POST', headers: form, body: 'body=x' })).status).toBe(201);
    const multipart = new FormData();
    multipart.set('body', 'from curl -F');
    expect((await fetch(`${t.url}/notes`, { method: 'POST', body: multipart })).status).toBe(201);
  });

  it('admits same-origin posts by Sec-Fetch-Site or by Origin', async () => {
    const host = new URL(t.url).host;
    expect((await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, 'Sec-Fetch-Site': 'same-origin' }, body: 'body=a' })).status).toBe(201);
    expect((await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, Origin: `http://${host}` }, body: 'body=b' })).status).toBe(201);
  });

  it('guards a DELETE without a body like any other unsafe request', async () => {
    expect((await fetch(`${t.url}/notes`, { method: 'DELETE', headers: evil })).status).toBe(403);
    expect((await fetch(`${t.url}/notes`, { method: 'DELETE', headers: { 'Sec-Fetch-Site': 'same-site' } })).status).toBe(403);
    expect((await fetch(`${t.url}/notes`, { method: 'DELETE', headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(204);
    expect((await fetch(`${t.url}/notes`, { method: 'DELETE' })).status).toBe(204);
  });

  it('guards JSON posts too, not only what a form can send', async () => {
    const res = await fetch(`${t.url}/notes`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...evil }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('admits API clients marked with a Sec-* header, even cross-site', async () => {
    for (const h of ['Sec-Golink', 'Sec-X-Tailscale-No-Browsers']) {
      const res = await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, ...evil, [h]: '1' }, body: 'body=api' });
      expect(res.status, h).toBe(201);
    }
  });

  it('does not count browser-set Sec-Fetch-* headers as API markers', async () => {
    const res = await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'cross-site' }, body: 'body=x' });
    expect(res.status).toBe(403);
  });

  it("admits cross-origin calls to a route the app declared exempt, and only that route", async () => {
    const exempt = await fetch(`${t.url}/self-authenticated`, { method: 'POST', headers: { ...form, ...evil }, body: 'code=x' });
    expect(exempt.status).toBe(200);
    const notExempt = await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, ...evil }, body: 'code=x' });
    expect(notExempt.status).toBe(403);
  });
});

describe('body size limits', () => {
  it('answer 413 with a message naming the limit', async () => {
    const res = await fetch(`${t.url}/notes`, { method: 'POST', headers: { ...form, 'Sec-Golink': '1' }, body: `body=${'x'.repeat(2000)}` });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/request body too large: the limit for \/notes is 1 KiB/);
  });

  it('apply the platform default of 1 MiB where a route sets none', async () => {
    const res = await fetch(`${t.url}/whoami`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Sec-Golink': '1' }, body: 'x'.repeat((1 << 20) + 1) });
    expect(res.status).toBe(413);
  });
});
