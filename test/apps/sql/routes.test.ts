/**
 * tailsql's routes beyond the recorded cases (reference §1): methods, paths, the query-length
 * check, the cookie bootstrap, the page's in-page errors, named and meta queries, the route
 * prefix, the console's downloads and display limit, and an announced export cap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { get, ndjson, oracleWorkspace, parseExact, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-routes-'));
oracleWorkspace(dir);
const main = `file:${join(dir, 'DATA', 'main.db')}?mode=ro`;
const other = `file:${join(dir, 'DATA', 'other.db')}?mode=ro`;
const KINDS = 'select kind, count(*) n from events group by kind order by kind';
const sources = [
  { source: 'main', label: 'Main database', driver: 'sqlite', url: main, named: { kinds: KINDS, writes: 'delete from users' } },
  { source: 'other', label: 'Other', driver: 'sqlite', url: other, uiRows: 1 },
];
let t: TestApp;
let prefixed: TestApp;
let capped: TestApp;
const cookie = { Cookie: 'tailsqlQuery=1' };

beforeAll(async () => {
  t = await startSql({ appConfig: { sources: sources.map((s) => ({ ...s, timeout: '2s' })), links: [{ anchor: 'runbook', url: 'https://wiki.example/runbook' }], queryTimeout: '90s', uiRows: 3 } });
  prefixed = await startSql({ appConfig: { sources, routePrefix: '/tsql/' } });
  capped = await startSql({ appConfig: { sources: [...sources, { source: 'wide', driver: 'sqlite', url: main, maxRows: 100 }], maxRows: 5 } });
});
afterAll(async () => {
  await Promise.all([t?.cleanup(), prefixed?.cleanup(), capped?.cleanup()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('methods, paths and limits', () => {
  it('answers 405 to anything but GET, before looking at the path', async () => {
    for (const path of ['/', '/csv', '/json', '/meta', '/nope']) {
      const res = await fetch(t.url + path, { method: 'POST', headers: { 'Sec-Tailsql': '1' } });
      expect(res.status, path).toBe(405);
      expect(await res.text()).toBe('method not allowed\n');
    }
    expect((await fetch(`${t.url}/`, { method: 'HEAD' })).status).toBe(405);
  });

  it('answers 404 to unknown paths after the checks', async () => {
    const res = await get(t, '/nope');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('not found\n');
    expect((await get(t, q('/nope', 'x'.repeat(4001)))).status).toBe(400);
  });

  it('refuses queries over 4000 bytes with tailsql wording', async () => {
    const res = await get(t, q('/json', `select '${'é'.repeat(2000)}'`));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('query too long\n');
  });

  it('reports meta with the timeout as a Go duration, links and named queries', async () => {
    const res = await get(t, '/meta', {});
    expect(await res.json()).toEqual({
      meta: {
        sources: [
          { source: 'main', label: 'Main database', named: { kinds: KINDS, writes: 'delete from users' } },
          { source: 'other', label: 'Other' },
        ],
        links: [{ anchor: 'runbook', url: 'https://wiki.example/runbook' }],
        queryTimeout: '1m30s',
      },
    });
  });
});

describe('the console page', () => {
  it('sets the cookie and bounces a query without it once (302 to the same URL)', async () => {
    const path = q('/', 'select 1', 'main');
    const res = await get(t, path, {});
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(path);
    expect(res.headers.get('set-cookie')).toBe('tailsqlQuery=1; HttpOnly; SameSite=Lax');
    const page = await get(t, path, cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('1 row total');
  });

  it('keeps the route prefix in the bounce, redirects the bare prefix, 404s outside it', async () => {
    expect((await get(prefixed, q('/tsql/', 'select 1'), {})).headers.get('location')).toBe(`/tsql/?${new URLSearchParams({ q: 'select 1' })}`);
    const bare = await get(prefixed, '/tsql?x=1', {});
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/tsql/?x=1');
    const outside = await get(prefixed, q('/csv', 'select 1'));
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe('404 page not found\n');
    expect(await (await get(prefixed, q('/tsql/csv', 'select 1 as one'))).text()).toBe('one\n1\n');
  });

  it('shows query errors inside the page with 200, escaped', async () => {
    const res = await get(t, q('/', "select '<b>", 'nosuch'), cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Error: [400] unknown source &quot;nosuch&quot;');
    const bad = await (await get(t, q('/', "select '<script>alert(1)</script>' as x", 'main'), cookie)).text();
    expect(bad).not.toContain('<script>alert(1)');
    expect(bad).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows the page of an endless query, saying more rows exist when counting cannot finish in time', async () => {
    const endless = 'with recursive c(x) as (select 1 union all select x + 1 from c) select x from c';
    const html = await (await get(t, q('/', endless, 'main'), cookie)).text();
    expect(html).toContain('showing the first 3 rows; more exist (counting did not finish within the time limit)');
    expect(html).toContain('<td class="num">3</td>');
  });

  it('shows the first uiRows rows, says how many exist, and styles NULL apart', async () => {
    const html = await (await get(t, q('/', 'select id, title from users order by id', 'main'), cookie)).text();
    expect(html).toContain('showing the first 3 of 4 rows');
    expect(html).toContain('<td class="null">(null)</td>');
    const one = await (await get(t, q('/', 'select * from t', 'other'), cookie)).text();
    expect(one).toContain('showing the first 1 of 2 rows');
  });
});

describe('query forms', () => {
  it('resolves named queries, refuses unknown ones and named writes', async () => {
    expect(ndjson(await (await get(t, q('/json', 'named:kinds', 'main'))).text())).toHaveLength(3);
    const unknown = await get(t, q('/json', 'named:nope', 'main'));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe('[400] named query "nope" not recognized\n');
    const writes = await get(t, q('/json', 'named:writes', 'main'));
    expect(writes.status).toBe(400);
    expect(await writes.text()).toMatch(/^\[400\] invalid query: DELETE is not allowed/);
  });

  it('lists named queries with meta:named in a stable order, and refuses other meta queries', async () => {
    const rows = ndjson(await (await get(t, q('/json', 'meta:named'))).text());
    expect(rows).toEqual([
      { label: 'Main database', queryName: 'kinds', source: 'main', sql: KINDS },
      { label: 'Main database', queryName: 'writes', source: 'main', sql: 'delete from users' },
    ]);
    const bad = await get(t, q('/json', 'meta:tables'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('[400] unknown meta-query "meta:tables"\n');
  });

  it('refuses SQLite parameters, which nothing binds, with 400 naming them (not the driver error as a 500)', async () => {
    for (const sql of ['select :name', 'select ?', 'select * from users where id = ?1']) {
      const res = await get(t, q('/csv', sql, 'main'));
      expect(res.status, sql).toBe(400);
      expect(await res.text(), sql).toMatch(/^\[400\] invalid query: \S+ is a query parameter, and the console has no value for it: write the value into the query\n$/);
    }
  });

  it('accepts the cookie for /csv but only the header for /json', async () => {
    expect((await get(t, q('/csv', 'select 1'), cookie)).status).toBe(200);
    expect((await get(t, q('/json', 'select 1'), cookie)).status).toBe(403);
  });

  it('writes a header-only CSV for an empty result and keeps 64-bit integers exact', async () => {
    expect(await (await get(t, q('/csv', 'select id, name from users where 0', 'main'))).text()).toBe('id,name\n');
    expect(ndjson(await (await get(t, q('/json', 'select big from users where id = 1', 'main'))).text())).toEqual([{ big: 9007199254740993n }]);
  });
});

describe('downloads', () => {
  it('exports the whole result as a JSON document with column metadata, TSV and Markdown', async () => {
    const doc = await get(t, q('/export', 'select id, big, 1 as id from users order by id', 'main', { format: 'json' }), cookie);
    expect(doc.headers.get('content-disposition')).toBe('attachment; filename="query.json"');
    const parsed = parseExact(await doc.text()) as { columns: unknown[]; rows: unknown[][]; rowCount: bigint; truncated: boolean };
    expect(parsed.columns).toEqual([{ name: 'id', type: 'INTEGER' }, { name: 'big', type: 'INTEGER' }, { name: 'id', type: '' }]);
    expect(parsed.rows[0]).toEqual([1n, 9007199254740993n, 1n]);
    expect(parsed.rowCount).toBe(4n);
    expect(await (await get(t, q('/export', "select 'a|b' as x", 'main', { format: 'md' }), cookie)).text()).toBe('| x |\n| --- |\n| a\\|b |\n');
    expect(await (await get(t, q('/export', "select 'a\tb' as x", 'main', { format: 'tsv' }), cookie)).text()).toBe('x\na\\tb\n');
    expect((await get(t, q('/export', 'select 1', 'main', { format: 'xlsx' }), cookie)).status).toBe(400);
    expect((await get(t, q('/export', 'select 1', 'main', { format: 'csv' }), {})).status).toBe(403);
  });

  it('announces an export cap, and reports the cut in a header (sent whole) or a trailer (streamed)', async () => {
    const fetchRaw = (path: string) =>
      new Promise<{ headers: Record<string, unknown>; trailers: Record<string, unknown>; body: string }>((resolve, reject) => {
        httpGet(`${capped.url}${path}`, { headers: { 'Sec-Tailsql': '1' } }, (r) => {
          let body = '';
          r.on('data', (d) => {
            body += d;
          });
          r.on('end', () => resolve({ headers: r.headers, trailers: r.trailers, body }));
        }).on('error', reject);
      });
    const small = await fetchRaw(q('/csv', 'select id from events order by id', 'main'));
    expect(small.headers['x-tailsql-row-cap']).toBe('5');
    expect(small.headers['x-tailsql-truncated']).toBe('true');
    expect(small.body.trim().split('\n')).toHaveLength(6);
    const wide = await fetchRaw(q('/csv', "select id, printf('%.2000c', 'x') as pad from events order by id", 'wide'));
    expect(wide.headers['x-tailsql-row-cap']).toBe('100');
    expect(wide.trailers['x-tailsql-truncated']).toBe('true');
    expect(wide.body.trim().split('\n')).toHaveLength(101);
  });
});
