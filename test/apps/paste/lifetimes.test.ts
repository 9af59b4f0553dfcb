/**
 * Lifetimes and visibility with a clock the test controls (Date is faked; timers stay real):
 * expiry (410, capped lifetimes, the sweeper), burn-after-reading (a reveal POST by someone other
 * than the author burns it, GETs never do), unlisted pastes (absent from lists and search), and
 * removed content gone from the database file, its WAL and the full-text index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, asUser, BROWSER, browserPost, createPaste, get, startPaste } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2024-05-01T12:00:00Z') });
  t = await startPaste({ login: 'amy@example.com', appConfig: { sweepIntervalSeconds: 1 } });
});
afterAll(async () => {
  vi.useRealTimers();
  await t.cleanup();
});
afterEach(() => asUser(t, { login: 'amy@example.com' }));

/** Whether any of the app's database files (main, WAL, shared memory) holds `marker`. */
function onDisk(marker: string): boolean {
  return readdirSync(t.dataDir)
    .filter((f) => f.startsWith('paste.db'))
    .some((f) => readFileSync(join(t.dataDir, f)).includes(marker));
}

async function listedIds(path: string): Promise<string[]> {
  const body = (await (await get(t, path, { Accept: 'application/json' })).json()) as { pastes: Array<{ id: string }> };
  return body.pastes.map((p) => p.id);
}

describe('expiry', () => {
  it('answers 410 from the expiry instant on, and stores RFC 3339 UTC times', async () => {
    const p = await createPaste(t, { content: 'short-lived', expires: '1h' });
    expect(p.expiresAt).toBe('2024-05-01T13:00:00.000Z');
    vi.setSystemTime(new Date('2024-05-01T12:59:59Z'));
    expect((await get(t, `/paste/${p.id}/raw`)).status).toBe(200);
    expect(await listedIds('/api/pastes')).toContain(p.id);
    vi.setSystemTime(new Date('2024-05-01T13:00:00Z'));
    expect(await listedIds('/api/pastes')).not.toContain(p.id);
    const res = await get(t, `/paste/${p.id}`, BROWSER);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('This paste expired (2024-05-01 13:00 UTC).');
  });

  it('caps lifetimes at the configured maximum and applies the default', async () => {
    const capped = await startPaste({ appConfig: { maxExpiry: '1w', defaultExpiry: '1d' } });
    try {
      expect((await createPaste(capped, { content: 'x', expires: 'never' })).expiresAt).toBe(new Date(Date.now() + 7 * 86_400_000).toISOString());
      expect((await createPaste(capped, { content: 'x' })).expiresAt).toBe(new Date(Date.now() + 86_400_000).toISOString());
      const bad = await fetch(`${capped.url}/api/post`, { method: 'POST', body: new URLSearchParams({ content: 'x', expires: '2y' }) });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toBe('bad request: unknown expiry "2y": choose one of 1h, 1d, 1w, 30d, never\n');
    } finally {
      await capped.cleanup();
    }
  });

  it('the sweeper removes expired pastes from the database file and its WAL without anyone opening them', async () => {
    const marker = 'sweepmarker-4d1c-expiring';
    const p = await createPaste(t, { content: `${marker} `.repeat(50), filename: 'exp.txt', expires: '1d' });
    expect(onDisk(marker)).toBe(true);
    vi.setSystemTime(new Date(Date.now() + 2 * 86_400_000));
    await expect.poll(() => onDisk(marker), { timeout: 15_000, interval: 250 }).toBe(false);
    expect((await get(t, `/paste/${p.id}/raw`)).status).toBe(410);
  });
});

