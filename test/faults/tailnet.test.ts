/**
 * A managed tailscaled SIGKILLed under a request, with the real `tailyard serve --mode managed` in
 * a child process on a real tailnet (Headscale and tailscaled on loopback; see
 * test/tailnet/harness.ts), two apps each on its own node. Alice's laptop holds a request open to
 * go/ links through the tailnet when links' tailscaled is killed. Then: tailyard is alive, paste
 * (on its own node) and the admin listener answer, /healthz shows links down and then back with a
 * new tailscaled, and Alice reaches links again. Waits are for events and states (exit, health,
 * the first answer through the tailnet), never for time; what the fault cost is printed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedNode } from '../../src/platform/tailnet/managed/node.js';
import { tempDataDir } from '../support/platform.js';
import { eventually, freeTcpPort, type Headscale, httpVia, startClientNode, startHeadscale, TEST_TS_ENV, tailnetPrereqs } from '../tailnet/harness.js';
import { FaultCosts } from './checks.js';
import { processInfo, type ServeChild, startServe } from './serve-child.js';

const pre = tailnetPrereqs();
const costs = new FaultCosts();

interface Health {
  ready: boolean;
  apps: Record<string, { ready: boolean; state: string; pid: number | null; restarts: number; lastError?: string }>;
}

describe.skipIf(!pre.run)('a managed tailscaled killed under a request', () => {
  let hs: Headscale;
  let serve: ServeChild;
  let alice: ManagedNode;

  const health = async (): Promise<Health> => (await fetch(`${serve.urls.admin}/healthz`)).json() as Promise<Health>;
  const via = (app: string, path = '/') => httpVia(alice, app, 80, path, 10_000);

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    hs = await startHeadscale(pre.dir);
    const aliceUser = await hs.createUser('alice', 'alice@example.com', 'Alice');
    await hs.setPolicy({ tagOwners: { 'tag:apps': [] }, grants: [{ src: ['autogroup:member'], dst: ['tag:apps'], ip: ['tcp:80'] }] });
    const appKey = await hs.createKey({ tags: ['tag:apps'], reusable: true });
    const aliceKey = await hs.createKey({ user: aliceUser.id });
    const dataDir = tempDataDir('tailyard-faults-tailnet-');
    const config = join(dataDir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        mode: 'managed',
        tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(pre.dir, 'tailscaled') },
        apps: {
          links: { hostname: 'go', backendPort: await freeTcpPort('127.0.0.2') },
          paste: { hostname: 'paste', backendPort: await freeTcpPort('127.0.0.2') },
          secrets: { enabled: false },
          sql: { enabled: false },
          idp: { enabled: false },
        },
      }),
    );
    [serve, alice] = await Promise.all([
      startServe({ dataDir, args: ['--config', config, '--admin-listen', '127.0.0.2:0'] }),
      startClientNode(pre.dir, hs, 'alice-laptop', aliceKey.key),
    ]);
    // Alice learns of the app nodes with her next netmap.
    await eventually(async () => (await via('go')).status === 200, 60_000);
    await eventually(async () => (await via('paste')).status === 200, 60_000);
  }, 240_000);

  afterAll(async () => {
    costs.print('managed tailnet');
    await serve?.stop();
    await alice?.close();
    await hs?.close();
  }, 60_000);

  it('tailyard stays up, the other app answers, and the node comes back with a new tailscaled', async () => {
    const before = await health();
    const pid = before.apps.links?.pid;
    expect(pid).toBeGreaterThan(1);
    // A request in flight through the tailnet: connected, headers half sent.
    const socket: Socket = await alice.client.dial('go', 80, { timeoutMs: 10_000 });
    let ended: string | undefined;
    socket.on('error', (err) => {
      ended ??= `connection error (${err.message})`;
    });
    socket.on('close', () => {
      ended ??= 'connection closed without an answer';
    });
    socket.on('data', (d: Buffer) => {
      ended ??= `answered: ${d.toString().split('\r\n')[0]}`;
    });
    socket.write('GET / HTTP/1.1\r\nHost: go\r\nX-Half: th');

    const started = performance.now();
    process.kill(pid as number, 'SIGKILL');
    await expect.poll(() => processInfo(pid as number), { timeout: 10_000, interval: 20 }).toBeUndefined();
    await expect.poll(async () => (await health()).apps.links?.ready, { timeout: 10_000, interval: 50 }).toBe(false);

    expect(serve.alive()).toBe(true);
    const down = await health();
    expect(down.apps.paste?.ready).toBe(true);
    expect((await via('paste')).status).toBe(200);

    await expect.poll(async () => (await health()).apps.links?.ready, { timeout: 120_000, interval: 100 }).toBe(true);
    const nodeBack = performance.now();
    const after = await health();
    expect(after.apps.links?.restarts).toBeGreaterThanOrEqual(1);
    expect(after.apps.links?.pid).not.toBe(pid);
    await eventually(async () => (await via('go')).status === 200, 60_000, 100);
    const done = performance.now();
    expect(serve.alive()).toBe(true);
    // What the caller whose request was in flight saw by now (its own timeout ends a silent one).
    const seen = ended ?? 'no answer yet: the connection stays silent until the client gives up';
    socket.destroy();
    costs.record(
      "links' tailscaled SIGKILLed with a request in flight",
      { status: 'in-flight request', body: seen },
      done - started,
      `after the kill (node Running again after ${Math.round(nodeBack - started)} ms: restart backoff 1 s ±20%)`,
    );
    const why = (down.apps.links?.lastError ?? '').split(': ')[0];
    costs.record('  …meanwhile /healthz', { status: 503, body: `links ${down.apps.links?.state}: ${why}; paste Running` }, undefined);
  });
});
