/**
 * SQL console benchmark, each figure a ratio to a baseline measured in the same run:
 *
 * - CSV export of 1 000 000 rows × 5 columns from SQLite: time to receive the whole `/csv` body
 *   over loopback against `sqlite3 -csv FILE QUERY >/dev/null` on the same file and query
 *   (goal ≥ 0.5, as baseline time / console time);
 * - the same from PostgreSQL against `psql --csv -c QUERY >/dev/null` (goal ≥ 0.5; skipped
 *   with a note when PostgreSQL is not installed);
 * - peak RSS growth of tailyard (this process plus the SQLite runner processes) during the
 *   SQLite export (goal < 50 MB);
 * - a small `/json` query's requests per second against the platform's trivial handler
 *   (goal ≥ 0.3);
 * - tailsql's request shapes against real tailsql (`sql-tailsql.ts`; also alone:
 *   `npm run bench -- sql-tailsql`).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqlApp } from '../src/apps/sql/index.js';
import type { AppDefinition } from '../src/platform/app.js';
import { type RunningPlatform, startPlatform } from '../src/platform/platform.js';
import { postgresBinDir, startPostgres, type TestPostgres } from '../test/support/postgres.js';
import { whoamiApp } from '../test/support/whoami-app.js';
import { benchLogger, compare, fmt, load, rssMiB } from './load.js';
import { tailsqlShapes } from './sql-tailsql.js';

const ROWS = 1_000_000;
const QUERY = 'select id, name, score, big, note from t order by id';
const ROUNDS = 3;

function makeSqlite(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, big INTEGER, note TEXT)');
  db.exec(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${ROWS})
    INSERT INTO t SELECT i, 'user ' || i, i * 0.25, i * 1000003, CASE WHEN i % 10 = 0 THEN 'has, a comma' ELSE 'plain' END FROM c`);
  db.close();
}

/** Milliseconds a command takes with stdout to /dev/null. */
function timeCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const devnull = openSync('/dev/null', 'w');
  const start = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', devnull, 'pipe'], env });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      closeSync(devnull);
      if (code === 0) resolve(performance.now() - start);
      else reject(new Error(`${cmd} exited ${code}: ${err}`));
    });
  });
}

/** Milliseconds to receive the whole body of `url` (discarded), and its size. */
function timeDownload(url: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Sec-Tailsql': '1' } }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve({ ms: performance.now() - start, bytes }) : reject(new Error(`status ${res.statusCode}`))));
    }).on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Alternates baseline and candidate; returns the median of each (ms). */
async function exportRatio(baseline: () => Promise<number>, candidate: () => Promise<number>) {
  const times: Array<[number, number]> = [];
  // Round 0 warms up the caches and the JIT and is not counted.
  for (let round = 0; round <= ROUNDS; round++) times.push([await baseline(), await candidate()]);
  const b = median(times.slice(1).map(([x]) => x));
  const c = median(times.slice(1).map(([, y]) => y));
  return { baseline: b, candidate: c, ratio: b / c };
}

/** Samples this process's and the SQLite runners' RSS while `work` runs; returns the peak growth. */
async function peakRssGrowth(pids: () => number[], work: () => Promise<unknown>): Promise<number> {
  const total = async () => {
    let sum = await rssMiB('self');
    for (const pid of pids()) sum += await rssMiB(pid).catch(() => 0);
    return sum;
  };
  const before = await total();
  let peak = before;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await total());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await work();
  running = false;
  await sampler;
  return peak - before;
}

async function start(dataDir: string, sources: unknown[]): Promise<{ platform: RunningPlatform; url: string }> {
  const platform = await startPlatform({
    config: { dataDir, admin: { enabled: false }, dev: { login: 'bench@localhost' }, apps: { sql: { devPort: 0, sources }, whoami: { devPort: 0 } } },
    apps: [sqlApp as AppDefinition, whoamiApp],
    log: benchLogger(),
  });
  return { platform, url: (platform.urls.sql?.[0] ?? '').replace(/\/$/, '') };
}

