/**
 * The errors of the identity provider's pages (the admin UI and logout; not the OAuth routes,
 * whose JSON is pinned in wire-errors.test.ts) on the real platform: each is answered by the
 * platform's renderer — a page in the suite's frame for a browser, JSON for a client that asks
 * for it, a line of text otherwise — with the status, the message and what to do about it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN, grants, startIdp } from './helpers.js';

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const JSON_ONLY = { accept: 'application/json' };
const DENIED = 'application capability not granted (allow_admin_ui)';
const ASK = 'ask a tailnet admin for the tailscale.com/cap/tsidp grant';

describe('errors of the idp pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIdp({ caps: ADMIN });
  });
  afterAll(() => t?.cleanup());

  it('a caller without allow_admin_ui: a page in the suite frame, JSON, or text, each naming the grant to ask for', async () => {
    t.as({ caps: grants({ allow_dcr: true }) });
    try {
      const page = await fetch(`${t.url}/`, { headers: HTML });
      expect(page.status).toBe(403);
      expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      const html = await page.text();
      expect(html).toContain('<h1>Not allowed</h1>');
      expect(html).toContain('<title>Not allowed · identity provider · tailyard</title>');
      // The page words them as sentences; JSON and text keep them as they are.
      expect(html).toContain('Application capability not granted (allow_admin_ui).');
      expect(html).toContain('Ask a tailnet admin for the');
      const json = await fetch(`${t.url}/new`, { headers: JSON_ONLY });
      expect(json.status).toBe(403);
      expect(await json.json()).toEqual({ error: 'access_denied', message: DENIED, hint: ASK });
      const text = await fetch(`${t.url}/edit/x`);
      expect(text.status).toBe(403);
      expect(await text.text()).toBe(`${DENIED} (${ASK})\n`);
    } finally {
      t.as({ caps: ADMIN });
    }
  });

  it('an unknown client is a 404 page', async () => {
    const res = await fetch(`${t.url}/edit/0123456789abcdef0123456789abcdef`, { headers: HTML });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<h1>Nothing here</h1>');
    expect(html).toContain('No client has this ID.');
  });

  it('a logout the provider refuses is a 400 page; a form it cannot read too', async () => {
    const res = await fetch(`${t.url}/logout?${new URLSearchParams({ client_id: 'nope', post_logout_redirect_uri: 'https://evil.example/' })}`, { headers: HTML });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<h1>That request is not right</h1>');
    expect(html).toContain('post_logout_redirect_uri is not registered for this client');
    expect(html).toContain('Name the client with id_token_hint or client_id');
    const garbage = await fetch(`${t.url}/new`, { method: 'POST', headers: { ...JSON_ONLY, 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x\r\ngarbage' });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^malformed multipart\/form-data body: /) });
  });
});
