/**
 * The acceptance test of replication, as an operator would live through it: the compiled
 * `tailyard serve` replicating with Litestream takes continuous writes to every app (links saved,
 * pastes posted, secrets put, identity-provider clients created, SQL queries logged); tailyard and
 * Litestream are SIGKILLed at once and the data directory is deleted; `tailyard restore
 * --from-replica` rebuilds it elsewhere, the key files kept apart are copied back, and `serve`
 * starts on it, replicating again to the same replica (a failover). Every write acknowledged more
 * than monitor + sync interval before the kill must be there (a SQL query is logged up to 100 ms
 * after its answer: its bound is that much longer), and every audit chain must verify.
 *
 * The loss window is what the kill cost: the time from the oldest write that did not come back to
 * the kill (0 when nothing was lost).
 *
 * @example
 *   const r = await killAndRestore({ replicate: { url, litestream }, loadMs: 4000, killLitestreamMidLoad: true });
 *   expectRecovered(r, 'file replica', url);
 */
import { execFile } from 'node:child_process';
import { copyFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { BIN, freePortArgs, type ServeChild, startServe } from '../faults/serve-child.js';
import { tempDataDir } from './platform.js';
import { gone, replicatorPid } from './replication.js';

const SETEC = { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' };
/** How long after its answer a SQL query reaches the query log (the app's batching). */
const QUERY_LOG_MS = 100;

export interface KillTestOptions {
  /** The `replicate` section (url, litestream, and whatever the store needs). */
  replicate: Record<string, unknown>;
  /**
   * How long the writes go on before the kill, at least; and until at least 60 writes, each app's
   * among them, were acknowledged (a loaded machine is slower: the test waits for writes, not time).
   */
  loadMs: number;
  /** SIGKILL Litestream half way through the load, and carry on once tailyard has started it again. */
  killLitestreamMidLoad?: boolean;
}

/** One acknowledged write. */
export interface Write {
  app: 'links' | 'paste' | 'secrets' | 'idp' | 'sql';
  key: string;
  ackedAt: number;
}

export interface KillTestResult {
  writes: Write[];
  /** Writes older than their bound before the kill that did not come back: must be none. */
  late: Write[];
  /** Writes that did not come back at all (all within the loss window). */
  lost: Write[];
  /** Kill time minus the oldest lost write's acknowledgement (ms; 0 when nothing was lost). */
  lossWindowMs: number;
  /** Monitor + sync interval (ms). */
  boundMs: number;
  /** Replicator restarts seen during the load. */
  restarts: number;
  /** What `tailyard restore` printed. */
  restoreOutput: string;
  /**
   * `tailyard serve` on the restored directory while each key file is still missing (none back,
   * then secrets.key back): it must refuse, naming the missing one.
   */
  keyless: Array<{ missing: string; code: number | null; err: string }>;
  /** `tailyard audit verify` and `tailyard secret audit verify` on the restored directory. */
  verify: { code: number | null; out: string };
  secretVerify: { code: number | null; out: string };
  /** The restored directory (deleted by `cleanup`). */
  restoredDir: string;
  cleanup(): void;
}

/** `--set` flags for a settings object under `prefix`. */
function setFlags(prefix: string, settings: Record<string, unknown>): string[] {
  return Object.entries(settings).flatMap(([k, v]) => ['--set', `${prefix}.${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`]);
}

/** Runs `tailyard …args`. */
export function tailyard(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, TAILYARD_CONFIG: '', ...env }, timeout: 120_000 }, (err, out, errOut) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut });
    });
  });
}

/** The replication part of `/healthz` (undefined while it does not answer). */
async function replicationHealth(admin: string): Promise<{ state: string; restarts: number; databases: Record<string, { lastSyncAt?: string }> } | undefined> {
  try {
    return ((await (await fetch(`${admin}/healthz`)).json()) as { replication: never }).replication;
  } catch {
    return undefined;
  }
}

/**
 * Waits (bounded) until the replicator of the server with admin URL `admin` runs, has been
 * started again `restarts` times, and has uploaded each of its `databases` databases.
 */
export async function replicating(admin: string, o: { restarts?: number; databases?: number } = {}): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await replicationHealth(admin);
    const dbs = Object.values(r?.databases ?? {});
    if (r?.state === 'running' && r.restarts >= (o.restarts ?? 0) && dbs.length === (o.databases ?? 10) && dbs.every((d) => d.lastSyncAt)) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`replication did not come up: ${JSON.stringify(await replicationHealth(admin))}`);
}

/** Flags every server of the test gets: the replica, and limits loose enough for a load. */
function serveArgs(o: KillTestOptions): string[] {
  return [
    ...setFlags('replicate', o.replicate),
    ...setFlags('apps.paste.rateLimit', { perMinute: 1_000_000, burst: 1_000_000 }),
    ...setFlags('apps.idp.registrationRateLimit', { perMinute: 1_000_000, burst: 1_000_000 }),
    ...setFlags('apps.sql', { appSources: ['links'] }),
    '--log-level',
    'warn',
  ];
}