async function makePostgres(): Promise<TestPostgres> {
  const pg = await startPostgres();
  try {
    pg.psql(`CREATE TABLE t (id int8 PRIMARY KEY, name text, score float8, big int8, note text);
      INSERT INTO t SELECT i, 'user ' || i, i * 0.25, i * 1000003::int8, CASE WHEN i % 10 = 0 THEN 'has, a comma' ELSE 'plain' END FROM generate_series(1, ${ROWS}) i;
      CREATE ROLE reader LOGIN PASSWORD 'pw'; GRANT SELECT ON t TO reader;`, 'app');
    pg.psql('VACUUM ANALYZE t', 'app');
    return pg;
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

export function run(): Promise<Record<string, string | number>> {
  return withConsole(true, async (dir, file, url, platform, pg) => ({
    ...(await measure(file, url, platform, pg)),
    ...(await tailsqlShapes(dir, file, url)),
  }));
}

/** Only tailsql's request shapes (`npm run bench -- sql-tailsql`). */
export function runShapes(): Promise<Record<string, string | number>> {
  return withConsole(false, (dir, file, url) => tailsqlShapes(dir, file, url));
}

async function withConsole(
  withPostgres: boolean,
  fn: (dir: string, file: string, url: string, platform: RunningPlatform, pg: TestPostgres | undefined) => Promise<Record<string, string | number>>,
): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'tailyard-bench-sql-'));
  let pg: TestPostgres | undefined;
  let platform: RunningPlatform | undefined;
  try {
    const file = join(dir, 'big.db');
    makeSqlite(file);
    const sources: unknown[] = [{ source: 'main', driver: 'sqlite', url: `file:${file}?mode=ro` }];
    if (withPostgres && postgresBinDir()) {
      pg = await makePostgres();
      sources.push({ source: 'pg', driver: 'postgres', url: pg.url('reader', 'pw') });
    }
    const started = await start(join(dir, 'data'), sources);
    platform = started.platform;
    return await fn(dir, file, started.url, platform, pg);
  } finally {
    await platform?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(file: string, url: string, platform: RunningPlatform, pg: TestPostgres | undefined): Promise<Record<string, string | number>> {
  const csvUrl = (src: string) => `${url}/csv?${new URLSearchParams({ q: QUERY, src })}`;
  const figures: Record<string, string | number> = {};
  {
    const sqlite = await exportRatio(
      () => timeCommand('sqlite3', ['-csv', file, QUERY]),
      async () => (await timeDownload(csvUrl('main'))).ms,
    );
    figures['sqlite CSV export 1M×5: sqlite3 -csv ms / console ms'] = `${Math.round(sqlite.baseline)} / ${Math.round(sqlite.candidate)}`;
    figures['sqlite export ratio (goal >= 0.5)'] = fmt(sqlite.ratio);
    figures['peak RSS growth during the sqlite export, MB (goal < 50)'] = fmt(await peakRssGrowth(runnerPids, () => timeDownload(csvUrl('main'))), 1);
    if (pg) {
      const env = { ...process.env, PGPASSWORD: 'pw' };
      const pgRatio = await exportRatio(
        () => timeCommand('psql', ['--csv', '-X', '-h', '127.0.0.1', '-p', String(pg?.port), '-U', 'reader', '-d', 'app', '-c', QUERY], env),
        async () => (await timeDownload(csvUrl('pg'))).ms,
      );
      figures['postgres CSV export 1M×5: psql --csv ms / console ms'] = `${Math.round(pgRatio.baseline)} / ${Math.round(pgRatio.candidate)}`;
      figures['postgres export ratio (goal >= 0.5)'] = fmt(pgRatio.ratio);
      figures['peak RSS growth during the postgres export, MB (goal < 50)'] = fmt(await peakRssGrowth(() => [], () => timeDownload(csvUrl('pg'))), 1);
    } else {
      figures['postgres export ratio (goal >= 0.5)'] = 'skipped: PostgreSQL is not installed';
    }
    const whoami = (platform.urls.whoami?.[0] ?? '').replace(/\/$/, '');
    const small = await compare(
      () => load(whoami, { path: '/' }),
      () => load(url, { path: `/json?${new URLSearchParams({ q: 'select id, name from t where id = 42', src: 'main' })}`, headers: { 'Sec-Tailsql': '1' } }),
    );
    figures['small /json query rps'] = Math.round(small.candidate.rps);
    figures['platform trivial handler rps'] = Math.round(small.baseline.rps);
    figures['/json / trivial ratio (goal >= 0.3)'] = fmt(small.ratio);
    figures['/json p50/p99 ms'] = `${small.candidate.p50}/${small.candidate.p99}`;
    figures['/json errors (must be 0)'] = small.candidate.errors + small.candidate.non2xx;
  }
  return figures;
}

/** The SQLite runner processes: children of this process running runner.js. */
function runnerPids(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === process.pid && cmd.includes('runner')) out.push(Number(entry));
    } catch {
      // The process went away between listing and reading.
    }
  }
  return out;
}
