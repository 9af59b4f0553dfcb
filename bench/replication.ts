/**
 * Replication benchmark (issue 20): what Litestream costs the writers, and what a lost machine
 * costs the data.
 *
 * - Write throughput of links (`POST /`, a new link each request) and secrets (`/api/put`, a new
 *   secret each request) with replication to a file replica on, as a ratio to the same apps with
 *   it off, both platforms up in the same run and measured interleaved (goal >= 0.9).
 * - The loss window: writes go to both apps on the replicated platform; Litestream is SIGKILLed
 *   (from the replica's side, the machine is gone: nothing reaches it any more), the replica is
 *   copied at once, restored into an empty directory with `tailyard restore --from-replica`'s
 *   code, and the acknowledged writes missing there are counted. The window is the kill time
 *   minus the oldest missing write's acknowledgement (goal <= 1 s; the configured bound is
 *   monitor + sync interval). Three kills, the replicator started again by the platform between.
 *
 * Litestream v0.5.18 comes from TAILYARD_REPLICATION_BIN, else scripts/build-test-binaries.sh's
 * cache, else `litestream` on PATH. `TAILYARD_BENCH_SECONDS` shortens the load rounds (default 4).
 *
 *   npm run bench -- replication
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { linksApp } from '../src/apps/links/index.js';
import { secretsApp } from '../src/apps/secrets/index.js';
import type { AppDefinition } from '../src/platform/app.js';
import { startPlatform } from '../src/platform/platform.js';
import { checkLitestreamVersion } from '../src/platform/replicate/litestream.js';
import { replicatePaths } from '../src/platform/replicate/paths.js';
import { restoreFromReplica } from '../src/platform/replicate/restore.js';
import { ReplicateSchema } from '../src/platform/replicate/settings.js';
import { benchLogger, compare, fmt, jsonFromChild, type LoadResult } from './load.js';

const root = join(import.meta.dirname, '../..');
const SECONDS = Number(process.env.TAILYARD_BENCH_SECONDS ?? 4);
const SETEC = { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' };
const KILLS = 3;

/** The Litestream binary to run, or undefined when none here is v0.5.18. */
async function findLitestream(): Promise<string | undefined> {
  const candidates: string[] = [];
  if (process.env.TAILYARD_REPLICATION_BIN) candidates.push(join(process.env.TAILYARD_REPLICATION_BIN, 'litestream'));
  try {
    candidates.push(join(execFileSync('bash', [join(root, 'scripts/build-test-binaries.sh'), '--print-replication-dir'], { encoding: 'utf8' }).trim(), 'litestream'));
  } catch {
    // Not built: the cache's directory is printed all the same, with status 2.
  }
  candidates.push('litestream');
  for (const bin of candidates) {
    if (bin !== 'litestream' && !existsSync(bin)) continue;
    try {
      await checkLitestreamVersion(bin);
      return bin;
    } catch {
      // Not v0.5.18: try the next.
    }
  }
  return undefined;
}

/** A platform serving links and secrets on loopback dev ports, replicating to `replicaDir` when given. */
async function startWriters(litestream: string, replicaDir?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tailyard-bench-repl-'));
  const platform = await startPlatform({
    config: {
      dataDir,
      admin: { listen: '127.0.0.1:0' },
      dev: { login: 'bench@localhost' },
      apps: { links: { devPort: 0 }, secrets: { devPort: 0 } },
      ...(replicaDir ? { replicate: { url: `file://${replicaDir}`, litestream } } : {}),
    },
    apps: [linksApp as AppDefinition, secretsApp as AppDefinition],
    log: benchLogger(),
    defaultMetrics: false,
  });
  const url = (id: string) => (platform.urls[id]?.[0] ?? '').replace(/\/$/, '');
  return {
    dataDir,
    admin: platform.adminUrl as string,
    links: url('links'),
    secrets: url('secrets'),
    close: async () => {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let loads = 0;

/** autocannon in its own process, each request a new link or a new secret (unique across the run). */
function writeLoad(kind: 'links' | 'secrets', url: string): Promise<LoadResult> {
  const prefix = `b${process.pid}x${loads++}x`;
  const request =
    kind === 'links'
      ? `{ method: 'POST', path: '/', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Golink': '1' },
          setupRequest: (req) => ({ ...req, body: 'short=${prefix}' + (i++) + '&long=https%3A%2F%2Fexample.com%2F' + i }) }`
      : `{ method: 'POST', path: '/api/put', headers: ${JSON.stringify(SETEC)},
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ Name: 'bench/${prefix}' + (i++), Value: 'dmFsdWU=' }) }) }`;
  const script = `
    import autocannon from 'autocannon';
    let i = 0;
    const r = await autocannon({ url: ${JSON.stringify(url)}, connections: 20, duration: ${SECONDS}, requests: [${request}] });
    process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return jsonFromChild(child) as Promise<LoadResult>;
}

/** Waits (bounded) until the replicator runs, was started `restarts` times, and uploaded every database. */
async function replicating(admin: string, restarts: number): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const h = ((await (await fetch(`${admin}/healthz`)).json()) as { replication?: { state: string; restarts: number; databases: Record<string, { lastSyncAt?: string }> } }).replication;
    const dbs = Object.values(h?.databases ?? {});
    if (h?.state === 'running' && h.restarts >= restarts && dbs.length === 4 && dbs.every((d) => d.lastSyncAt)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('replication did not come up');
}

interface Ack {
  app: 'links' | 'secrets';
  key: string;
  at: number;
}

/** Write loops on both apps until `stopped()`; every acknowledged write is recorded. */
function writeLoops(w: { links: string; secrets: string }, stopped: () => boolean): { acks: Ack[]; done: Promise<void> } {
  const acks: Ack[] = [];
  let n = 0;
  const one = async (i: number) => {
    const key = `loss${i}`;
    const res =
      i % 2 === 0
        ? await fetch(`${w.links}/`, { method: 'POST', headers: { 'Sec-Golink': '1' }, body: new URLSearchParams({ short: key, long: `https://example.com/${i}` }) })
        : await fetch(`${w.secrets}/api/put`, { method: 'POST', headers: SETEC, body: JSON.stringify({ Name: `loss/${key}`, Value: 'dmFsdWU=' }) });
    await res.arrayBuffer();
    if (res.ok) acks.push({ app: i % 2 === 0 ? 'links' : 'secrets', key: i % 2 === 0 ? key : `loss/${key}`, at: Date.now() });
  };
  const loop = async () => {
    while (!stopped()) await one(n++);
  };
  return { acks, done: Promise.all(Array.from({ length: 4 }, loop)).then(() => undefined) };
}

/** Resolves once process `pid` is gone or a zombie (bounded). */
async function gone(pid: number): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) return;
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`litestream (pid ${pid}) did not die`);
}

