/**
 * The SQLite driver on real files through real runner processes: encoded and row results, the
 * read-only gates inside the runner, and stopping a query that never returns from one step.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../../src/apps/sql/drivers/sqlite/driver.js';
import { SqlitePool } from '../../../src/apps/sql/drivers/sqlite/pool.js';
import { type Chunk, QueryError, type QueryMode, type QueryStream } from '../../../src/apps/sql/drivers/types.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-driver-'));
const file = join(dir, 'main.db');
execFileSync('sqlite3', [file, "create table t (a integer, b text, c real, d blob, e timestamp); insert into t values (9007199254740993, 'x,y', 1e21, x'00ff', '2024-01-02 03:04:05'), (2, null, 0.5, null, 'not a time');"]);
const log = { warn: () => {}, error: () => {} };
const pool = new SqlitePool({ size: 2, log, protectedFiles: [] });
const driver = new SqliteDriver(pool, { path: file, memory: false }, 'main');

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

async function drain(s: QueryStream): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for (let c = await s.next(); c; c = await s.next()) out.push(c);
  return out;
}

function run(sql: string, mode: QueryMode, signal = new AbortController().signal) {
  return driver.query({ sql, mode, maxRows: 0, signal, deadline: 0 });
}

describe('SqliteDriver', () => {
  beforeAll(async () => {
    await drain(await run('select 1', { kind: 'rows', limit: 1, count: false }));
  });

  it('encodes CSV in the runner, with exact integers, %v floats and driver times', async () => {
    const s = await run('select * from t order by rowid', { kind: 'encode', format: 'csv' });
    const text = (await drain(s)).map((c) => (c.kind === 'text' ? c.text : '')).join('');
    expect(text).toBe('a,b,c,d,e\n9007199254740993,"x,y",1e+21,AP8,2024-01-02T03:04:05Z\n2,,0.5,,not a time\n');
    expect(s.summary).toMatchObject({ rows: 2, truncated: false });
  });

  it('returns typed rows, says when more exist and counts the rest', async () => {
    const s = await run('select a, d from t order by rowid', { kind: 'rows', limit: 1, count: true });
    const chunks = await drain(s);
    const rows = chunks.flatMap((c) => (c.kind === 'rows' ? c.rows : []));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe(9007199254740993n);
    expect(rows[0]?.[1]).toBeInstanceOf(Uint8Array);
    expect(Array.from(rows[0]?.[1] as Uint8Array)).toEqual([0, 255]);
    expect(s.summary).toEqual({ rows: 1, truncated: true, total: 2 });
    expect(s.columns).toEqual([{ name: 'a', type: 'INTEGER' }, { name: 'd', type: 'BLOB' }]);
  });

  it('refuses writes inside the runner too, with tailsql-style database errors otherwise', async () => {
    await expect(run('delete from t', { kind: 'rows', limit: 1, count: false })).rejects.toMatchObject({ kind: 'refused' });
    await expect(run('select * from nope', { kind: 'rows', limit: 1, count: false })).rejects.toMatchObject({
      kind: 'database',
      message: 'SQL logic error: no such table: nope (1)',
    });
  });

  it('stops a query stuck in one endless step by killing its runner, and keeps serving', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new QueryError('timeout', 'query timed out')), 300);
    const stuck = run('with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c', { kind: 'rows', limit: 1, count: false }, ctl.signal);
    await expect(stuck.then(drain)).rejects.toMatchObject({ kind: 'timeout' });
    const s = await run('select count(*) from t', { kind: 'rows', limit: 5, count: false });
    expect(await drain(s)).toEqual([{ kind: 'rows', rows: [[2n]] }]);
    expect(pool.size).toBeLessThanOrEqual(2);
  });

  it('reads the schema: tables, columns with types, indexes', async () => {
    const schema = await driver.schema(new AbortController().signal);
    expect(schema[0]).toMatchObject({ name: 't', kind: 'table', columns: [{ name: 'a', type: 'INTEGER' }, { name: 'b' }, { name: 'c' }, { name: 'd' }, { name: 'e', type: 'timestamp' }], indexes: [] });
  });
});
