/**
 * Requests another site starts (issue 16 §4): a browser marks them `Sec-Fetch-Site: cross-site`
 * (or `same-site`), and tailsql's Lax cookie travels with them, so every route that runs a query
 * or shows data answers 403 naming the problem, and a shared permalink (`GET /?q=…`) shows the
 * query without running it. The console's own requests (`same-origin`), typed URLs (`none`) and
 * clients that send no `Sec-Fetch-Site` (curl, tailsql's clients) keep tailsql's behaviour.
 * Whether a request ran is read from the caller's query log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { get, oracleWorkspace, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-cross-site-'));
oracleWorkspace(dir);
const main = `file:${join(dir, 'DATA', 'main.db')}?mode=ro`;
let t: TestApp;
const COOKIE = 'tailsqlQuery=1';

beforeAll(async () => {
  t = await startSql({ appConfig: { sources: [{ source: 'main', label: 'Main', driver: 'sqlite', url: main }] } });
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** A query no other test sends, so the query log shows whether this one ran. */
let n = 0;
const marker = () => `select 'xsite-${++n}' as m`;

async function ran(sql: string): Promise<boolean> {
  return (await (await get(t, '/history', {})).text()).includes(sql.replace(/'/g, '&#39;'));
}

describe('a request another site started', () => {
  const routes = (sql: string) => [
    q('/csv', sql, 'main'),
    q('/export', sql, 'main', { format: 'json' }),
    q('/json', sql, 'main'),
    q('/api/query', sql, 'main', { id: 'abcdefgh-1234' }),
    '/api/schema?src=main',
    '/schema?src=main',
    '/meta',
    '/history',
    q('/nope', sql, 'main'),
  ];

  for (const site of ['cross-site', 'same-site']) {
    it(`is refused with 403 on every route but the page (Sec-Fetch-Site: ${site}), cookie or not, and runs nothing`, async () => {
      const sql = marker();
      for (const path of routes(sql)) {
        const res = await get(t, path, { 'Sec-Fetch-Site': site, Cookie: COOKIE, 'X-Tailsql-Console': '1' });
        expect(res.status, path).toBe(403);
        const text = await res.text();
        expect(text, path).toContain('[403] cross-site request refused');
        expect(text, path).toContain(`${new URL(path, t.url).pathname} was requested by another site (Sec-Fetch-Site: ${site})`);
        expect(res.headers.get('set-cookie'), path).toBeNull();
      }
      expect(await ran(sql)).toBe(false);
    });
  }

  it('cannot cancel a running query (POST /api/cancel)', async () => {
    const res = await fetch(`${t.url}/api/cancel?id=abcdefgh-1234`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site', 'X-Tailsql-Console': '1' } });
    expect(res.status).toBe(403);
  });

  it('opens a shared permalink with the query filled in and not run, sets no cookie and does not bounce', async () => {
    const sql = marker();
    const res = await get(t, q('/', sql, 'main'), { 'Sec-Fetch-Site': 'cross-site', Cookie: COOKIE });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('vary')).toBe('Sec-Fetch-Site');
    const html = await res.text();
    expect(html).toContain(`<textarea name="q" id="query"`);
    expect(html).toContain(sql.replace(/'/g, '&#39;'));
    expect(html).toContain('id="not-run"');
    expect(html).toContain('has not run. Read it, then press Query to run it.');
    expect(html).not.toContain('id="results"');
    expect(html).not.toContain('id="error"');
    expect(await ran(sql)).toBe(false);
    // Pressing Query submits the form from the console itself: same-origin, and it runs.
    const pressed = await get(t, q('/', sql, 'main'), { 'Sec-Fetch-Site': 'same-origin' });
    expect(pressed.status).toBe(200);
    expect(pressed.headers.get('vary')).toBe('Sec-Fetch-Site');
    expect(await pressed.text()).toContain('1 row total');
    expect(await ran(sql)).toBe(true);
  });

  it('opens the empty console from a link as usual, without the cookie', async () => {
    const res = await get(t, '/', { 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).not.toContain('id="not-run"');
  });

  it('does not write a denial into the query log of a caller without access', async () => {
    t.as({ caps: { 'tailscale.com/cap/tailsql': [{ src: ['other'] }] } });
    try {
      const sql = marker();
      expect((await get(t, q('/', sql, 'main'), { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(200);
      expect((await get(t, q('/csv', sql, 'main'), { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect(await ran(sql)).toBe(false);
    } finally {
      t.as({});
    }
  });
});

describe('the console itself, typed URLs and API clients', () => {
  it('runs for same-origin requests, which stand in for the cookie (no bounce)', async () => {
    const sql = marker();
    const page = await get(t, q('/', sql, 'main'), { 'Sec-Fetch-Site': 'same-origin' });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBe('tailsqlQuery=1; HttpOnly; SameSite=Lax');
    const csv = await get(t, q('/csv', sql, 'main'), { 'Sec-Fetch-Site': 'same-origin' });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe(`m\n${/'(.*)'/.exec(sql)?.[1]}\n`);
    const exported = await get(t, q('/export', sql, 'main', { format: 'tsv' }), { 'Sec-Fetch-Site': 'same-origin', Cookie: COOKIE });
    expect(exported.status).toBe(200);
    const api = await get(t, q('/api/query', sql, 'main'), { 'Sec-Fetch-Site': 'same-origin', 'X-Tailsql-Console': '1' });
    expect(((await api.json()) as { ok: boolean }).ok).toBe(true);
    expect((await get(t, '/schema?src=main', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await get(t, '/history', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    // /json stays tailsql's: the header only.
    expect((await get(t, q('/json', sql, 'main'), { 'Sec-Fetch-Site': 'same-origin', Cookie: COOKIE })).status).toBe(403);
  });

  it("keeps tailsql's rules for typed URLs (none): the cookie bootstrap, and /csv with the cookie", async () => {
    const sql = marker();
    const bounce = await get(t, q('/', sql, 'main'), { 'Sec-Fetch-Site': 'none' });
    expect(bounce.status).toBe(302);
    expect(bounce.headers.get('set-cookie')).toBe('tailsqlQuery=1; HttpOnly; SameSite=Lax');
    expect((await get(t, q('/', sql, 'main'), { 'Sec-Fetch-Site': 'none', Cookie: COOKIE })).status).toBe(200);
    expect((await get(t, q('/csv', sql, 'main'), { 'Sec-Fetch-Site': 'none', Cookie: COOKIE })).status).toBe(200);
    expect((await get(t, q('/csv', sql, 'main'), { 'Sec-Fetch-Site': 'none' })).status).toBe(403);
  });

  it('leaves requests without Sec-Fetch-Site exactly as tailsql answers them', async () => {
    expect(await (await get(t, q('/csv', 'select 1 as one', 'main'))).text()).toBe('one\n1\n');
    expect(await (await get(t, q('/json', 'select 1 as one', 'main'))).text()).toBe('{"one":1}\n');
    expect(await (await get(t, q('/csv', 'select 1 as one', 'main'), { Cookie: COOKIE })).text()).toBe('one\n1\n');
    expect((await get(t, q('/csv', 'select 1 as one', 'main'), {})).status).toBe(403);
    expect((await get(t, '/meta', {})).status).toBe(200);
  });

  it('trusts Sec-Tailsql over Sec-Fetch-Site: no web page can send it', async () => {
    const res = await get(t, q('/json', 'select 1 as one', 'main'), { 'Sec-Tailsql': '1', 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"one":1}\n');
  });
});