const pidOf = (dataDir: string) => (JSON.parse(readFileSync(replicatePaths(dataDir).pidfile, 'utf8')) as { pid: number }).pid;

/** One kill: what the replica held at that moment, restored and compared with what was acknowledged. */
async function killOnce(w: Awaited<ReturnType<typeof startWriters>>, replicaDir: string, litestream: string, acks: Ack[]) {
  const pid = pidOf(w.dataDir);
  process.kill(pid, 'SIGKILL');
  const killedAt = Date.now();
  await gone(pid);
  const copy = mkdtempSync(join(tmpdir(), 'tailyard-bench-replica-'));
  const restored = mkdtempSync(join(tmpdir(), 'tailyard-bench-restored-'));
  try {
    cpSync(replicaDir, copy, { recursive: true });
    // The platform starts it again after a backoff of at least 1 s: the copy must predate that.
    if (pidOf(w.dataDir) !== pid) throw new Error('the replicator was started again before the replica was copied');
    await restoreFromReplica({ settings: ReplicateSchema.parse({ url: `file://${copy}`, litestream }), dataDir: restored, appIds: ['links', 'secrets'] });
    const keys = (file: string, sql: string) => {
      const db = new Database(join(restored, file), { readonly: true });
      try {
        return new Set(db.prepare(sql).pluck().all() as string[]);
      } finally {
        db.close();
      }
    };
    const have = { links: keys('links.db', 'SELECT short FROM links'), secrets: keys('secrets.db', 'SELECT name FROM secrets') };
    const acked = acks.filter((a) => a.at <= killedAt);
    const lost = acked.filter((a) => !have[a.app].has(a.key));
    return { acked: acked.length, lost: lost.length, windowMs: lost.length ? killedAt - Math.min(...lost.map((a) => a.at)) : 0 };
  } finally {
    rmSync(copy, { recursive: true, force: true });
    rmSync(restored, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, string | number>> {
  const litestream = await findLitestream();
  if (!litestream) return { skipped: 'no Litestream v0.5.18 here: build it with scripts/build-test-binaries.sh or set TAILYARD_REPLICATION_BIN' };
  const replicaDir = mkdtempSync(join(tmpdir(), 'tailyard-bench-replica-'));
  const off = await startWriters(litestream);
  const on = await startWriters(litestream, replicaDir);
  try {
    await replicating(on.admin, 0);
    const links = await compare(
      () => writeLoad('links', off.links),
      () => writeLoad('links', on.links),
    );
    const secrets = await compare(
      () => writeLoad('secrets', off.secrets),
      () => writeLoad('secrets', on.secrets),
    );

    const windows: Array<{ acked: number; lost: number; windowMs: number }> = [];
    for (let k = 0; k < KILLS; k++) {
      let stop = false;
      const { acks, done } = writeLoops(on, () => stop);
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      windows.push(await killOnce(on, replicaDir, litestream, acks));
      stop = true;
      await done;
      await replicating(on.admin, k + 1);
    }
    const defaults = ReplicateSchema.parse({ url: 'file:///x' });
    return {
      'links writes/s, replication off': Math.round(links.baseline.rps),
      'links writes/s, replication on': Math.round(links.candidate.rps),
      'links on/off ratio (goal >= 0.9)': fmt(links.ratio),
      'links p99 ms off/on': `${Math.round(links.baseline.p99)}/${Math.round(links.candidate.p99)}`,
      'secrets writes/s, replication off': Math.round(secrets.baseline.rps),
      'secrets writes/s, replication on': Math.round(secrets.candidate.rps),
      'secrets on/off ratio (goal >= 0.9)': fmt(secrets.ratio),
      'secrets p99 ms off/on': `${Math.round(secrets.baseline.p99)}/${Math.round(secrets.candidate.p99)}`,
      'write errors (non-2xx must be 0)': [links, secrets].reduce((n, c) => n + c.baseline.errors + c.baseline.non2xx + c.candidate.errors + c.candidate.non2xx, 0),
      'loss window ms, worst of 3 kills (goal <= 1000)': Math.max(...windows.map((w) => w.windowMs)),
      'loss window ms per kill': windows.map((w) => w.windowMs).join(', '),
      'writes lost / acknowledged per kill': windows.map((w) => `${w.lost}/${w.acked}`).join(', '),
      'bound: monitor + sync interval ms': defaults.monitorIntervalMs + defaults.syncIntervalMs,
    };
  } finally {
    await on.close();
    await off.close();
    rmSync(replicaDir, { recursive: true, force: true });
  }
}
