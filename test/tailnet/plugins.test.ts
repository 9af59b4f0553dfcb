/**
 * Apps from outside in managed mode, over a real tailnet (Headscale + tailscaled on loopback):
 * the compiled `tailyard serve` with one plugin named by `--app` (no node_modules of its own) and
 * one in the config's `plugins` (with its own hono and zod), the built-in apps off. Each plugin
 * gets its own tailnet node under its own hostname and answers alice's laptop with her identity
 * and the grant values the policy gives her for its capability.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeChild, startServe } from '../faults/serve-child.js';
import { tempDataDir } from '../support/platform.js';
import { type PluginFolders, pluginFolders } from '../support/plugins.js';
import { eventually, freeTcpPort, type Headscale, httpVia, startClientNode, startHeadscale, TEST_TS_ENV, tailnetPrereqs } from './harness.js';
import type { ManagedNode } from '../../src/platform/tailnet/managed/node.js';

const pre = tailnetPrereqs();
const BUILT_IN = ['links', 'paste', 'secrets', 'sql', 'idp'];

const policy = {
  tagOwners: { 'tag:apps': [] },
  grants: [
    { src: ['autogroup:member'], dst: ['tag:apps'], ip: ['tcp:80', 'tcp:443'] },
    { src: ['alice@example.com'], dst: ['tag:apps'], app: { 'example.com/cap/hello': [{ greet: true }], 'example.com/cap/echo': [{ echo: true }] } },
  ],
};

describe.skipIf(!pre.run)('plugins in managed mode over a real tailnet', () => {
  let hs: Headscale;
  let alice: ManagedNode;
  let serve: ServeChild;
  let folders: PluginFolders;

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    folders = pluginFolders();
    hs = await startHeadscale(pre.dir);
    const aliceUser = await hs.createUser('alice', 'alice@example.com', 'Alice');
    await hs.setPolicy(policy);
    // One node per app: the key registers both.
    const appKey = await hs.createKey({ tags: ['tag:apps'], reusable: true });
    const aliceKey = await hs.createKey({ user: aliceUser.id });
    const config = join(folders.root, 'tailyard.hujson');
    writeFileSync(
      config,
      JSON.stringify({
        mode: 'managed',
        plugins: ['./own/echo.mjs'],
        admin: { listen: '127.0.0.2:0' },
        log: { level: 'warn' },
        tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(pre.dir, 'tailscaled') },
        serve: {
          ...Object.fromEntries(BUILT_IN.map((id) => [id, { enabled: false }])),
          hello: { backendPort: await freeTcpPort('127.0.0.2') },
          echo: { backendPort: await freeTcpPort('127.0.0.2') },
        },
      }),
    );
    [serve, alice] = await Promise.all([
      startServe({ cwd: folders.root, freePorts: false, dataDir: tempDataDir('tailyard-plugins-managed-'), args: ['--config', config, '--app', './bare/hello.mjs'] }),
      startClientNode(pre.dir, hs, 'alice-laptop', aliceKey.key),
    ]);
    // The laptop learns of the app nodes from its next netmap.
    await eventually(async () => (await httpVia(alice, 'hello', 80, '/whoami')).status === 200, 30_000);
    await eventually(async () => (await httpVia(alice, 'echo', 80, '/whoami')).status === 200, 30_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([serve?.stop(), alice?.close()]);
    await hs?.close();
    folders?.remove();
  }, 60_000);

  it('gives each plugin its own node, named by its hostname', async () => {
    expect(serve.urls).toMatchObject({ hello: 'http://hello', echo: 'http://echo' });
    const nodes = (await hs.cli(['nodes', 'list'])) as Array<{ given_name?: string; name?: string }>;
    expect(nodes.map((n) => n.given_name ?? n.name).sort()).toEqual(['alice-laptop', 'echo', 'hello']);
    const health = (await (await fetch(`${serve.urls.admin}/healthz`)).json()) as { mode: string; apps: Record<string, { ready: boolean }> };
    expect(health.mode).toBe('managed');
    expect(health.apps).toMatchObject({ hello: { ready: true, app: { ready: true } }, echo: { ready: true } });
  });

  it('answers with the caller: the plugin loaded by --app', async () => {
    const res = await httpVia(alice, 'hello', 80, '/whoami');
    expect(JSON.parse(res.body)).toEqual({ app: 'hello', login: 'alice@example.com', nodeName: 'alice-laptop', caps: [{ greet: true }], mode: 'managed', hostname: 'hello' });
    expect((await httpVia(alice, 'hello', 80, '/')).body).toBe('hello, alice@example.com\n');
  });

  it("answers with the caller: the plugin from the config's plugins, with its own hono and zod", async () => {
    const res = await httpVia(alice, 'echo', 80, '/whoami');
    expect(JSON.parse(res.body)).toEqual({ app: 'echo', login: 'alice@example.com', nodeName: 'alice-laptop', caps: [{ echo: true }] });
    expect((await httpVia(alice, 'echo', 80, '/echo/tailnet')).body).toBe('tailnet (from alice@example.com)\n');
    const refused = await httpVia(alice, 'echo', 80, '/echo/far-too-long-a-word', 10_000, { Accept: 'application/json' });
    expect([refused.status, JSON.parse(refused.body)]).toEqual([409, { error: 'refused', message: '"far-too-long-a-word" is longer than 16' }]);
  });
});
