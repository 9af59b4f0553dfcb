/**
 * The `services` layout against real tailscaleds and Headscale. Headscale has no Tailscale
 * Services, so what can be shown here is that start-up fails, within its bound, with a message
 * that says why: on the current release (which takes the prefs and whose WhoIs takes svc_name) no
 * service address ever reaches the netmap; the pinned v1.98.10 is refused for its WhoIs. The
 * prefs and serve config the layout posts are checked against a LocalAPI stand-in in
 * src/platform/tailnet/managed/services.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging.js';
import { startPlatform } from '../../src/platform/platform.js';
import { whoamiApp } from '../support/whoami-app.js';
import { type Headscale, TEST_TS_ENV, findCurrentTailscale, freeTcpPort, startHeadscale, tailnetPrereqs } from './harness.js';

const pre = tailnetPrereqs();
const current = findCurrentTailscale();

describe.skipIf(!pre.run)('managed mode, services layout, on a control server without Services', () => {
  let hs: Headscale;
  let authKey: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    hs = await startHeadscale(pre.dir);
    await hs.setPolicy({ tagOwners: { 'tag:apps': [] }, grants: [{ src: ['autogroup:member'], dst: ['tag:apps'], ip: ['tcp:80'] }] });
    authKey = (await hs.createKey({ tags: ['tag:apps'], reusable: true })).key;
  }, 60_000);

  afterAll(async () => {
    await hs?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 30_000);

  async function startServices(binDir: string, host: string): Promise<Error> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tailyard-svc-'));
    dirs.push(dataDir);
    const started = startPlatform({
      config: {
        mode: 'managed',
        dataDir,
        admin: { enabled: false },
        tailnet: { controlURL: hs.url, authKey, env: TEST_TS_ENV, tailscaled: join(binDir, 'tailscaled'), layout: 'services', servicesHost: host, serviceWaitMs: 5000 },
        apps: { whoami: { hostname: 'whoami', backendPort: await freeTcpPort('127.0.0.2') } },
      },
      apps: [whoamiApp],
      log: silentLogger(),
      defaultMetrics: false,
    });
    return started.then(
      async (p) => {
        await p.close();
        throw new Error('the services layout started on Headscale');
      },
      (err: Error) => err,
    );
  }

  it.skipIf(current.missing.length > 0)(`${current.version}: advertises the services and fails when no service address reaches the netmap`, async () => {
    const err = await startServices(current.dir, 'svchost-current');
    expect(err.name).toBe('ServicesUnavailableError');
    expect(err.message).toMatch(/^no address for svc:whoami reached this node's netmap within 5 s\. Tailscale Services need a control server that has them \(Tailscale's; Headscale has none\)/);
  });

  it('v1.98.10: refuses a tailscaled whose WhoIs cannot be asked per service', async () => {
    const err = await startServices(pre.dir, 'svchost-pinned');
    expect(err.name).toBe('ServicesUnavailableError');
    expect(err.message).toMatch(/the services layout needs tailscaled 1\.100 or newer .* this one is 1\.98\.10/);
  });
});
