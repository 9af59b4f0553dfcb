/**
 * The PostgreSQL driver against a real throwaway cluster: typed values, streamed exports, the
 * read-only transaction and extended protocol stopping writes, role checks, and a server-side
 * cancel that leaves no backend running the query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessRole, ROLE_SQL, type RoleRow } from '../../../src/apps/sql/drivers/postgres/checks.js';
import { PostgresDriver } from '../../../src/apps/sql/drivers/postgres/driver.js';
import { type Chunk, QueryError, type QueryMode, type QueryStream } from '../../../src/apps/sql/drivers/types.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../support/postgres.js';

const enabled = postgresAvailable('the PostgreSQL driver tests');
const log = { warn: () => {}, error: () => {} };

describe.skipIf(!enabled)('PostgresDriver', () => {
  let pg: TestPostgres;
  let reader: PostgresDriver;
  const drivers: PostgresDriver[] = [];
  const driverFor = (role: string) => {
    const d = new PostgresDriver(pg.url(role, 'pw'), { source: role, timeoutMs: 5000, log });
    drivers.push(d);
    return d;
  };

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql(`CREATE TABLE t (id int8 PRIMARY KEY, name text, score float8, data bytea, at timestamptz, n numeric, ok bool);
      INSERT INTO t VALUES (9007199254740993, 'bob, "b"', 1e21, '\\x00ff', '2024-01-02 03:04:05.5+02', 1.50, true), (2, NULL, 0.5, NULL, NULL, NULL, NULL);
      CREATE ROLE reader LOGIN PASSWORD 'pw'; GRANT SELECT ON t TO reader;
      CREATE ROLE writer LOGIN PASSWORD 'pw'; GRANT SELECT, INSERT, DELETE ON t TO writer;
      CREATE ROLE boss LOGIN SUPERUSER PASSWORD 'pw';
      CREATE ROLE filer LOGIN PASSWORD 'pw'; GRANT pg_read_server_files TO filer;`, 'app');
    reader = driverFor('reader');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    await pg?.stop();
  });

  const run = (d: PostgresDriver, sql: string, mode: QueryMode, signal = new AbortController().signal) =>
    d.query({ sql, mode, maxRows: 0, signal, deadline: 0 });
  async function drain(s: QueryStream): Promise<Chunk[]> {
    const out: Chunk[] = [];
    for (let c = await s.next(); c; c = await s.next()) out.push(c);
    return out;
  }

  it('streams CSV with exact integers, Go floats, unpadded base64 and UTC times', async () => {
    const s = await run(reader, 'select id, name, score, data, at, n, ok from t order by id desc', { kind: 'encode', format: 'csv' });
    const text = (await drain(s)).map((c) => (c.kind === 'text' ? c.text : '')).join('');
    expect(text).toBe('id,name,score,data,at,n,ok\n9007199254740993,"bob, ""b""",1e+21,AP8,2024-01-02T01:04:05Z,1.50,true\n2,,0.5,,,,\n');
    expect(s.columns.map((c) => c.type)).toEqual(['int8', 'text', 'float8', 'bytea', 'timestamptz', 'numeric', 'bool']);
  });

  it('returns typed rows and counts what is beyond the limit', async () => {
    const s = await run(reader, 'select id from t order by id', { kind: 'rows', limit: 1, count: true });
    expect(await drain(s)).toEqual([{ kind: 'rows', rows: [[2n]] }]);
    expect(s.summary).toEqual({ rows: 1, truncated: true, total: 2 });
  });

  it('stops writes: two statements are one Parse, CTE writes hit READ ONLY, even for a role that may write', async () => {
    const writer = driverFor('writer');
    await expect(run(writer, 'COMMIT; DELETE FROM t', { kind: 'rows', limit: 10, count: false })).rejects.toMatchObject({ kind: 'refused' });
    await expect(run(writer, 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', { kind: 'rows', limit: 10, count: false })).rejects.toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/read-only transaction/),
    });
    await expect(run(writer, "SELECT nextval('x')", { kind: 'rows', limit: 10, count: false })).rejects.toMatchObject({ kind: 'database' });
    expect(pg.psql('SELECT count(*) FROM t', 'app').trim()).toBe('2');
  });

  it('rolls back and resets every session: settings and advisory locks do not outlive a query', async () => {
    await drain(await run(reader, "SELECT set_config('statement_timeout', '0', false), pg_advisory_lock(42)", { kind: 'rows', limit: 1, count: false }));
    expect(pg.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", 'app').trim()).toBe('0');
  });

  it('cancels on the server: the backend stops running the query', async () => {
    const ctl = new AbortController();
    const pending = run(reader, 'SELECT pg_sleep(30), 1', { kind: 'rows', limit: 1, count: false }, ctl.signal);
    const running = () => pg.psql("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(30)%'", 'app').trim();
    await expect.poll(running, { timeout: 5000 }).toBe('1');
    ctl.abort(new QueryError('cancelled', 'query cancelled'));
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    await expect.poll(running, { timeout: 5000 }).toBe('0');
  });

  it('refuses superusers and file roles, warns about writers', async () => {
    const verdict = async (role: string) => assessRole(await driverFor(role).inspect<RoleRow>(ROLE_SQL));
    expect((await verdict('boss')).refused).toMatch(/superuser/);
    expect((await verdict('filer')).refused).toMatch(/pg_read_server_files/);
    const writer = await verdict('writer');
    expect(writer.refused).toBeUndefined();
    expect(writer.warnings).toEqual([expect.stringMatching(/can write 1 table/)]);
    expect((await verdict('reader')).refused).toBeUndefined();
  });

  it('maps a statement timeout to a timeout', async () => {
    const quick = new PostgresDriver(pg.url('reader', 'pw'), { source: 'quick', timeoutMs: 200, log });
    drivers.push(quick);
    await expect(run(quick, 'SELECT pg_sleep(5)', { kind: 'rows', limit: 1, count: false })).rejects.toMatchObject({ kind: 'timeout' });
  });
});
