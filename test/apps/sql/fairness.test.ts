/**
 * The runner pool shared fairly, through HTTP with real callers: with no query timeout
 * (tailsql's default), one caller's endless queries hold at most all runners but one, so another
 * caller's `select 1` still answers; the first caller's waiting queries run once its own finish;
 * and a caller with too many queries waiting is told so (429), without affecting anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { get, q, startSql } from './helpers.js';

const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';
const QUEUE_BOUND = 64;
let t: TestApp;

beforeAll(async () => {
  t = await startSql({ appConfig: { sources: [{ source: 'mem', driver: 'sqlite', url: 'file::memory:' }], sqliteWorkers: 2 } });
});
afterAll(() => t?.cleanup());

/** The pool's gauges, as scraped. */
async function pool(): Promise<{ busy: number; waiting: number }> {
  const text = await t.platform.metrics.registry.metrics();
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? Number.NaN);
  return { busy: value(/^tailyard_sql_sqlite_runners\{state="busy"\} (\d+)$/m), waiting: value(/^tailyard_sql_sqlite_waiting (\d+)$/m) };
}

/** A request the test can walk away from (a client disconnect, which stops its query). */
function request(sql: string) {
  const ctl = new AbortController();
  const res = fetch(t.url + q('/json', sql), { headers: { 'Sec-Tailsql': '1' }, signal: ctl.signal });
  res.catch(() => undefined);
  return { res, leave: () => ctl.abort() };
}

describe('fair shares of the SQLite runners', () => {
  it('answers another caller while one caller’s endless queries wait for each other, then runs the waiting ones', async () => {
    t.as({ login: 'amy@example.com' });
    const first = request(ENDLESS);
    await expect.poll(pool).toEqual({ busy: 1, waiting: 0 });
    const second = request(`${ENDLESS} -- again`);
    const third = request('select 42 as answer');
    await expect.poll(pool).toEqual({ busy: 1, waiting: 2 });

    t.as({ login: 'bob@example.com' });
    for (let i = 0; i < 3; i++) {
      const res = await get(t, q('/json', 'select 1 as one'));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"one":1}\n');
    }
    expect(await pool()).toEqual({ busy: 1, waiting: 2 });

    first.leave();
    await expect.poll(pool).toEqual({ busy: 1, waiting: 1 });
    second.leave();
    const res = await third.res;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"answer":42}\n');
    await expect.poll(pool).toEqual({ busy: 0, waiting: 0 });
  });

  it('answers 429 to a caller with too many queries waiting, and still serves the others', async () => {
    t.as({ login: 'amy@example.com' });
    const held = request(ENDLESS);
    await expect.poll(pool).toEqual({ busy: 1, waiting: 0 });
    const queued = Array.from({ length: QUEUE_BOUND }, (_, i) => request(`select ${i} as n`));
    await expect.poll(pool).toEqual({ busy: 1, waiting: QUEUE_BOUND });
    const refused = await get(t, q('/json', 'select 99'));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe(`${QUEUE_BOUND} of your SQLite queries are already waiting for a runner; let them finish (or cancel them), then try again\n`);

    t.as({ login: 'bob@example.com' });
    expect(await (await get(t, q('/csv', 'select 2 as two'))).text()).toBe('two\n2\n');

    held.leave();
    const answers = await Promise.all(queued.map(async (r) => (await r.res).text()));
    expect(answers).toEqual(Array.from({ length: QUEUE_BOUND }, (_, i) => `{"n":${i}}\n`));
  });
});
