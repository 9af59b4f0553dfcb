/**
 * Stopping queries: a client that disconnects (before the first row, or in the middle of an
 * export) stops the query on the database, so the PostgreSQL backend is gone from
 * pg_stat_activity and the SQLite runner is killed; the console's Cancel does the same for the
 * caller's own query only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../support/postgres.js';
import { oracleWorkspace, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-cancel-'));
oracleWorkspace(dir);
const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';
const pgEnabled = postgresAvailable('the PostgreSQL cancellation tests');
let pg: TestPostgres | undefined;
let t: TestApp;

beforeAll(async () => {
  if (pgEnabled) {
    pg = await startPostgres();
    pg.psql("CREATE ROLE reader LOGIN PASSWORD 'pw'; GRANT pg_read_all_data TO reader;", 'app');
  }
  const sources: unknown[] = [{ source: 'main', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` }];
  if (pg) sources.push({ source: 'pg', driver: 'postgres', url: pg.url('reader', 'pw') });
  t = await startSql({ appConfig: { sources } });
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function outcomes(): Array<{ query: string; outcome: string }> {
  const db = new Database(join(t.dataDir, 'sql.db'), { readonly: true });
  try {
    return db.prepare('SELECT query, outcome FROM raw_query_log JOIN queries USING (query_id) ORDER BY raw_query_log.rowid').all() as Array<{ query: string; outcome: string }>;
  } finally {
    db.close();
  }
}
const outcomeOf = (query: string) => outcomes().filter((o) => o.query === query).at(-1)?.outcome;

describe('SQLite', () => {
  it('kills the runner when the client disconnects before the first row', async () => {
    const ctl = new AbortController();
    const req = fetch(t.url + q('/json', ENDLESS, 'main'), { headers: { 'Sec-Tailsql': '1' }, signal: ctl.signal }).catch((e: Error) => e);
    setTimeout(() => ctl.abort(), 300);
    expect(await req).toBeInstanceOf(Error);
    await expect.poll(() => outcomeOf(ENDLESS), { timeout: 5000 }).toBe('cancelled');
    expect(await (await fetch(t.url + q('/csv', 'select 2 as two', 'main'), { headers: { 'Sec-Tailsql': '1' } })).text()).toBe('two\n2\n');
  });

  it('cancels the caller’s own query from the console, not anyone else’s', async () => {
    const headers = { 'X-Tailsql-Console': '1', Cookie: 'tailsqlQuery=1' };
    const sql = `${ENDLESS} -- console`;
    const running = fetch(t.url + q('/api/query', sql, 'main', { id: 'cancel-me-123' }), { headers });
    await new Promise((r) => setTimeout(r, 300));
    t.as({ login: 'mallory@example.com', caps: {} });
    expect((await fetch(`${t.url}/api/cancel?id=cancel-me-123`, { method: 'POST', headers })).status).toBe(404);
    t.as({ caps: {} });
    expect((await fetch(`${t.url}/api/cancel?id=cancel-me-123`, { method: 'POST', headers })).status).toBe(204);
    const answer = (await (await running).json()) as { ok: boolean; error: string };
    expect(answer).toMatchObject({ ok: false, error: 'query cancelled' });
    await expect.poll(() => outcomeOf(sql)).toBe('cancelled');
  });
});

describe.skipIf(!pgEnabled)('PostgreSQL', () => {
  const active = (marker: string) =>
    pg?.psql(`SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%${marker}%' AND pid <> pg_backend_pid()`, 'app').trim();

  it('cancels on the server when the client disconnects before the first row', async () => {
    const ctl = new AbortController();
    const req = fetch(t.url + q('/json', 'SELECT pg_sleep(30) AS wait_a', 'pg'), { headers: { 'Sec-Tailsql': '1' }, signal: ctl.signal }).catch((e: Error) => e);
    await expect.poll(() => active('wait_a'), { timeout: 5000 }).toBe('1');
    ctl.abort();
    await req;
    await expect.poll(() => active('wait_a'), { timeout: 5000 }).toBe('0');
  });

  it('cancels on the server when the client disconnects in the middle of an export', async () => {
    const ctl = new AbortController();
    const res = await fetch(t.url + q('/csv', 'SELECT g, pg_sleep(0.001) AS wait_b FROM generate_series(1, 1000000) g', 'pg'), { headers: { 'Sec-Tailsql': '1' }, signal: ctl.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    expect(active('wait_b')).toBe('1');
    ctl.abort();
    await reader.read().catch(() => undefined);
    await expect.poll(() => active('wait_b'), { timeout: 5000 }).toBe('0');
  });
});
