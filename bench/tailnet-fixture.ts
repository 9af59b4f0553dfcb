/**
 * The tailnet bench's moving parts, each started the way users (or upstream) would run it:
 *   - tailyard platforms in processes of their own (`tailnet-platform.ts`), in managed mode, so
 *     their resident memory and their tailscaleds' can be read from /proc;
 *   - a bare PROXY backend on its own node, in this process (the baseline: no identity at all);
 *   - setec's own server package behind `bench/setec-upstream` (built by
 *     scripts/build-setec-upstream.sh) on its own node, for the upstream comparison.
 *
 * @example
 *   const p = await startPlatformProcess({ dir, name: 'cached', hs, appKey, binDir, whoisCacheMs: 1000 });
 *   p.memory(); // { node: { rss: 130_000, pss: 120_000, anon: 90_000 }, tailscaled: { links: {...}, ... } } (kB)
 *   await p.stop();
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LinkStore } from '../src/apps/links/store.js';
import { migrations } from '../src/apps/links/schema.js';
import { initLocalKek } from '../src/apps/secrets/rotate.js';
import { silentLogger } from '../src/platform/logging.js';
import { appDatabasePath, openAppDatabase } from '../src/platform/storage.js';
import { ProxiedBackend } from '../src/platform/tailnet/backend.js';
import { ManagedNode } from '../src/platform/tailnet/managed/node.js';
import { buildServeConfig, installServeConfig } from '../src/platform/tailnet/managed/serve-config.js';
import { prepareNodeDirs } from '../src/platform/tailnet/managed/tailscaled.js';
import { type Headscale, TEST_TS_ENV, freeTcpPort } from '../test/tailnet/harness.js';
import type { PlatformReady } from './tailnet-platform.js';

/** The grant names the bench tailnet uses (Headscale refuses `tailscale.com/cap/*` but tsidp's). */
export function benchCapName(appId: string): string | undefined {
  return appId === 'idp' ? undefined : `example.com/cap/${appId}`;
}

/** Links in every bench platform's links database: `link0` … `link{n-1}`. */
export const LINKS = 10_000;

function seedLinks(dataDir: string): void {
  const db = openAppDatabase(appDatabasePath(dataDir, 'links'), migrations);
  const store = new LinkStore(db);
  store.transaction(() => {
    for (let i = 0; i < LINKS; i++) store.save({ short: `link${i}`, long: `https://example.com/docs/${i}`, owner: 'alice@example.com' }, 'bench');
  });
  db.close();
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; `'self'` is
 * this process (every thread).
 */
export function cpuMs(pid: number | 'self'): number {
  if (pid === 'self') {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** `getconf CLK_TCK`: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/**
 * A process's memory in kB from /proc/<pid>/smaps_rollup: resident (RSS), its proportional share
 * (PSS: pages shared with other processes, such as the tailscaled binary's text that every
 * tailscaled maps, count once across them), and anonymous (private heap and stacks).
 */
export function memKb(pid: number): { rss: number; pss: number; anon: number } {
  try {
    const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
    return { rss: field('Rss'), pss: field('Pss'), anon: field('Anonymous') };
  } catch {
    return { rss: 0, pss: 0, anon: 0 };
  }
}

export type Mem = ReturnType<typeof memKb>;

export interface PlatformProcess {
  /** The node process. */
  pid: number;
  ready: PlatformReady;
  /** Memory (kB) of the node process and of each app's tailscaled. */
  memory(): { node: Mem; tailscaled: Record<string, Mem> };
  stop(): Promise<void>;
}

export interface PlatformProcessOptions {
  dir: string;
  name: string;
  hs: Headscale;
  authKey: string;
  binDir: string;
  whoisCacheMs?: number;
  /** App id → tailnet hostname; apps not listed are disabled. Default: every app, default names. */
  hostnames?: Record<string, string>;
  /** Extra `tailnet` settings (e.g. the Go memory knobs). */
  tailnet?: Record<string, unknown>;
  allAppIds: string[];
}

/** Starts a managed-mode tailyard in a child process; resolves once every node is Running. */
export async function startPlatformProcess(o: PlatformProcessOptions): Promise<PlatformProcess> {
  const dataDir = join(o.dir, o.name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  seedLinks(dataDir);
  initLocalKek({ dataDir, log: silentLogger() });
  const apps: Record<string, Record<string, unknown>> = {};
  for (const id of o.allAppIds) {
    const hostname = o.hostnames ? o.hostnames[id] : undefined;
    if (o.hostnames && !hostname) {
      apps[id] = { enabled: false };
      continue;
    }
    const capName = benchCapName(id);
    apps[id] = { ...(hostname ? { hostname } : {}), backendPort: await freeTcpPort('127.0.0.2'), ...(capName ? { capName } : {}) };
  }
  const config = {
    mode: 'managed',
    dataDir,
    admin: { enabled: false },
    log: { level: 'silent' },
    tailnet: {
      controlURL: o.hs.url,
      authKey: o.authKey,
      env: TEST_TS_ENV,
      tailscaled: join(o.binDir, 'tailscaled'),
      ...(o.whoisCacheMs !== undefined ? { whoisCacheMs: o.whoisCacheMs } : {}),
      ...o.tailnet,
    },
    apps,
  };
  const child = spawn(process.execPath, [join(import.meta.dirname, 'tailnet-platform.js'), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const ready = await new Promise<PlatformReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform "${o.name}" not ready within 180 s: ${stderr.join('').slice(-1000)}`)), 180_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as PlatformReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform "${o.name}" exited with ${code}: ${stderr.join('').slice(-2000)}`));
    });
  });
  return {
    pid: child.pid ?? 0,
    ready,
    memory: () => ({ node: memKb(child.pid ?? 0), tailscaled: Object.fromEntries(Object.entries(ready.pids).map(([id, pid]) => [id, memKb(pid)])) }),
    stop: () => stopChild(child, 20_000),
  };
}