/** Loops of writes to every app until `stop()`; each acknowledged write is recorded. */
function load(urls: Record<string, string>, stopped: () => boolean): { writes: Write[]; done: Promise<void> } {
  const writes: Write[] = [];
  const ok = (app: Write['app'], key: string, res: Response) => {
    if (res.ok) writes.push({ app, key, ackedAt: Date.now() });
  };
  const apps: Array<(i: number) => Promise<void>> = [
    async (i) => ok('links', `kill${i}`, await fetch(`${urls.links}/`, { method: 'POST', headers: { 'Sec-Golink': '1' }, body: new URLSearchParams({ short: `kill${i}`, long: `https://example.com/${i}` }) })),
    async (i) => {
      const res = await fetch(`${urls.paste}/api/post`, { method: 'POST', headers: { Accept: 'application/json' }, body: new URLSearchParams({ content: `kill paste ${i}` }) });
      if (res.ok) ok('paste', ((await res.json()) as { id: string }).id, res);
    },
    async (i) => ok('secrets', `kill/${i}`, await fetch(`${urls.secrets}/api/put`, { method: 'POST', headers: SETEC, body: JSON.stringify({ Name: `kill/${i}`, Value: Buffer.from(`v${i}`).toString('base64') }) })),
    async (i) => ok('idp', `kill${i}`, await fetch(`${urls.idp}/clients/new`, { method: 'POST', body: new URLSearchParams({ name: `kill${i}`, redirect_uri: 'https://rp.example/cb' }) })),
    async (i) => ok('sql', `select ${i} as kill`, await fetch(`${urls.sql}/json?${new URLSearchParams({ q: `select ${i} as kill`, src: 'links' })}`, { headers: { 'Sec-Tailsql': '1' } })),
  ];
  let n = 0;
  const loop = async () => {
    while (!stopped()) {
      const i = n++;
      // Requests in flight at the kill fail: they were never acknowledged.
      await (apps[i % apps.length] as (i: number) => Promise<void>)(i).catch(() => undefined);
    }
  };
  return { writes, done: Promise.all(Array.from({ length: 6 }, loop)).then(() => undefined) };
}

/** How many writes a kill test acknowledges at least before the kill. */
const MIN_WRITES = 60;
/** The suite's apps, in the order `tailyard restore` and `audit verify` list them. */
const APP_IDS: Write['app'][] = ['links', 'paste', 'secrets', 'sql', 'idp'];

/**
 * Waits until `ms` have passed and `count` more writes were acknowledged, every app's among them
 * (bounded: 5 minutes).
 */
