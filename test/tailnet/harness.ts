/**
 * A real tailnet on loopback for tests and the bench: Headscale (embedded DERP over plain HTTP)
 * plus stock tailscaled nodes, all built at pinned versions by scripts/build-test-binaries.sh.
 * Nothing is mocked; every packet stays on 127.0.0.1.
 *
 * @example
 *   const bins = findTestBinaries();                 // { dir, missing: [] }
 *   const hs = await startHeadscale(bins.dir);
 *   const alice = await hs.createUser('alice', 'alice@example.com', 'Alice');
 *   const key = await hs.createKey({ user: alice.id });
 *   const laptop = await startClientNode(bins.dir, hs, 'alice-laptop', key.key);
 *   const res = await httpVia(laptop, 'whoami', 80, '/whoami');
 *   await laptop.close(); await hs.close();
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, type ClientRequestArgs, request } from 'node:http';
import type { Duplex } from 'node:stream';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { pino, type Logger } from 'pino';
import type { LocalApiClient } from '../../src/platform/tailnet/localapi.js';
import { ManagedNode } from '../../src/platform/tailnet/managed/node.js';
import { prepareNodeDirs } from '../../src/platform/tailnet/managed/tailscaled.js';

const run = promisify(execFile);

/** Knobs every test tailscaled needs on a loopback-only tailnet. */
export const TEST_TS_ENV: Record<string, string> = {
  TS_DEBUG_USE_DERP_HTTP: '1',
  TS_ASSUME_NETWORK_UP_FOR_TEST: '1',
  TS_DISABLE_PORTMAPPER: '1',
  TS_PANIC_IF_HIT_MAIN_CONTROL: '1',
};

export const TAILNET_DOMAIN = 'tailnet.test';

