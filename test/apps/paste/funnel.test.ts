/**
 * Funnel: anonymous callers (unknown peers on the app's public paths) may read single pastes
 * (view, raw, download, fancy, reveal) and the landing page, and nothing else, whatever the method;
 * `hideFunnelUsers` hides the author from them; paste URLs use the node's HTTPS MagicDNS name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaller } from '../../../src/platform/identity.js';
import { type FunnelPaste, FUNNEL_BASE, startFunnelPaste } from './funnel-harness.js';

const amy = makeCaller({ kind: 'user', login: 'amy@example.com', displayName: 'Amy Author' });

async function paste(f: FunnelPaste, fields: Record<string, string>): Promise<string> {
  f.caller = amy;
  const res = await fetch(`${f.url}/api/post`, { method: 'POST', body: new URLSearchParams(fields), headers: { Accept: 'text/plain' } });
  f.caller = undefined;
  if (res.status !== 200) throw new Error(`paste: ${res.status} ${await res.text()}`);
  return (await res.text()).split('/').pop() ?? '';
}

describe('on Funnel', () => {
  let f: FunnelPaste;
  let id: string;
  beforeAll(async () => {
    f = await startFunnelPaste();
    id = await paste(f, { content: '# Shared\n\nhello internet\n', filename: 'shared.md' });
  });
  afterAll(() => f.close());

  it('prints paste URLs on the HTTPS MagicDNS name', async () => {
    f.caller = amy;
    const res = await fetch(`${f.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'x' }), headers: { Accept: 'application/json' } });
    f.caller = undefined;
    const body = (await res.json()) as { url: string; rawUrl: string };
    expect(body.url).toMatch(new RegExp(`^${FUNNEL_BASE}/paste/[0-9a-f-]{36}$`));
    expect(body.rawUrl).toBe(`${body.url}/raw`);
  });

  it('answers an anonymous viewer the landing page and single pastes, showing the author by default', async () => {
    const landing = await fetch(`${f.url}/`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('You have connected to a private pastebin run by a Tailscale user');
    const view = await fetch(`${f.url}/paste/${id}`);
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain('hello internet');
    expect(html).toContain('Amy Author');
    expect(html).not.toContain('/api/delete/');
    expect(html).not.toContain('Edit as new');
    for (const suffix of ['/raw', '/dl', '/md', '/org', '/']) expect((await fetch(`${f.url}/paste/${id}${suffix}`)).status, suffix).toBe(200);
    const head = await fetch(`${f.url}/paste/${id}/raw`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const css = await fetch(`${f.url}/.tailyard/static/paste.css`);
    expect(css.status).toBe(200);
  });

  it('refuses anonymous callers lists, search, the API, creating and deleting', async () => {
    const refused: Array<[string, string]> = [
      ['GET', '/paste/list'],
      ['GET', '/paste/mine'],
      ['GET', '/paste/list?q=hello'],
      ['GET', '/api/pastes'],
      ['GET', '/help'],
      ['POST', '/api/post'],
      ['GET', `/api/delete/${id}`],
      ['POST', `/api/delete/${id}`],
      ['DELETE', `/paste/${id}`],
      ['PUT', `/paste/${id}`],
    ];
    for (const [method, path] of refused) {
      const init: RequestInit = { method, headers: { Accept: 'text/plain' } };
      if (method === 'POST') init.body = new URLSearchParams({ content: 'anonymous', filename: 'x' });
      const res = await fetch(`${f.url}${path}`, init);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.text()).toBe('forbidden: this pastebin is private; only links to single pastes are public\n');
    }
    expect((await fetch(`${f.url}/paste/${id}/raw`)).status).toBe(200);
  });

  it('lets an anonymous viewer burn a burn-after-reading paste only through the reveal POST', async () => {
    const burn = await paste(f, { content: 'one look only', burn: '1' });
    const page = await fetch(`${f.url}/paste/${burn}`);
    expect(await page.text()).not.toContain('one look only');
    const revealed = await fetch(`${f.url}/paste/${burn}/reveal`, { method: 'POST', body: new URLSearchParams({ as: 'raw' }) });
    expect(await revealed.text()).toBe('one look only');
    expect((await fetch(`${f.url}/paste/${burn}`)).status).toBe(410);
  });

  it('serves unlisted pastes to anonymous viewers by link, like any other', async () => {
    const hidden = await paste(f, { content: 'unlisted but linked', unlisted: '1' });
    expect(await (await fetch(`${f.url}/paste/${hidden}/raw`)).text()).toBe('unlisted but linked');
  });

  it('still gives tailnet users the whole app', async () => {
    f.caller = amy;
    try {
      expect((await fetch(`${f.url}/paste/list`)).status).toBe(200);
      expect((await fetch(`${f.url}/help`)).status).toBe(200);
    } finally {
      f.caller = undefined;
    }
  });
});

describe('on Funnel with hideFunnelUsers', () => {
  let f: FunnelPaste;
  beforeAll(async () => {
    f = await startFunnelPaste({ hideFunnelUsers: true });
  });
  afterAll(() => f.close());

  it('shows anonymous viewers no suite navigation (no tailnet names), and tailnet users all of it', async () => {
    const id = await paste(f, { content: 'public', filename: 'public.txt' });
    const anonymous = await (await fetch(`${f.url}/paste/${id}`)).text();
    expect(anonymous).toMatch(/^<!DOCTYPE html>/);
    expect(anonymous).not.toContain('nav class="suite"');
    expect(anonymous).not.toContain('go.tail1234.ts.net');
    f.caller = amy;
    const member = await (await fetch(`${f.url}/paste/${id}`)).text();
    f.caller = undefined;
    expect(member).toContain('<nav class="suite" aria-label="tailyard apps">');
    expect(member).toContain('<a href="https://go.tail1234.ts.net/">go/ links</a>');
    expect(member).toContain('<a href="https://paste.tail1234.ts.net/" aria-current="page">paste</a>');
  });

  it('hides the author from anonymous viewers, in the page and the JSON, but not from tailnet users', async () => {
    const id = await paste(f, { content: 'who wrote this?', filename: 'anon.txt' });
    const html = await (await fetch(`${f.url}/paste/${id}`)).text();
    expect(html).toContain('who wrote this?');
    expect(html).not.toContain('Amy Author');
    expect(html).not.toContain('amy@example.com');
    const json = (await (await fetch(`${f.url}/paste/${id}`, { headers: { Accept: 'application/json' } })).json()) as { author: unknown };
    expect(json.author).toBeNull();
    f.caller = amy;
    expect(await (await fetch(`${f.url}/paste/${id}`)).text()).toContain('Amy Author');
    f.caller = undefined;
  });
});