async function loadPhase(writes: Write[], ms: number, count: number): Promise<void> {
  const from = writes.length;
  const started = Date.now();
  const enough = () => {
    const fresh = writes.slice(from);
    return fresh.length >= count && APP_IDS.every((app) => fresh.some((w) => w.app === app));
  };
  while (Date.now() - started < ms || !enough()) {
    if (Date.now() - started > 300_000) throw new Error(`only ${writes.length - from} writes acknowledged in 5 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Which of `writes` the server at `urls` on `dataDir` has. */
async function present(urls: Record<string, string>, dataDir: string, writes: Write[]): Promise<Set<Write>> {
  const links = new Set(
    (await (await fetch(`${urls.links}/.export`)).text())
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { Short: string }).Short),
  );
  const secrets = new Set(((await (await fetch(`${urls.secrets}/api/list`, { method: 'POST', headers: SETEC, body: '{}' })).json()) as Array<{ Name: string }>).map((s) => s.Name));
  const clients = new Set(((await (await fetch(`${urls.idp}/clients/`)).json()) as Array<{ client_name: string }>).map((c) => c.client_name));
  const log = new Database(join(dataDir, 'sql.db'), { readonly: true });
  const queries = new Set(log.prepare('SELECT query FROM queries').pluck().all() as string[]);
  log.close();
  const out = new Set<Write>();
  for (const w of writes) {
    const has =
      w.app === 'links'
        ? links.has(w.key)
        : w.app === 'secrets'
          ? secrets.has(w.key)
          : w.app === 'idp'
            ? clients.has(w.key)
            : w.app === 'sql'
              ? queries.has(w.key)
              : (await fetch(`${urls.paste}/paste/${w.key}/raw`)).status === 200;
    if (has) out.add(w);
  }
  return out;
}

/** Runs the test (see the module comment). */
export async function killAndRestore(o: KillTestOptions): Promise<KillTestResult> {
  const keys = mkdtempSync(join(tmpdir(), 'tailyard-keys-'));
  const data = tempDataDir('tailyard-kill-');
  let server: ServeChild | undefined = await startServe({ dataDir: data, args: serveArgs(o) });
  let restored: ServeChild | undefined;
  const restoredDir = tempDataDir('tailyard-restored-');
  const cleanup = () => {
    for (const d of [keys, data, restoredDir]) rmSync(d, { recursive: true, force: true });
  };
  try {
    const admin = server.urls.admin as string;
    await replicating(admin);
    // Kept apart, as an operator keeps them: the idp's key exists once its signing keys do.
    for (const k of ['secrets.key', 'idp.key']) copyFileSync(join(data, k), join(keys, k));

    let stop = false;
    const { writes, done } = load(server.urls, () => stop);
    let restarts = 0;
    if (o.killLitestreamMidLoad) {
      await loadPhase(writes, o.loadMs / 2, MIN_WRITES / 2);
      const pid = replicatorPid(data);
      process.kill(pid, 'SIGKILL');
      await gone(pid);
      await replicating(admin, { restarts: 1 });
      restarts = (await replicationHealth(admin))?.restarts ?? 0;
      await loadPhase(writes, o.loadMs / 2, MIN_WRITES / 2);
    } else {
      await loadPhase(writes, o.loadMs, MIN_WRITES);
    }

    // The machine is lost: both die at once, then the data directory goes.
    const litestream = replicatorPid(data);
    const killedAt = Date.now();
    process.kill(litestream, 'SIGKILL');
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all([server.exited, gone(litestream), done]);
    server = undefined;
    rmSync(data, { recursive: true, force: true });

    const restore = await tailyard(['restore', '--from-replica', String(o.replicate.url), '--data', restoredDir, ...setFlags('replicate', o.replicate)]);
    if (restore.code !== 0) throw new Error(`tailyard restore failed (${restore.code}): ${restore.err}`);
    const keyless: KillTestResult['keyless'] = [];
    for (const k of ['secrets.key', 'idp.key']) {
      keyless.push({ missing: k, ...(await tailyard(['serve', '--data', restoredDir, ...freePortArgs(), ...serveArgs(o)])) });
      copyFileSync(join(keys, k), join(restoredDir, k));
      chmodSync(join(restoredDir, k), 0o600);
    }
    restored = await startServe({ dataDir: restoredDir, args: serveArgs(o) });
    const have = await present(restored.urls, restoredDir, writes);
    const boundMs = Number(o.replicate.monitorIntervalMs ?? 1000) + Number(o.replicate.syncIntervalMs ?? 1000);
    const lost = writes.filter((w) => !have.has(w));
    const late = lost.filter((w) => killedAt - w.ackedAt > boundMs + (w.app === 'sql' ? QUERY_LOG_MS : 0));
    const lossWindowMs = lost.length ? killedAt - Math.min(...lost.map((w) => w.ackedAt)) : 0;
    await restored.stop();
    restored = undefined;
    const verify = await tailyard(['audit', 'verify', '--data', restoredDir]);
    const secretVerify = await tailyard(['secret', 'audit', 'verify', '--data', restoredDir]);
    return { writes, late, lost, lossWindowMs, boundMs, restarts, restoreOutput: restore.err, keyless, verify, secretVerify, restoredDir, cleanup };
  } catch (err) {
    server?.child.kill('SIGKILL');
    await restored?.stop();
    cleanup();
    throw err;
  }
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * What every kill test must find (printing its figures first, labelled `label`): writes to every
 * app, the replicator started again once mid-load, nothing lost that was acknowledged more than
 * the bound before the kill, every database and audit database restored from `url`, a restore
 * entry in each chain, the key files named, and every chain verifying.
 */
export function expectRecovered(r: KillTestResult, label: string, url: string): void {
  process.stdout.write(
    `${label}: ${r.writes.length} writes acknowledged, ${r.lost.length} lost, loss window ${r.lossWindowMs} ms (bound ${r.boundMs} ms), replicator restarted ${r.restarts} time(s) mid-load\n`,
  );
  expect(r.writes.length).toBeGreaterThan(50);
  expect(new Set(r.writes.map((w) => w.app))).toEqual(new Set(APP_IDS));
  expect(r.restarts).toBe(1);
  expect(r.late).toEqual([]);
  expect(r.lossWindowMs).toBeLessThanOrEqual(r.boundMs + QUERY_LOG_MS);
  const names = APP_IDS.flatMap((id) => [`${id}.db`, `${id}.audit.db`]).join(', ');
  expect(r.restoreOutput).toMatch(new RegExp(`^restored ${escaped(names)} from ${escaped(url)}`, 'm'));
  expect(r.restoreOutput).toContain(`appended a restore entry to the audit log of ${APP_IDS.join(', ')}\n`);
  expect(r.restoreOutput).toMatch(/key files are never in a backup or a replica: copy \S+secrets\.key, \S+idp\.key back/);
  expect(r.keyless.map((k) => k.missing)).toEqual(['secrets.key', 'idp.key']);
  for (const k of r.keyless) {
    expect(k.code, k.err).not.toBe(0);
    expect(k.err).toMatch(new RegExp(`key file \\S+${escaped(k.missing)} does not exist, but .* restore that key file`));
  }
  expect(r.verify, r.verify.out).toMatchObject({ code: 0 });
  expect(r.verify.out).toMatch(/\n5 chains ok, 0 broken, 0 apps without an audit log\n$/);
  expect(r.secretVerify, r.secretVerify.out).toMatchObject({ code: 0 });
}
