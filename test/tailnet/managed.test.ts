/**
 * Managed mode end to end over a real tailnet: Headscale on loopback, tailyard's whoami app on its
 * own tailscaled, and two client nodes (alice-laptop as user alice, ci-runner tagged tag:ci) that
 * send requests through the tailnet with their LocalAPI dial. One Headscale and one set of nodes
 * serve every assertion, to keep the suite short.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { HostMode } from '../../src/platform/tailnet/host.js';
import { ManagedMode } from '../../src/platform/tailnet/managed/mode.js';
import type { ManagedNode } from '../../src/platform/tailnet/managed/node.js';
import { PlatformSchema } from '../../src/platform/config.js';
import { whoamiApp } from '../support/whoami-app.js';
import {
  type Headscale,
  type HsKey,
  TEST_TS_ENV,
  eventually,
  freeTcpPort,
  httpVia,
  startClientNode,
  startHeadscale,
  tailnetPrereqs,
  testPolicy,
} from './harness.js';

const pre = tailnetPrereqs();
const CAP = 'example.com/cap/whoami';

interface WhoamiBody {
  kind: string;
  login: string;
  displayName: string;
  nodeName: string;
  nodeFQDN: string;
  tags: string[];
  isTagged: boolean;
  addresses: string[];
  caps: unknown[];
}

/** Writes raw bytes to the app's backend on 127.0.0.2 and returns everything it answers. */
function rawRequest(port: number, data: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const c = createConnection({ host: '127.0.0.2', port });
    let out = '';
    c.on('data', (d) => {
      out += d.toString();
    });
    c.on('close', () => resolve(out));
    c.on('error', reject);
    c.write(data);
  });
}