async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(t);
}

/** A supervised bench node whose tailnet port 80 forwards (PROXY v2) to `backendPort` on 127.0.0.2. */
export async function startForwardingNode(o: { dir: string; name: string; hs: Headscale; authKey: string; binDir: string; backendPort: number; env?: Record<string, string> }): Promise<ManagedNode> {
  const node = new ManagedNode({
    name: o.name,
    bin: join(o.binDir, 'tailscaled'),
    dirs: await prepareNodeDirs(o.dir, o.name),
    env: { ...TEST_TS_ENV, ...o.env },
    log: silentLogger(),
    controlURL: o.hs.url,
    authKey: o.authKey,
    advertiseTags: [],
    ephemeral: false,
    upTimeoutMs: 60_000,
    onRunning: (client, status) =>
      installServeConfig(client, buildServeConfig({ backendPort: o.backendPort, fqdn: status.Self?.DNSName ?? o.name, tls: false, funnel: false })),
  });
  await node.start();
  return node;
}

/** A bare PROXY backend (no identity) on 127.0.0.2; `handler` answers every request. */
export async function bareBackend(handler: Parameters<ProxiedBackend['attach']>[0]): Promise<ProxiedBackend> {
  const backend = await ProxiedBackend.listen({ port: 0, log: silentLogger() });
  backend.attach(handler);
  return backend;
}

export interface UpstreamSetec {
  node: ManagedNode;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Builds (or reuses) bench/setec-upstream and starts it behind its own node `name`. Returns
 * undefined with a reason when it cannot be built (no Go).
 */
export async function startUpstreamSetec(o: { dir: string; name: string; hs: Headscale; authKey: string; binDir: string; capName: string }): Promise<UpstreamSetec | string> {
  let bin: string;
  try {
    const script = join(import.meta.dirname, '../../scripts/build-setec-upstream.sh');
    bin = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1) ?? '';
  } catch (err) {
    return `cannot build bench/setec-upstream: ${(err as Error).message}`;
  }
  const backendPort = await freeTcpPort('127.0.0.2');
  const node = await startForwardingNode({ ...o, backendPort });
  const state = join(o.dir, `${o.name}-state`);
  mkdirSync(state, { recursive: true, mode: 0o700 });
  const child = spawn(bin, ['-listen', `127.0.0.2:${backendPort}`, '-socket', node.client.socketPath, '-state', state, '-cap-name', o.capName], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`setec-upstream did not start: ${stderr.join('')}`)), 30_000);
    child.stderr.on('data', () => {
      if (!stderr.join('').includes('listening on')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`setec-upstream exited with ${code}: ${stderr.join('')}`));
    });
  });
  return {
    node,
    pid: child.pid ?? 0,
    stop: async () => {
      await stopChild(child, 10_000);
      await node.close();
    },
  };
}
