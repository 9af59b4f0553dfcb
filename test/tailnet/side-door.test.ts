/**
 * The userspace side door (reference platform.md §1.0, §6.6 risk 2): a userspace tailscaled hands
 * every tailnet connection to a port its serve config does not claim to `127.0.0.1:<same port>` on
 * the host. tailyard's own listeners stay off 127.0.0.1 in managed mode (the admin listener on
 * 127.0.0.2, like the app backends), so a peer dialling the admin port through an app node gets
 * nothing; an unrelated service on 127.0.0.1 stays reachable to any peer the policy lets reach
 * that port, and only the policy (grants with `ip: ["tcp:80", "tcp:443"]`) closes that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import type { ManagedNode } from '../../src/platform/tailnet/managed/node.js';
import { whoamiApp } from '../support/whoami-app.js';
import { type Headscale, TEST_TS_ENV, eventually, freeTcpPort, httpVia, startClientNode, startHeadscale, tailnetPrereqs, testPolicy } from './harness.js';

const pre = tailnetPrereqs();

function localGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe.skipIf(!pre.run)('managed mode leaves no side door on 127.0.0.1', () => {
  let hs: Headscale;
  let platform: RunningPlatform;
  let alice: ManagedNode;
  let ci: ManagedNode;
  let unrelated: Server;
  let adminPort: number;
  let unrelatedPort: number;
  let dataDir: string;

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    hs = await startHeadscale(pre.dir);
    const aliceUser = await hs.createUser('alice', 'alice@example.com', 'Alice');
    // alice may reach tag:apps on 80 and 443 only; ci-runner on every port.
    await hs.setPolicy(testPolicy([{ role: 'ci' }]));
    const appKey = await hs.createKey({ tags: ['tag:apps'] });
    const aliceKey = await hs.createKey({ user: aliceUser.id });
    const ciKey = await hs.createKey({ tags: ['tag:ci'] });
    // A service someone runs on the same host, on 127.0.0.1 (a database, an inspector...).
    unrelated = createServer((_req, res) => res.end('internal service\n'));
    unrelatedPort = await freeTcpPort();
    await new Promise<void>((r) => unrelated.listen(unrelatedPort, '127.0.0.1', r));
    dataDir = mkdtempSync(join(tmpdir(), 'tailyard-sidedoor-'));
    // The managed default is 127.0.0.2:8079 (admin-listen.test.ts); a free port on the same address here.
    adminPort = await freeTcpPort('127.0.0.2');
    [platform, alice, ci] = await Promise.all([
      startPlatform({
        config: {
          mode: 'managed',
          dataDir,
          admin: { listen: `127.0.0.2:${adminPort}` },
          tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(pre.dir, 'tailscaled') },
          apps: { whoami: { hostname: 'whoami', backendPort: await freeTcpPort('127.0.0.2'), capName: 'example.com/cap/whoami' } },
        },
        apps: [whoamiApp],
        log: silentLogger(),
        defaultMetrics: false,
      }),
      startClientNode(pre.dir, hs, 'alice-laptop', aliceKey.key),
      startClientNode(pre.dir, hs, 'ci-runner', ciKey.key),
    ]);
    await eventually(async () => (await httpVia(ci, 'whoami', 80, '/whoami')).status === 200, 30_000);
    await eventually(async () => (await httpVia(alice, 'whoami', 80, '/whoami')).status === 200, 30_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([platform?.close(), alice?.close(), ci?.close()]);
    await new Promise<void>((r) => (unrelated ? unrelated.close(() => r()) : r()));
    await hs?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('the admin listener answers locally on 127.0.0.2, and a peer dialling its port through the app node gets nothing', async () => {
    expect(platform.adminUrl).toBe(`http://127.0.0.2:${adminPort}`);
    expect(await localGet(`${platform.adminUrl}/healthz`)).toBe(200);
    // ci-runner may reach every port of the app node, so only the address keeps it out.
    await expect(ci.client.dial('whoami', adminPort, { timeoutMs: 10_000 })).rejects.toThrow(/dial failure|refused/i);
  });

  it('an unrelated service on 127.0.0.1 is reachable through the app node unless the policy restricts ports', async () => {
    const through = await httpVia(ci, 'whoami', unrelatedPort, '/');
    expect(through).toMatchObject({ status: 200, body: 'internal service\n' });
    // alice's grant is "ip": ["tcp:80", "tcp:443"]: the app node drops her connection to any other port.
    await expect(httpVia(alice, 'whoami', unrelatedPort, '/', 5000)).rejects.toThrow();
    expect((await httpVia(alice, 'whoami', 80, '/whoami')).status).toBe(200);
  });
});
