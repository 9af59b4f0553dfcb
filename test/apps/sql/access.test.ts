/**
 * Who may query which source (reference §3) and the query log (§4.1) over real sockets: the
 * default policy, grants per source with prefixes, a malformed grant ignored, filtered /meta and
 * picker, app databases grant-only, and every attempt logged with its outcome while tailsql's
 * `query_log` view stays success-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { CAP, get, oracleWorkspace, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-access-'));
oracleWorkspace(dir);
const url = (n: string) => `file:${join(dir, 'DATA', `${n}.db`)}?mode=ro`;
let t: TestApp;
const grants = (...values: unknown[]) => ({ [CAP]: values });

beforeAll(async () => {
  t = await startSql({
    appConfig: {
      sources: [
        { source: 'main', driver: 'sqlite', url: url('main'), named: { kinds: 'select kind from events limit 1' } },
        { source: 'prod-eu', label: 'Prod EU', driver: 'sqlite', url: url('other'), named: { secret: 'select 1' } },
      ],
      localSource: 'self',
    },
  });
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => t.as({ login: 'amy@example.com', caps: {} }));

const status = async (path: string, headers?: Record<string, string>) => (await get(t, path, headers)).status;

describe('default policy', () => {
  it('lets users query every source, tagged nodes none, but shows tagged nodes the page and /meta', async () => {
    expect(await status(q('/json', 'select 1', 'prod-eu'))).toBe(200);
    t.as({ login: 'tagged-devices', tags: ['tag:ci'], caps: {} });
    const denied = await get(t, q('/json', 'select 1', 'main'));
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe('tagged node is not authorized\n');
    expect(await status('/', {})).toBe(200);
    expect(await status('/meta', {})).toBe(200);
    expect(await status(q('/meta', 'select 1'), {})).toBe(403);
  });
});

describe('grants', () => {
  it('decide per source, with prefixes, and filter /meta, meta:named and the picker', async () => {
    t.as({ login: 'tagged-devices', tags: ['tag:ci'], caps: grants({ src: ['prod-*'] }) });
    expect(await status(q('/json', 'select 1', 'prod-eu'))).toBe(200);
    const other = await get(t, q('/json', 'select 1', 'main'));
    expect(other.status).toBe(403);
    expect(await other.text()).toBe('not authorized for access to "main"\n');
    const meta = (await (await get(t, '/meta', {})).json()) as { meta: { sources: Array<{ source: string }> } };
    expect(meta.meta.sources.map((s) => s.source)).toEqual(['prod-eu']);
    expect(await (await get(t, q('/csv', 'meta:named', 'prod-eu'))).text()).toBe('source,label,queryName,sql\nprod-eu,Prod EU,secret,select 1\n');
    const page = await (await get(t, '/', {})).text();
    expect(page).toContain('<option value="prod-eu"');
    expect(page).not.toContain('<option value="main"');
  });

  it('default the source to the first one the caller may query', async () => {
    t.as({ caps: grants({ src: ['prod-eu'] }) });
    expect(await (await get(t, q('/csv', 'select count(*) as n from t'))).text()).toBe('n\n2\n');
  });

  it('ignore a malformed grant, and never fall back to the open default because of one', async () => {
    t.as({ caps: grants({ src: 'main' }, { src: ['prod-eu'] }) });
    expect(await status(q('/json', 'select 1', 'prod-eu'))).toBe(200);
    expect(await status(q('/json', 'select 1', 'main'))).toBe(403);
    t.as({ caps: grants({ src: 'main' }) });
    const res = await get(t, q('/json', 'select 1', 'main'));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('not authorized for access to tailsql\n');
  });
});

describe('query log', () => {
  it('records every attempt with caller, node, source, duration, rows and outcome; query_log stays success-only', async () => {
    t.as({ login: 'log@example.com', caps: {} });
    await get(t, q('/json', 'select 1 as x union all select 2', 'main'));
    await get(t, q('/json', 'delete from users', 'main'));
    await get(t, q('/json', 'select * from nope', 'main'));
    t.as({ login: 'log@example.com', caps: grants({ src: ['main'] }) });
    await get(t, q('/json', 'select 1', 'prod-eu'));
    await get(t, q('/json', 'named:kinds', 'main'));
    const db = new Database(join(t.dataDir, 'sql.db'), { readonly: true });
    const logged = () => (db.prepare("SELECT count(*) AS n FROM raw_query_log WHERE author = 'log@example.com'").get() as { n: number }).n;
    // The log is written in batches, a moment after the queries.
    await expect.poll(logged).toBe(5);
    const rows = db
      .prepare("SELECT author, node, source, query, elapsed, outcome, row_count, error FROM raw_query_log JOIN queries USING (query_id) WHERE author = 'log@example.com' ORDER BY raw_query_log.rowid")
      .all() as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.source, r.query, r.outcome, r.row_count])).toEqual([
      ['main', 'select 1 as x union all select 2', 'ok', 2],
      ['main', 'delete from users', 'refused', null],
      ['main', 'select * from nope', 'failed', null],
      ['prod-eu', 'select 1', 'denied', null],
      ['main', 'select kind from events limit 1', 'ok', 1],
    ]);
    expect(rows[0]?.elapsed).toBeGreaterThan(0);
    expect(rows[2]?.error).toBe('SQL logic error: no such table: nope (1)');
    const view = db.prepare("SELECT count(*) AS n FROM query_log WHERE author = 'log@example.com'").get() as { n: number };
    expect(view.n).toBe(2);
    db.close();
  });

  it('is a source itself (localSource) with tailsql label and schema query, and shows each user their history', async () => {
    const res = await get(t, q('/csv', "select outcome, count(*) as n from raw_query_log where author = 'log@example.com' group by outcome order by outcome", 'self'));
    expect(await res.text()).toBe('outcome,n\ndenied,1\nfailed,1\nok,2\nrefused,1\n');
    const meta = (await (await get(t, '/meta', {})).json()) as { meta: { sources: Array<{ source: string; label: string; named?: object }> } };
    expect(meta.meta.sources.at(-1)).toEqual({ source: 'self', label: 'tailsql local state', named: { schema: 'select * from sqlite_schema' } });
    t.as({ login: 'log@example.com', caps: {} });
    const history = await (await get(t, '/history', {})).text();
    expect(history).toContain('no such table: nope');
    expect(history).toContain('refused');
  });
});
