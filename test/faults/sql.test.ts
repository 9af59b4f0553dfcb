/**
 * Fault injection on the SQL console's sources, against the real `tailyard serve` in a child
 * process with every app: per driver, the database side dies under a query in flight (the
 * PostgreSQL backend terminated from the console as issue 16 did it, and by a DBA mid-export; the
 * PostgreSQL server restarted; a SQLite runner SIGKILLed) or the client leaves half-way through a
 * streaming export. After each: tailyard is alive, every other app answers, the query in flight
 * got a clear 503 naming the source (or, once the answer was streaming, a cut connection), and
 * the next query on that source succeeds at once. Waits are for events (a backend seen running,
 * a runner seen busy, a process gone), never for time. What each fault cost is printed.
 */
import { writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/platform.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.js';
import { everyAppAnswers, FaultCosts, seen } from './checks.js';
import { childPids, processInfo, type ServeChild, startServe } from './serve-child.js';

const pgEnabled = postgresAvailable('the PostgreSQL fault-injection tests');
const costs = new FaultCosts();

/** Counts to a billion: busy in one `sqlite3_step` for minutes, so it is surely in flight. */
const ENDLESS_SQLITE = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c';
const ENDLESS_SQLITE_ROWS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x, printf('%.200c', 'x') FROM c";
/** In the select list, not FROM: a set-returning function in FROM is materialised before the first row. */
const ENDLESS_PG_ROWS = "SELECT generate_series(1, 1000000000) AS g, repeat('x', 200) AS pad";

describe('the SQL console survives its sources failing under a query', () => {
  let serve: ServeChild;
  let pg: TestPostgres | undefined;

  const url = (route: string, sql: string, src: string) => `${serve.urls.sql}${route}?${new URLSearchParams({ q: sql, src })}`;
  const query = (sql: string, src: string, route = '/json') => fetch(url(route, sql, src), { headers: { 'Sec-Tailsql': '1' } });
  async function answers(sql: string, src: string): Promise<void> {
    const res = await query(sql, src);
    expect(res.status, await res.clone().text()).toBe(200);
    await res.arrayBuffer();
  }

  const runners = () => childPids(serve.pid).filter((p) => processInfo(p)?.cmdline.includes('runner'));
  /** The SQLite runner that is executing (state R): the one running the endless query. */
  const busyRunner = () => runners().find((p) => processInfo(p)?.state === 'R');

  /** GETs `path` and resolves once the first bytes of the body arrived (the answer is streaming). */
  function streaming(path: string): Promise<{ res: IncomingMessage; cut: () => void; outcome: Promise<string> }> {
    return new Promise((resolve, reject) => {
      const req = httpGet(path, { headers: { 'Sec-Tailsql': '1' } }, (res) => {
        const outcome = new Promise<string>((done) => {
          res.on('end', () => done(res.complete ? 'complete' : 'connection cut'));
          res.on('error', (err) => done(`connection cut (${err.message})`));
        });
        res.once('data', () => {
          res.resume();
          resolve({ res, cut: () => req.destroy(), outcome });
        });
      });
      req.on('error', reject);
    });
  }

  beforeAll(async () => {
    const dir = tempDataDir('tailyard-faults-sql-');
    const lite = new Database(join(dir, 'lite.db'));
    lite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b')");
    lite.close();
    const sources: unknown[] = [{ source: 'lite', driver: 'sqlite', url: `file:${join(dir, 'lite.db')}?mode=ro` }];
    if (pgEnabled) {
      pg = await startPostgres();
      pg.psql("CREATE TABLE t (id int PRIMARY KEY, name text); INSERT INTO t VALUES (1, 'a'); CREATE ROLE reader LOGIN PASSWORD 'pw'; GRANT SELECT ON t TO reader;", 'app');
      sources.push({ source: 'main', driver: 'postgres', url: pg.url('reader', 'pw') });
    }
    const config = join(dir, 'tailsql.hujson');
    writeFileSync(config, JSON.stringify({ sources }));
    serve = await startServe({ args: ['--sql-config', config] });
  }, 120_000);

  afterAll(async () => {
    costs.print('SQL console sources');
    await serve?.stop();
    await pg?.stop();
  }, 60_000);

  describe('SQLite', () => {
    it('a runner SIGKILLed mid-query: that query gets a 503 naming the source, the next one runs', async () => {
      await answers('SELECT count(*) FROM t', 'lite');
      const inflight = seen(query(ENDLESS_SQLITE, 'lite'));
      await expect.poll(busyRunner, { timeout: 15_000, interval: 20 }).toBeDefined();
      const started = performance.now();
      process.kill(busyRunner() as number, 'SIGKILL');
      const answer = await inflight;
      expect(answer).toEqual({ status: 503, body: 'SQLite source "lite" lost its query: the SQLite runner stopped (SIGKILL); try again' });
      await answers('SELECT count(*) FROM t', 'lite');
      costs.record('SQLite runner SIGKILLed mid-query', answer, performance.now() - started);
      await everyAppAnswers(serve);
    });

    it('a client leaving half-way through an export: its runner is stopped, the next query runs', async () => {
      const { cut, outcome } = await streaming(url('/csv', ENDLESS_SQLITE_ROWS, 'lite'));
      // One of them is streaming the export (blocked on its pipe, so not necessarily running).
      const alive = runners();
      const started = performance.now();
      cut();
      expect(await outcome).toMatch(/connection cut/);
      await expect.poll(() => alive.some((p) => processInfo(p) === undefined), { timeout: 15_000, interval: 20 }).toBe(true);
      await answers('SELECT count(*) FROM t', 'lite');
      costs.record('client left half-way through a SQLite export', { status: 'client closed', body: '(the export is stopped: its runner is killed)' }, performance.now() - started);
      await everyAppAnswers(serve);
    });
  });

  describe.skipIf(!pgEnabled)('PostgreSQL', () => {
    const active = (like: string) =>
      (pg as TestPostgres).psql(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tailyard-sql' AND state = 'active' AND query LIKE '${like}'`, 'app').trim();

    it('the backend terminated from the console (issue 16): a 503 naming the source, the process stays, the next query reconnects', async () => {
      await answers('SELECT 1', 'main');
      const inflight = seen(query('SELECT pg_sleep(60)', 'main'));
      await expect.poll(() => active('SELECT pg_sleep(60)%'), { timeout: 15_000, interval: 20 }).toBe('1');
      const started = performance.now();
      // As the issue did it: the same role may end its own other sessions (idle pooled ones too).
      await answers('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = current_user AND pid <> pg_backend_pid()', 'main');
      const answer = await inflight;
      expect(answer).toEqual({ status: 503, body: 'PostgreSQL source "main" lost its connection (terminated by administrator); try again' });
      await answers('SELECT name FROM t', 'main');
      costs.record('PostgreSQL backend terminated by the console user (pg_terminate_backend)', answer, performance.now() - started);
      await everyAppAnswers(serve);
      await answers('SELECT count(*) FROM t', 'lite');
    });

    it('the backend terminated by a DBA while an export streams: the answer is cut, the process stays, the next query reconnects', async () => {
      const { outcome } = await streaming(url('/csv', ENDLESS_PG_ROWS, 'main'));
      const started = performance.now();
      (pg as TestPostgres).psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tailyard-sql' AND query LIKE 'SELECT generate_series%'", 'app');
      const answer = await outcome;
      expect(answer).toMatch(/connection cut/);
      await answers('SELECT name FROM t', 'main');
      costs.record('PostgreSQL backend terminated by a DBA mid-export', { status: 200, body: `then ${answer}` }, performance.now() - started);
      await everyAppAnswers(serve);
    });

    it('a client leaving half-way through an export: the backend stops running it, the next query runs', async () => {
      const { cut, outcome } = await streaming(url('/csv', ENDLESS_PG_ROWS, 'main'));
      const started = performance.now();
      cut();
      expect(await outcome).toMatch(/connection cut/);
      await expect.poll(() => active('SELECT generate_series%'), { timeout: 15_000, interval: 20 }).toBe('0');
      await answers('SELECT name FROM t', 'main');
      costs.record('client left half-way through a PostgreSQL export', { status: 'client closed', body: '(the backend stops: cancel request, connection discarded)' }, performance.now() - started);
      await everyAppAnswers(serve);
    });

    it('PostgreSQL restarted under a query: a 503 while it is down, the first query after it is back succeeds', async () => {
      const server = pg as TestPostgres;
      await answers('SELECT 1', 'main');
      const inflight = seen(query('SELECT pg_sleep(60)', 'main'));
      await expect.poll(() => active('SELECT pg_sleep(60)%'), { timeout: 15_000, interval: 20 }).toBe('1');
      const started = performance.now();
      server.halt();
      const answer = await inflight;
      expect(answer).toEqual({ status: 503, body: 'PostgreSQL source "main" lost its connection (terminated by administrator); try again' });
      const down = await seen(query('SELECT 1', 'main'));
      expect(down).toEqual({ status: 503, body: 'PostgreSQL source "main" is unreachable (connection refused); try again' });
      await everyAppAnswers(serve);
      await answers('SELECT count(*) FROM t', 'lite');
      server.resume();
      const back = performance.now();
      await answers('SELECT name FROM t', 'main');
      const done = performance.now();
      costs.record('PostgreSQL restarted mid-query (pg_ctl stop -m fast, start)', answer, done - started, `of which ${Math.round(done - back)} ms after PostgreSQL was back`);
      costs.record('a query while PostgreSQL is down', down, done - back, 'after PostgreSQL was back');
    });
  });
});

describe('a SQLite runner in a long query when tailyard itself is SIGKILLed', () => {
  it('dies with it: the kernel kills it (setpriv --pdeathsig), it does not count on for ever', async () => {
    const dir = tempDataDir('tailyard-faults-orphan-');
    const lite = new Database(join(dir, 'lite.db'));
    lite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    lite.close();
    const config = join(dir, 'tailsql.hujson');
    writeFileSync(config, JSON.stringify({ sources: [{ source: 'lite', driver: 'sqlite', url: `file:${join(dir, 'lite.db')}?mode=ro` }] }));
    const serve = await startServe({ args: ['--sql-config', config] });
    try {
      const inflight = fetch(`${serve.urls.sql}/json?${new URLSearchParams({ q: ENDLESS_SQLITE, src: 'lite' })}`, { headers: { 'Sec-Tailsql': '1' } });
      inflight.catch(() => undefined);
      const busy = () => childPids(serve.pid).find((p) => processInfo(p)?.cmdline.includes('runner') && processInfo(p)?.state === 'R');
      await expect.poll(busy, { timeout: 15_000, interval: 20 }).toBeDefined();
      const runner = busy() as number;
      process.kill(serve.pid, 'SIGKILL');
      await serve.exited;
      // Gone, or a zombie waiting for init to reap it.
      await expect.poll(() => processInfo(runner)?.state ?? 'gone', { timeout: 15_000, interval: 20 }).toMatch(/^(gone|Z)$/);
    } finally {
      if (serve.alive()) await serve.stop();
    }
  }, 60_000);
});
