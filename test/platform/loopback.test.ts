import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { assertLoopback, isLoopback, NotLoopbackError } from '../../src/platform/tailnet/dev.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const started: RunningPlatform[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.close()));
});

async function start(settings: Record<string, unknown>) {
  const p = await startPlatform({ config: { dataDir: tempDataDir(), ...settings }, apps: [whoamiApp], log: silentLogger(), defaultMetrics: false });
  started.push(p);
  return p;
}

describe('dev mode listens on loopback only', () => {
  it('classifies addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '', '10.0.0.1', '100.64.0.1', 'example.com', '::ffff:10.0.0.1']) expect(isLoopback(h), h).toBe(false);
    expect(() => assertLoopback('0.0.0.0')).toThrow(NotLoopbackError);
  });

  it('refuses a non-loopback app address with a clear error', async () => {
    await expect(start({ admin: { enabled: false }, apps: { whoami: { devHost: '0.0.0.0', devPort: 0 } } })).rejects.toThrow(
      /dev mode only listens on loopback, but the listen address of whoami is "0.0.0.0"/,
    );
    await expect(start({ admin: { enabled: false }, apps: { whoami: { devHost: '::', devPort: 0 } } })).rejects.toThrow(NotLoopbackError);
  });

  it('refuses a non-loopback admin address', async () => {
    await expect(start({ admin: { listen: '0.0.0.0:0' }, apps: { whoami: { devPort: 0 } } })).rejects.toThrow(/admin listen address is "0.0.0.0"/);
  });

  it('binds apps and admin to 127.0.0.1 by default', async () => {
    const p = await start({ admin: { listen: '127.0.0.1:0' }, apps: { whoami: { devPort: 0 } } });
    expect(p.urls.whoami?.[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(p.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await (await fetch(`${p.adminUrl}/healthz`)).json();
    expect(health).toMatchObject({ ready: true, mode: 'dev', apps: { whoami: { ready: true } } });
    const metrics = await (await fetch(`${p.adminUrl}/metrics`)).text();
    expect(metrics).toContain('tailyard_http_requests_total');
  });
});