describe('burn after reading', () => {
  it('shows the author the paste without burning it', async () => {
    const p = await createPaste(t, { content: 'the author may look', burn: true });
    const html = await (await get(t, `/paste/${p.id}`, BROWSER)).text();
    expect(html).toContain('the author may look');
    expect(html).toContain('Burn after reading: this paste is deleted the first time');
    expect((await get(t, `/paste/${p.id}/raw`)).status).toBe(200);
  });

  it('shows anyone else a reveal button on every GET, burns on the POST, once', async () => {
    const marker = 'burnmarker-77f0-secret';
    const p = await createPaste(t, { content: `${marker} for bob`, filename: 'secret.txt', burn: true });
    asUser(t, { login: 'bob@example.com' });
    for (const suffix of ['', '/raw', '/dl', '/md']) {
      const res = await get(t, `/paste/${p.id}${suffix}`, BROWSER);
      expect(res.status, suffix).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<form method="post" action="/paste/${p.id}/reveal"`);
      expect(html).not.toContain(marker);
    }
    const json = await get(t, `/paste/${p.id}`, { Accept: 'application/json' });
    expect(json.status).toBe(409);
    expect(await listedIds('/api/pastes')).not.toContain(p.id);
    const revealed = await browserPost(t, `/paste/${p.id}/reveal`, { as: 'view' });
    expect(revealed.status).toBe(200);
    const html = await revealed.text();
    expect(html).toContain(`${marker} for bob`);
    expect(html).toContain('This paste burnt after reading');
    expect(html).not.toContain('Edit as new');
    expect((await get(t, `/paste/${p.id}`, BROWSER)).status).toBe(410);
    expect((await browserPost(t, `/paste/${p.id}/reveal`, {})).status).toBe(410);
    expect(onDisk(marker)).toBe(false);
  });

  it('reveals as raw text when asked from /raw', async () => {
    const p = await createPaste(t, { content: 'raw secret', burn: true });
    asUser(t, { login: 'bob@example.com' });
    const res = await browserPost(t, `/paste/${p.id}/reveal`, { as: 'raw' });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('raw secret');
    expect((await get(t, `/paste/${p.id}/raw`)).status).toBe(410);
  });
});

describe('burn after reading, asked for as a view the paste does not have', () => {
  for (const as of ['md', 'org']) {
    it(`shows a paste that is not a document in the one reveal asked for as ${as} (no redirect to a page that is gone)`, async () => {
      const p = await createPaste(t, { content: 'SELECT secret FROM vault;', filename: 'q.sql', burn: true });
      asUser(t, { login: 'bob@example.com' });
      const reveal = await get(t, `/paste/${p.id}/${as}`, BROWSER);
      expect(await reveal.text()).toContain(`<input type="hidden" name="as" value="${as}"/>`);
      const res = await browserPost(t, `/paste/${p.id}/reveal`, { as });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('secret');
      expect(html).toContain('This paste burnt after reading');
      expect((await get(t, `/paste/${p.id}`, BROWSER)).status).toBe(410);
    });
  }

  it('shows a Markdown paste asked for as md in its reading view, and a JSON client the content', async () => {
    const md = await createPaste(t, { content: '# Launch codes\n\n0000', filename: 'codes.md', burn: true });
    asUser(t, { login: 'bob@example.com' });
    const html = await (await browserPost(t, `/paste/${md.id}/reveal`, { as: 'md' })).text();
    expect(html).toContain('<h1>Launch codes</h1>');
    asUser(t, { login: 'amy@example.com' });
    const sql = await createPaste(t, { content: 'select 1', filename: 'one.sql', burn: true });
    asUser(t, { login: 'bob@example.com' });
    const res = await fetch(`${t.url}/paste/${sql.id}/reveal`, { method: 'POST', body: new URLSearchParams({ as: 'md' }), headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { content: string }).content).toBe('select 1');
  });
});

describe('unlisted pastes', () => {
  it('are reachable by link, absent from lists and search, listed for their author and admins', async () => {
    const marker = 'unlistedword';
    const hidden = await createPaste(t, { content: `${marker} inside`, filename: `${marker}.txt`, unlisted: true });
    const listed = await createPaste(t, { content: `${marker} listed twin`, filename: 'twin.txt' });
    asUser(t, { login: 'bob@example.com' });
    expect((await get(t, `/paste/${hidden.id}/raw`)).status).toBe(200);
    expect(await listedIds('/api/pastes')).not.toContain(hidden.id);
    expect(await listedIds(`/api/pastes?q=${marker}`)).toEqual([listed.id]);
    const page = await (await get(t, `/paste/list?q=${marker}`)).text();
    expect(page).not.toContain(hidden.id);
    expect(page).toContain(listed.id);
    expect(await (await get(t, '/paste/list')).text()).not.toContain(hidden.id);
    asUser(t, { login: 'amy@example.com' });
    expect(await listedIds('/api/pastes?mine=1')).toContain(hidden.id);
    asUser(t, { login: 'root@example.com', caps: ADMIN_CAPS });
    expect(await listedIds('/api/pastes')).toContain(hidden.id);
  });
});

describe('deleted content is gone from disk', () => {
  it('leaves nothing of a deleted paste in the database file, the WAL or the full-text index', async () => {
    const marker = 'deletemarker-93be-searchable';
    const p = await createPaste(t, { content: `${marker}\n${'line of filler text\n'.repeat(300)}`, filename: `${marker}.log` });
    expect(onDisk(marker)).toBe(true);
    expect(await listedIds(`/api/pastes?q=${encodeURIComponent(`"${marker}"`)}`)).toEqual([p.id]);
    expect((await fetch(`${t.url}/paste/${p.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(onDisk(marker)).toBe(false);
    expect(onDisk('deletemarker')).toBe(false);
    expect(await listedIds(`/api/pastes?q=${encodeURIComponent(`"${marker}"`)}`)).toEqual([]);
  });
});
