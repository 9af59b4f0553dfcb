/**
 * paste over a real tailnet (Headscale + tailscaled, all on loopback): alice's laptop pastes with
 * tclip's exact request through the app's tailnet name and gets back a URL on the app's MagicDNS
 * name (plain HTTP: Headscale issues no certificates), which then serves the paste; a tagged node
 * (ci-runner, tag:ci) pastes and shows as that node; the configured capability name
 * (`example.com/cap/tclip`, since Headscale refuses `tailscale.com/cap/*`) carries alice's admin
 * grant, which lets her see unlisted pastes in the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pasteApp } from '../../src/apps/paste/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import type { ManagedNode } from '../../src/platform/tailnet/managed/node.js';
import { eventually, freeTcpPort, type Headscale, httpVia, startClientNode, startHeadscale, TAILNET_DOMAIN, TEST_TS_ENV, tailnetPrereqs } from './harness.js';

const pre = tailnetPrereqs();
const CAP = 'example.com/cap/tclip';
const FQDN = `paste.${TAILNET_DOMAIN}`;

/** tclip's CLI request (cmd/tclip), sent through `node` to the app's tailnet name. */
function tclipPost(node: ManagedNode, content: string, filename: string) {
  const body = new URLSearchParams([
    ['content', content],
    ['filename', filename],
  ]).toString();
  return httpVia(node, 'paste', 80, '/api/post', 10_000, { 'User-Agent': 'Go-http-client/1.1', Accept: 'text/plain', 'Content-Type': 'application/x-www-form-urlencoded' }, { method: 'POST', body });
}

describe.skipIf(!pre.run)('paste over a real tailnet', () => {
  let hs: Headscale;
  let platform: RunningPlatform;
  let alice: ManagedNode;
  let ci: ManagedNode;
  let dataDir: string;

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    hs = await startHeadscale(pre.dir);
    const aliceUser = await hs.createUser('alice', 'alice@example.com', 'Alice');
    await hs.setPolicy({
      tagOwners: { 'tag:apps': [], 'tag:ci': [] },
      grants: [
        { src: ['autogroup:member', 'tag:ci'], dst: ['tag:apps'], ip: ['tcp:80'] },
        { src: ['alice@example.com'], dst: ['tag:apps'], app: { [CAP]: [{ all: { admin: true } }] } },
      ],
    });
    const appKey = await hs.createKey({ tags: ['tag:apps'] });
    const aliceKey = await hs.createKey({ user: aliceUser.id });
    const ciKey = await hs.createKey({ tags: ['tag:ci'] });
    dataDir = mkdtempSync(join(tmpdir(), 'tailyard-paste-tailnet-'));
    const backendPort = await freeTcpPort('127.0.0.2');
    [platform, alice, ci] = await Promise.all([
      startPlatform({
        config: {
          mode: 'managed',
          dataDir,
          admin: { enabled: false },
          tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(pre.dir, 'tailscaled') },
          apps: { paste: { hostname: 'paste', backendPort, capName: CAP } },
        },
        apps: [pasteApp as AppDefinition],
        log: silentLogger(),
        defaultMetrics: false,
      }),
      startClientNode(pre.dir, hs, 'alice-laptop', aliceKey.key),
      startClientNode(pre.dir, hs, 'ci-runner', ciKey.key),
    ]);
    await eventually(async () => (await httpVia(alice, 'paste', 80, '/help')).status === 200, 30_000);
    await eventually(async () => (await httpVia(ci, 'paste', 80, '/help')).status === 200, 30_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([platform?.close(), alice?.close(), ci?.close()]);
    await hs?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("takes tclip's CLI request through the tailnet name and prints a URL on the MagicDNS name", async () => {
    const res = await tclipPost(alice, 'hello from alice-laptop\n', 'hello.txt');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(new RegExp(`^http://${FQDN.replaceAll('.', '\\.')}/paste/[0-9a-f-]{36}$`));
    const path = new URL(res.body).pathname;
    const raw = await httpVia(alice, FQDN, 80, `${path}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.body).toBe('hello from alice-laptop\n');
    const page = await httpVia(alice, 'paste', 80, path, 10_000, { Accept: 'text/html' });
    expect(page.body).toContain('title="alice@example.com"');
    expect(page.body).toContain('Alice');
    expect(page.body).toContain('alice-laptop');
  });

  it("shows a tagged node's paste as that node", async () => {
    const res = await tclipPost(ci, 'build #42 passed\n', 'build.log');
    expect(res.status).toBe(200);
    const path = new URL(res.body).pathname;
    const json = JSON.parse((await httpVia(alice, 'paste', 80, path, 10_000, { Accept: 'application/json' })).body) as { author: Record<string, string> };
    expect(json.author).toMatchObject({ login: 'tagged-devices', displayName: 'ci-runner (tag:ci)', node: 'ci-runner' });
    const page = await httpVia(alice, 'paste', 80, path, 10_000, { Accept: 'text/html' });
    expect(page.body).toContain('ci-runner (tag:ci)');
    // ci-runner owns it: it may delete it, alice (an admin) could too, but another node may not.
    expect((await httpVia(ci, 'paste', 80, path, 10_000, {}, { method: 'DELETE' })).status).toBe(204);
  });

  it('reads grants under the configured capability name (alice is an admin there)', async () => {
    const res = await httpVia(ci, 'paste', 80, '/api/post', 10_000, { Accept: 'application/json', 'Content-Type': 'application/json' }, { method: 'POST', body: JSON.stringify({ content: 'unlisted ci output', unlisted: true }) });
    expect(res.status).toBe(201);
    const { id } = JSON.parse(res.body) as { id: string };
    const asAlice = JSON.parse((await httpVia(alice, 'paste', 80, '/api/pastes')).body) as { pastes: Array<{ id: string }> };
    expect(asAlice.pastes.map((p) => p.id)).toContain(id);
    const asCi = JSON.parse((await httpVia(ci, 'paste', 80, '/api/pastes')).body) as { pastes: Array<{ id: string }> };
    expect(asCi.pastes.map((p) => p.id)).not.toContain(id);
  });
});
