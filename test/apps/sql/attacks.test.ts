/**
 * The read-only attack list (reference §2.4 and the issue): statements that write, escape the
 * read-only connection or transaction, or reach the secrets store, sent to real SQLite files and
 * a real PostgreSQL. Each is refused with 400 and a reason, and the databases are byte-identical
 * (SQLite files) or content-identical (PostgreSQL) afterwards.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../support/postgres.js';
import { get, oracleWorkspace, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-attacks-'));
oracleWorkspace(dir);
const mainDb = join(dir, 'DATA', 'main.db');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectRefused(t: TestApp, src: string, sql: string): Promise<string> {
  const res = await get(t, q('/json', sql, src));
  const body = await res.text();
  expect(res.status, `${sql} → ${body}`).toBe(400);
  expect(body, sql).toMatch(/^\[400\] invalid query: .+/);
  return body;
}

describe('SQLite', () => {
  let t: TestApp;
  let before: string;
  const copy = join(tmpdir(), `sql-attack-copy-${process.pid}.db`);

  beforeAll(async () => {
    t = await startSql({ appConfig: { sources: [{ source: 'main', driver: 'sqlite', url: `file:${mainDb}?mode=ro` }] } });
    writeFileSync(join(t.dataDir, 'secrets.db'), readFileSync(mainDb));
    before = sha(mainDb);
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(copy, { force: true });
  });

  const attacks = (dataDir: string) => [
    `/* ' */ ATTACH '${join(dir, 'x.db')}' AS y; -- '`,
    `ATTACH '${join(dataDir, 'secrets.db')}' AS s`,
    `attach database 'file:${join(dataDir, 'secrets.db')}?mode=ro' as s`,
    `/* ' */ VACUUM INTO '${copy}'; -- '`,
    'vacuum',
    'create temp table x (a)',
    `create view "temp".users as select 'spoofed' as name`,
    'CrEaTe TeMp ViEw v AS SELECT 1',
    'with x as (select 1) delete from users',
    'with x as (select 1) insert into users (id) select 99 from x',
    'delete from users',
    "update users set name = 'x'",
    'insert into users (id) values (100)',
    'replace into users (id) values (1)',
    'pragma query_only = 0',
    'pragma query_only(0)',
    'PRAGMA hard_heap_limit = 1',
    'explain pragma query_only = 0',
    'pragma writable_schema = 1',
    'pragma journal_mode = delete',
    'select 1; delete from users',
    'detach main',
    'begin immediate',
    'drop table users',
    'alter table users add column z',
    'reindex',
    'analyze',
  ];

  it('refuses each statement with a reason', async () => {
    for (const sql of attacks(t.dataDir)) await expectRefused(t, 'main', sql);
  });

  it('leaves the file byte-identical, creates no file, and no spoofing view survives', async () => {
    expect(sha(mainDb)).toBe(before);
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    expect(await (await get(t, q('/csv', 'select name from users where id = 1', 'main'))).text()).toBe('name\namelie\n');
    expect(await (await get(t, q('/csv', 'pragma query_only', 'main'))).text()).toBe('query_only\n1\n');
  });

  it('says why, in words', async () => {
    expect(await expectRefused(t, 'main', `ATTACH '${join(t.dataDir, 'secrets.db')}' AS s`)).toContain('ATTACH is not allowed: it would open another database file');
    expect(await expectRefused(t, 'main', 'pragma query_only = 0')).toContain('setting a PRAGMA changes the connection');
  });
});

const pgEnabled = postgresAvailable('the PostgreSQL attack list');

describe.skipIf(!pgEnabled)('PostgreSQL', () => {
  let pg: TestPostgres;
  let t: TestApp;
  const snapshot = () => pg.psql('SELECT md5(string_agg(t::text, \',\' ORDER BY id)) FROM t', 'app') + pg.psql('SELECT count(*) FROM pg_class WHERE relname = \'x\'', 'app');
  let before: string;

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql(`CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b'); CREATE SEQUENCE s;
      CREATE ROLE writer LOGIN PASSWORD 'pw'; GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON t TO writer; GRANT USAGE ON SEQUENCE s TO writer;
      GRANT CREATE ON SCHEMA public TO writer;
      CREATE ROLE boss LOGIN SUPERUSER PASSWORD 'pw';`, 'app');
    t = await startSql({
      appConfig: {
        sources: [
          { source: 'pg', driver: 'postgres', url: pg.url('writer', 'pw') },
          { source: 'super', driver: 'postgres', url: pg.url('boss', 'pw') },
        ],
      },
    });
    before = snapshot();
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
    await pg?.stop();
  });

  it('refuses writes even for a role that may write, and every trick to leave the read-only transaction', async () => {
    for (const sql of [
      'COMMIT; DELETE FROM t',
      'DELETE FROM t',
      "UPDATE t SET v = 'x'",
      'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
      "COPY t TO PROGRAM 'id'",
      'SET default_transaction_read_only = off',
      'BEGIN; DELETE FROM t; COMMIT',
      "SELECT * FROM t; INSERT INTO t VALUES (3, 'c')",
      'CREATE TABLE x (a int)',
      'DO $$ BEGIN DELETE FROM t; END $$',
      'EXPLAIN ANALYZE DELETE FROM t',
      "SELECT nextval('s')",
      'TRUNCATE t',
    ]) {
      await expectRefused(t, 'pg', sql);
    }
    expect(snapshot()).toBe(before);
  });

  it('refuses a superuser source outright', async () => {
    const body = await expectRefused(t, 'super', 'SELECT 1');
    expect(body).toContain('is a superuser');
  });
});