/** Where the pinned binaries are, and which are missing. `TAILYARD_TEST_BIN_DIR` overrides the cache. */
export function findTestBinaries(): { dir: string; missing: string[] } {
  let dir = process.env.TAILYARD_TEST_BIN_DIR ?? '';
  if (!dir) {
    // From test/tailnet, or from dist/test/tailnet when compiled for the bench.
    const script = ['../../scripts', '../../../scripts'].map((d) => resolve(import.meta.dirname, d, 'build-test-binaries.sh')).find((p) => existsSync(p)) ?? '';
    try {
      dir = execFileSync('bash', [script, '--print-dir'], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
    } catch (err) {
      dir = String((err as { stdout?: string }).stdout ?? '').trim();
    }
  }
  const missing = ['tailscaled', 'tailscale', 'headscale'].filter((b) => !dir || !existsSync(join(dir, b)));
  return { dir, missing };
}

/**
 * The current tailscale release's tailscaled and tailscale (built beside the pinned ones by
 * scripts/build-test-binaries.sh; `TAILYARD_TEST_CURRENT_BIN_DIR` overrides), and its version.
 */
export function findCurrentTailscale(): { dir: string; version: string; missing: string[] } {
  let dir = process.env.TAILYARD_TEST_CURRENT_BIN_DIR ?? '';
  if (!dir) {
    const script = ['../../scripts', '../../../scripts'].map((d) => resolve(import.meta.dirname, d, 'build-test-binaries.sh')).find((p) => existsSync(p)) ?? '';
    try {
      dir = execFileSync('bash', [script, '--print-current-dir'], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
    } catch (err) {
      dir = String((err as { stdout?: string }).stdout ?? '').trim();
    }
  }
  const missing = ['tailscaled', 'tailscale'].filter((b) => !dir || !existsSync(join(dir, b)));
  return { dir, version: /ts-(v[\d.]+)$/.exec(dir)?.[1] ?? 'current', missing };
}

/**
 * Whether the tailnet suites can run. Missing binaries skip them with a loud message, unless
 * `TAILYARD_REQUIRE_TAILNET=1` (set by CI), which turns the skip into a failure.
 */
export function tailnetPrereqs(): { run: boolean; dir: string; reason?: string } {
  const { dir, missing } = findTestBinaries();
  if (missing.length === 0) return { run: true, dir };
  const reason = `the tailnet suite needs ${missing.join(', ')} in ${dir || '(no cache dir)'}; build them with scripts/build-test-binaries.sh (needs Go 1.26)`;
  if (process.env.TAILYARD_REQUIRE_TAILNET === '1') return { run: true, dir, reason };
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! SKIPPING THE TAILNET SUITE: ${reason}\n${'!'.repeat(100)}\n\n`);
  return { run: false, dir, reason };
}

export async function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, host, r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  if (typeof addr !== 'object' || !addr) throw new Error('no port');
  return addr.port;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface HsUser {
  id: string;
  name: string;
}
export interface HsKey {
  id: string;
  key: string;
  used: boolean;
  reusable: boolean;
}

export class Headscale {
  constructor(
    readonly bin: string,
    readonly dir: string,
    readonly url: string,
    private readonly proc: ChildProcess,
    private readonly cfg: string,
  ) {}

  /** Runs the headscale CLI against this server (`-o json` parsed). */
  async cli(args: string[]): Promise<unknown> {
    const { stdout } = await run(this.bin, ['-c', this.cfg, ...args, '-o', 'json'], { timeout: 30_000 });
    return stdout.trim() ? JSON.parse(stdout) : null;
  }

  async createUser(name: string, email: string, displayName: string): Promise<HsUser> {
    const u = (await this.cli(['users', 'create', name, '--email', email, '--display-name', displayName])) as { id: string | number };
    return { id: String(u.id), name };
  }

  async createKey(o: { user?: string; tags?: string[]; reusable?: boolean; ephemeral?: boolean }): Promise<HsKey> {
    const args = ['preauthkeys', 'create', '--expiration', '24h'];
    if (o.user) args.push('--user', o.user);
    if (o.tags?.length) args.push('--tags', o.tags.join(','));
    if (o.reusable) args.push('--reusable');
    if (o.ephemeral) args.push('--ephemeral');
    return toKey(await this.cli(args));
  }

  async listKeys(): Promise<HsKey[]> {
    const out = await this.cli(['preauthkeys', 'list']);
    return (Array.isArray(out) ? out : []).map(toKey);
  }

  /** Replaces the policy (`headscale policy set -f`). */
  async setPolicy(policy: unknown): Promise<void> {
    const file = join(this.dir, `policy-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(policy, null, 2));
    await run(this.bin, ['-c', this.cfg, 'policy', 'set', '-f', file], { timeout: 30_000 });
  }

  async close(): Promise<void> {
    if (this.proc.exitCode === null) {
      const exited = new Promise((r) => this.proc.once('exit', r));
      this.proc.kill('SIGTERM');
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function toKey(raw: unknown): HsKey {
  const k = raw as { id?: string | number; key?: string; used?: boolean; reusable?: boolean };
  return { id: String(k.id ?? ''), key: String(k.key ?? ''), used: !!k.used, reusable: !!k.reusable };
}

/** Starts Headscale on free loopback ports with a fresh database; resolves once /health answers. */
export async function startHeadscale(binDir: string, log: Logger = pino({ level: 'silent' })): Promise<Headscale> {
  const dir = mkdtempSync(join(tmpdir(), 'tailyard-hs-'));
  const port = await freeTcpPort();
  const stun = await freeUdpPort();
  const url = `http://127.0.0.1:${port}`;
  const cfg = join(dir, 'config.yaml');
  writeFileSync(
    cfg,
    `server_url: ${url}
listen_addr: 127.0.0.1:${port}
metrics_listen_addr: ""
disable_check_updates: true
noise:
  private_key_path: ${dir}/noise_private.key
prefixes:
  v4: 100.64.0.0/10
  v6: fd7a:115c:a1e0::/48
  allocation: sequential
derp:
  server:
    enabled: true
    region_id: 999
    region_code: test
    region_name: Test DERP
    verify_clients: true
    stun_listen_addr: 127.0.0.1:${stun}
    private_key_path: ${dir}/derp_server_private.key
    automatically_add_embedded_derp_region: true
  urls: []
  paths: []
  auto_update_enabled: false
database:
  type: sqlite
  sqlite:
    path: ${dir}/db.sqlite
    write_ahead_log: true
dns:
  magic_dns: true
  base_domain: ${TAILNET_DOMAIN}
  override_local_dns: false
  nameservers:
    global: []
unix_socket: ${dir}/headscale.sock
unix_socket_permission: "0700"
policy:
  mode: database
log:
  level: info
logtail:
  enabled: false
`,
  );
  const bin = join(binDir, 'headscale');
  const proc = spawn(bin, ['serve', '-c', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const s of [proc.stdout, proc.stderr]) s?.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => log.debug(`[headscale] ${d.toString().trim()}`));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`headscale exited: ${output.join('').slice(-2000)}`);
    if (await healthy(url)) return new Headscale(bin, dir, url, proc, cfg);
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`headscale did not become healthy: ${output.join('').slice(-2000)}`);
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolveOk) => {
    const req = request(`${url}/health`, { timeout: 1000 }, (res) => {
      res.resume();
      resolveOk(res.statusCode === 200);
    });
    req.on('error', () => resolveOk(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** A supervised node that deletes its temporary directory when closed. */
class ClientNode extends ManagedNode {
  constructor(
    private readonly root: string,
    opts: ConstructorParameters<typeof ManagedNode>[0],
  ) {
    super(opts);
  }

  override async close(): Promise<void> {
    await super.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A client node (e.g. `alice-laptop`) run by the same supervised-node code managed mode uses. */
export async function startClientNode(binDir: string, hs: Headscale, name: string, authKey: string, log: Logger = pino({ level: 'silent' })): Promise<ManagedNode> {
  const root = mkdtempSync(join(tmpdir(), `tailyard-client-`));
  const node = new ClientNode(root, {
    name,
    bin: join(binDir, 'tailscaled'),
    dirs: await prepareNodeDirs(root, name),
    env: TEST_TS_ENV,
    log,
    controlURL: hs.url,
    authKey,
    advertiseTags: [],
    ephemeral: false,
    upTimeoutMs: 60_000,
  });
  await node.start();
  return node;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request from `node` through the tailnet (LocalAPI dial) to `host:port`; a GET unless
 * `send` gives another method and a body (sent with its Content-Length).
 */
export async function httpVia(
  node: ManagedNode,
  host: string,
  port: number,
  path: string,
  timeoutMs = 10_000,
  headers: Record<string, string> = {},
  send: { method?: string; body?: string } = {},
): Promise<HttpResult> {
  const socket = await node.client.dial(host, port, { timeoutMs });
  const length: Record<string, string> = send.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(send.body)) };
  return new Promise((resolveRes, reject) => {
    const req = request({ createConnection: () => socket, method: send.method ?? 'GET', path, headers: { Host: host, Connection: 'close', ...length, ...headers }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveRes({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`request to ${host}:${port}${path} timed out`)));
    req.on('error', reject);
    req.end(send.body);
  });
}

/**
 * A keep-alive HTTP agent whose connections are LocalAPI dials (by `client`, a node's LocalAPI) to
 * `host:port`, so many requests share a few tailnet connections (for load tests).
 *
 * @example http.get({ host: 'whoami', path: '/', agent: new DialAgent(laptop.client, 'whoami', 80, 8) }, ...)
 */
export class DialAgent extends Agent {
  constructor(
    private readonly client: LocalApiClient,
    private readonly host: string,
    private readonly port: number,
    maxSockets: number,
  ) {
    super({ keepAlive: true, maxSockets });
  }

  override createConnection(_options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    this.client.dial(this.host, this.port).then(
      (socket) => callback?.(null, socket),
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

/** Polls `fn` until it returns a truthy value (or throws the last error at the deadline). */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = new Error('condition not met');
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Resident memory of a process in kB (from /proc/<pid>/status VmRSS). */
export function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The test policy: who reaches tag:apps on which ports, and which app capabilities they hold. */
export function testPolicy(ciCaps: unknown[]): unknown {
  return {
    tagOwners: { 'tag:apps': [], 'tag:ci': [] },
    grants: [
      { src: ['autogroup:member'], dst: ['tag:apps'], ip: ['tcp:80', 'tcp:443'] },
      // ci-runner may reach every port, so the suite can show that the backend port is refused anyway.
      { src: ['tag:ci'], dst: ['tag:apps'], ip: ['*'] },
      { src: ['alice@example.com'], dst: ['tag:apps'], app: { 'example.com/cap/whoami': [{ allow: true, role: 'admin' }] } },
      { src: ['tag:ci'], dst: ['tag:apps'], app: { 'example.com/cap/whoami': ciCaps } },
    ],
  };
}
