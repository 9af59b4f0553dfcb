/**
 * The SQLite runner pool with real runner processes: fair shares between callers (one caller's
 * endless queries leave a runner for everyone else, its extra requests wait their turn in a
 * bounded queue), pipelining (a caller's requests queued in its runner, answered in order; the
 * ones behind a stopped or dead query sent elsewhere, a given-up one never run), and flow control (a reader that stops reading stops the runner, which is
 * blocked in its write, not piling the answer up in the parent; reading again finishes it).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../../src/apps/sql/drivers/sqlite/driver.js';
import { HIGH_WATER } from '../../../src/apps/sql/drivers/sqlite/job.js';
import { SqlitePool } from '../../../src/apps/sql/drivers/sqlite/pool.js';
import { MAX_TEXT_FRAME } from '../../../src/apps/sql/drivers/sqlite/protocol.js';
import { type Chunk, QueryError, type QueryMode, type QueryStream } from '../../../src/apps/sql/drivers/types.js';

const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';
const ROWS = 'with recursive c(i) as (select 1 union all select i + 1 from c where i < 10000) select i, printf(\'%.*c\', 10000, \'x\') as v from c';
const log = { warn: () => {}, error: () => {} };
const pools: SqlitePool[] = [];

afterAll(() => Promise.all(pools.map((p) => p.close())));

function setup(size: number, queuedPerCaller?: number) {
  const pool = new SqlitePool({ size, log, protectedFiles: [], queuedPerCaller });
  pools.push(pool);
  const driver = new SqliteDriver(pool, { path: '', memory: true }, 'mem');
  const run = (owner: string, sql: string, signal = new AbortController().signal, mode: QueryMode = { kind: 'rows', limit: 10, count: false }) =>
    driver.query({ sql, mode, maxRows: 0, signal, deadline: 0, owner });
  return { pool, run };
}

async function rowsOf(s: QueryStream): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (let c = await s.next(); c; c = await s.next()) if (c.kind === 'rows') out.push(...c.rows);
  return out;
}

const stop = (ctl: AbortController) => ctl.abort(new QueryError('cancelled', 'query cancelled'));

describe('fair shares of the runners', () => {
  it('leaves a runner for another caller while one caller’s queries never end, and runs the waiting ones after', async () => {
    const { pool, run } = setup(2);
    const a1 = new AbortController();
    // (An endless aggregate sends nothing, not even its header, until it ends: nothing to await.)
    const endless = run('amy', ENDLESS, a1.signal);
    await expect.poll(() => pool.stats().busy).toBe(1);
    const a2 = run('amy', 'select 42');
    await expect.poll(() => pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    // bob gets the runner amy may not take, as often as he asks.
    for (const n of [1, 2, 3]) expect(await rowsOf(await run('bob', `select ${n}`))).toEqual([[BigInt(n)]]);
    expect(pool.stats()).toMatchObject({ runners: 2, busy: 1, queued: 1 });
    stop(a1);
    await expect(endless).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await rowsOf(await a2)).toEqual([[42n]]);
    expect(pool.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('keeps runners alive across queries (one process answers one caller’s queries in turn)', async () => {
    const { pool, run } = setup(2);
    for (const n of [1, 2, 3, 4]) expect(await rowsOf(await run('amy', `select ${n}`))).toEqual([[BigInt(n)]]);
    expect(pool.pids()).toHaveLength(1);
  });

  it('answers 429-class "throttled" when a caller has too many requests waiting, and forgets one whose caller left', async () => {
    const { pool, run } = setup(2, 2);
    const a1 = new AbortController();
    const endless = run('amy', ENDLESS, a1.signal);
    await expect.poll(() => pool.stats().busy).toBe(1);
    const left = new AbortController();
    const gaveUp = run('amy', 'select 1', left.signal);
    const waiting = run('amy', 'select 2');
    await expect.poll(() => pool.stats().queued).toBe(2);
    await expect(run('amy', 'select 3')).rejects.toMatchObject({ kind: 'throttled', message: expect.stringContaining('2 of your SQLite queries are already waiting') });
    stop(left);
    await expect(gaveUp).rejects.toMatchObject({ kind: 'cancelled' });
    expect(pool.stats().queued).toBe(1);
    stop(a1);
    await expect(endless).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await rowsOf(await waiting)).toEqual([[2n]]);
  });
});

describe('pipelining', () => {
  it('answers many concurrent queries of one caller in order, each its own, from one runner', async () => {
    const { pool, run } = setup(2);
    const answers = await Promise.all(Array.from({ length: 40 }, async (_, i) => rowsOf(await run('amy', `select ${i}, 'q${i}'`))));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => [[BigInt(i), `q${i}`]]));
    expect(pool.pids()).toHaveLength(1);
    expect(pool.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('sends the queries queued behind a stopped one to a new runner, and never runs one given up while it waited', async () => {
    const { pool, run } = setup(2);
    const a1 = new AbortController();
    const endless = run('amy', ENDLESS, a1.signal);
    await expect.poll(() => pool.stats().busy).toBe(1);
    const [first] = pool.pids();
    const left = new AbortController();
    // Given up while queued: were it run, it would hold the new runner for ever.
    const gaveUp = run('amy', `${ENDLESS} -- never`, left.signal);
    const behind = run('amy', 'select 5');
    await expect.poll(() => pool.stats().queued).toBe(2);
    stop(left);
    await expect(gaveUp).rejects.toMatchObject({ kind: 'cancelled' });
    stop(a1);
    await expect(endless).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await rowsOf(await behind)).toEqual([[5n]]);
    expect(pool.pids()).not.toContain(first);
    expect(await rowsOf(await run('amy', 'select 6'))).toEqual([[6n]]);
    expect(pool.stats()).toMatchObject({ runners: 1, busy: 0, queued: 0 });
  });

  it('a runner killed from outside fails the query it was on; the ones queued behind it run on another', async () => {
    const { pool, run } = setup(2);
    const endless = run('amy', ENDLESS);
    await expect.poll(() => pool.stats().busy).toBe(1);
    const behind = [run('amy', 'select 1'), run('amy', 'select 2')];
    await expect.poll(() => pool.stats().queued).toBe(2);
    process.kill(pool.pids()[0] as number, 'SIGKILL');
    await expect(endless).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('the SQLite runner stopped (SIGKILL)') });
    expect(await Promise.all(behind.map(async (b) => rowsOf(await b)))).toEqual([[[1n]], [[2n]]]);
  });
});

describe('flow control with a real runner', () => {
  /** The runner process's state letter (R running, S sleeping: blocked in its write). */
  const stateOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];

  it('a reader that stops stops the runner, with the parent holding about a megabyte; reading again gets all 100 MB', async () => {
    const { pool, run } = setup(1);
    const s = await run('amy', ROWS, undefined, { kind: 'encode', format: 'csv' });
    const first = (await s.next()) as Chunk;
    expect(first.kind).toBe('text');
    await expect.poll(() => pool.stats().paused).toBe(1);
    const [pid] = pool.pids();
    await expect.poll(() => stateOf(pid as number)).toBe('S');
    expect(pool.stats().buffered).toBeLessThan(HIGH_WATER + MAX_TEXT_FRAME + 256 * 1024);
    let bytes = first.kind === 'text' ? first.text.length : 0;
    for (let c = await s.next(); c; c = await s.next()) bytes += c.kind === 'text' ? c.text.length : 0;
    expect(bytes).toBe('i,v\n'.length + Array.from({ length: 10_000 }, (_, i) => `${i + 1},`.length + 10_001).reduce((a, b) => a + b));
    expect(s.summary).toMatchObject({ rows: 10_000, truncated: false });
  });

  it('a stopped query whose reader had stopped reading is killed, and the pool serves on', async () => {
    const { pool, run } = setup(1);
    const ctl = new AbortController();
    const s = await run('amy', ROWS, ctl.signal, { kind: 'encode', format: 'csv' });
    await s.next();
    await expect.poll(() => pool.stats().paused).toBe(1);
    const [pid] = pool.pids();
    stop(ctl);
    await expect(s.next()).rejects.toMatchObject({ kind: 'cancelled' });
    await expect.poll(() => pool.pids()).not.toContain(pid);
    expect(await rowsOf(await run('amy', 'select 7'))).toEqual([[7n]]);
  });
});