describe.skipIf(!pre.run)('managed mode over a real tailnet (Headscale + tailscaled)', () => {
  let hs: Headscale;
  let platform: RunningPlatform;
  let mode: ManagedMode;
  let alice: ManagedNode;
  let ci: ManagedNode;
  let appKey: HsKey;
  let backendPort: number;
  let dataDir: string;

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    hs = await startHeadscale(pre.dir);
    const aliceUser = await hs.createUser('alice', 'alice@example.com', 'Alice');
    await hs.createUser('bob', 'bob@example.com', 'Bob');
    await hs.setPolicy(testPolicy([{ role: 'ci' }]));
    // Single-use on purpose: a restart that sent it again would be refused by Headscale.
    appKey = await hs.createKey({ tags: ['tag:apps'] });
    const aliceKey = await hs.createKey({ user: aliceUser.id });
    const ciKey = await hs.createKey({ tags: ['tag:ci'], reusable: true });
    dataDir = mkdtempSync(join(tmpdir(), 'tailyard-managed-'));
    backendPort = await freeTcpPort('127.0.0.2');
    [platform, alice, ci] = await Promise.all([
      startPlatform({
        config: {
          mode: 'managed',
          dataDir,
          admin: { enabled: false },
          tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(pre.dir, 'tailscaled') },
          apps: { whoami: { hostname: 'whoami', backendPort, capName: CAP } },
        },
        apps: [whoamiApp],
        log: silentLogger(),
        defaultMetrics: false,
      }),
      startClientNode(pre.dir, hs, 'alice-laptop', aliceKey.key),
      startClientNode(pre.dir, hs, 'ci-runner', ciKey.key),
    ]);
    mode = platform.mode as ManagedMode;
    // The clients learn about the app node from their next netmap.
    await eventually(async () => (await httpVia(alice, 'whoami', 80, '/whoami')).status === 200, 30_000);
    await eventually(async () => (await httpVia(ci, 'whoami', 80, '/whoami')).status === 200, 30_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([platform?.close(), alice?.close(), ci?.close()]);
    await hs?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a user node reaches the app with its login, display name, node name and caps', async () => {
    const res = await httpVia(alice, 'whoami', 80, '/whoami');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as WhoamiBody;
    expect(body).toMatchObject({
      kind: 'user',
      login: 'alice@example.com',
      displayName: 'Alice',
      nodeName: 'alice-laptop',
      nodeFQDN: 'alice-laptop.tailnet.test',
      tags: [],
      isTagged: false,
      caps: [{ allow: true, role: 'admin' }],
    });
    expect(body.addresses).toEqual(alice.status?.TailscaleIPs);
    expect((await httpVia(alice, 'whoami', 80, '/private')).status).toBe(200);
    expect(platform.urls.whoami).toContain('http://whoami/');
  });

  it('a tagged node reaches the app as tagged-devices with its tags and caps', async () => {
    const res = await httpVia(ci, 'whoami', 80, '/whoami');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      kind: 'tagged',
      login: 'tagged-devices',
      displayName: 'Tagged Devices',
      nodeName: 'ci-runner',
      nodeFQDN: 'ci-runner.tailnet.test',
      tags: ['tag:ci'],
      isTagged: true,
      caps: [{ role: 'ci' }],
    });
  });

  it('a caller without the grant is refused by the app', async () => {
    const res = await httpVia(ci, 'whoami', 80, '/private');
    expect(res.status).toBe(403);
    expect(res.body).toContain('needs the whoami grant');
  });

  it("answers only to the node's own names: short name, MagicDNS name and tailnet IPs (421 otherwise)", async () => {
    const self = mode.node('whoami').status;
    const fqdn = (self?.Self?.DNSName ?? '').replace(/\.$/, '');
    const [v4, v6] = self?.TailscaleIPs ?? [];
    expect(fqdn).toMatch(/^whoami\./);
    for (const host of ['whoami', fqdn, `${fqdn}.`, v4 ?? '', `[${v6}]`, 'whoami:80']) {
      expect((await httpVia(alice, 'whoami', 80, '/whoami', 10_000, { Host: host })).status, host).toBe(200);
    }
    const rebound = await httpVia(alice, 'whoami', 80, '/whoami', 10_000, { Host: 'evil.example' });
    expect(rebound.status).toBe(421);
    expect(rebound.body).toContain(`answers only to whoami, ${fqdn}, ${v4}, [${v6}]`);
    expect(rebound.body).not.toContain('alice');
  });

  it('a raw tailnet connection to the backend port is refused', async () => {
    // ci-runner may reach every port of tag:apps (see testPolicy), so only the 127.0.0.2 binding stops it.
    await expect(ci.client.dial('whoami', backendPort, { timeoutMs: 10_000 })).rejects.toThrow(/dial failure|refused/i);
    const ok = await ci.client.dial('whoami', 80, { timeoutMs: 10_000 });
    ok.destroy();
  });

  it('a local connection to the backend without a PROXY header is rejected', async () => {
    const before = mode.rejectedConnections('whoami');
    const answer = await rawRequest(backendPort, 'GET /whoami HTTP/1.1\r\nHost: whoami\r\nTailscale-User-Login: alice@example.com\r\n\r\n');
    expect(answer).toBe('');
    expect(mode.rejectedConnections('whoami')).toBe(before + 1);
  });

  it('a grant change via headscale policy set takes effect within 10 s', async () => {
    expect((await httpVia(ci, 'whoami', 80, '/private')).status).toBe(403);
    await hs.setPolicy(testPolicy([{ role: 'ci' }, { allow: true }]));
    const t0 = Date.now();
    await eventually(async () => (await httpVia(ci, 'whoami', 80, '/private')).status === 200, 10_000, 250);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const body = JSON.parse((await httpVia(ci, 'whoami', 80, '/whoami')).body) as WhoamiBody;
    expect(body.caps).toEqual([{ role: 'ci' }, { allow: true }]);
  });

  it('after killing its tailscaled the app serves again with the same node identity and no new auth-key use', async () => {
    const node = mode.node('whoami');
    const before = { id: node.status?.Self?.ID, ips: node.status?.TailscaleIPs, pid: node.pid };
    expect(before.id).toBeTruthy();
    expect((await hs.listKeys()).find((k) => k.id === appKey.id)).toMatchObject({ used: true, reusable: false });
    process.kill(before.pid ?? -1, 'SIGKILL');
    await eventually(async () => !mode.isReady('whoami'), 5000, 20);
    expect(mode.health().whoami).toMatchObject({ ready: false, lastError: expect.stringContaining('tailscaled exited') });
    // Meanwhile the app answers 503 (asked locally, with the PROXY header tailscaled would have sent).
    const down = await rawRequest(backendPort, `PROXY TCP4 ${alice.status?.TailscaleIPs[0]} 127.0.0.2 40000 80\r\nGET /whoami HTTP/1.1\r\nHost: whoami\r\nConnection: close\r\n\r\n`);
    expect(down).toMatch(/^HTTP\/1\.1 503/);

    await eventually(async () => mode.isReady('whoami'), 60_000);
    const res = await eventually(async () => {
      const r = await httpVia(alice, 'whoami', 80, '/whoami');
      return r.status === 200 ? r : undefined;
    }, 30_000);
    expect(JSON.parse(res.body)).toMatchObject({ login: 'alice@example.com' });
    expect(node.pid).not.toBe(before.pid);
    expect(node.status?.Self?.ID).toBe(before.id);
    expect(node.status?.TailscaleIPs).toEqual(before.ips);
    expect(mode.health().whoami).toMatchObject({ ready: true, state: 'Running', restarts: 1 });
    const nodes = (await hs.cli(['nodes', 'list'])) as Array<{ given_name?: string; name?: string }>;
    expect(nodes.filter((n) => (n.given_name ?? n.name ?? '').startsWith('whoami'))).toHaveLength(1);
  });

  it("host mode identifies a peer by its TCP address with the machine's tailscaled", async () => {
    // The app node's tailscaled plays the machine's daemon (host mode only needs its LocalAPI socket).
    const config = PlatformSchema.parse({ mode: 'host', tailnet: { socket: mode.node('whoami').client.socketPath, whoisCacheMs: 0 } });
    const host = new HostMode({ config, log: silentLogger() });
    await host.start([]);
    try {
      const ciIp = ci.status?.TailscaleIPs[0] ?? '';
      const req = { socket: { remoteAddress: ciIp, remotePort: 40001 } } as IncomingMessage;
      const id = await host.identify('whoami', req);
      expect(id.kind === 'caller' && id.caller).toMatchObject({ kind: 'tagged', nodeName: 'ci-runner', tags: ['tag:ci'], remoteAddr: `${ciIp}:40001` });
      const stranger = { socket: { remoteAddress: '100.100.100.100', remotePort: 1 } } as IncomingMessage;
      expect(await host.identify('whoami', stranger)).toEqual({ kind: 'unknown', remoteAddr: '100.100.100.100:1' });
    } finally {
      await host.close();
    }
  });

  async function failingStart(tailnet: Record<string, unknown>, hostname: string): Promise<{ message: string; ms: number }> {
    const dir = mkdtempSync(join(tmpdir(), `tailyard-${hostname}-`));
    const config = PlatformSchema.parse({ mode: 'managed', dataDir: dir, tailnet: { env: TEST_TS_ENV, ...tailnet } });
    // tailscaled is found on PATH this time, the default way.
    const m = new ManagedMode({ config, log: silentLogger(), env: { PATH: `${pre.dir}:${process.env.PATH}` } });
    const spec = { appId: hostname, hostname, devHost: '127.0.0.1', devPort: 0, hostPort: 0, backendPort: 0, funnel: false };
    const t0 = Date.now();
    try {
      await m.start([spec]);
      throw new Error('start() succeeded');
    } catch (err) {
      return { message: (err as Error).message, ms: Date.now() - t0 };
    } finally {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('start() rejects within a bounded time with a clear message when the auth key is bad', async () => {
    const wellFormedButUnknown = `hskey-auth-${'a'.repeat(12)}-${'b'.repeat(64)}`;
    const r = await failingStart({ controlURL: hs.url, authKey: wellFormedButUnknown, upTimeoutMs: 30_000 }, 'badkey');
    expect(r.message).toMatch(/rejected the auth key for "badkey": invalid pre auth key/);
    expect(r.ms).toBeLessThan(30_000);
  });

  it('start() says the control server is unreachable when it is', async () => {
    const closedPort = await freeTcpPort();
    const r = await failingStart({ controlURL: `http://127.0.0.1:${closedPort}`, authKey: appKey.key, upTimeoutMs: 6000 }, 'nocontrol');
    expect(r.message).toMatch(/"nocontrol" did not (reach Running|log in) within 6s/);
    expect(r.message).toContain(`http://127.0.0.1:${closedPort}`);
    expect(r.ms).toBeLessThan(15_000);
  });
});
