/**
 * DNS rebinding: every app answers only to its own names (dev mode and host mode here; managed
 * mode over a real tailnet in test/tailnet/managed.test.ts). A page on evil.example that
 * re-resolves to the app's address sends `Host: evil.example`, so it must get 421 before
 * identity, routing or logging, and act as nobody.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksApp } from '../../src/apps/links/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { PlatformSchema } from '../../src/platform/config.js';
import { HostAllowlist, hostGuard } from '../../src/platform/hosts.js';
import { silentLogger } from '../../src/platform/logging.js';
import { withSecurityHeaders } from '../../src/platform/middleware.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { HostMode } from '../../src/platform/tailnet/host.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

interface Answer {
  status: number;
  body: string;
}

/** One request with an explicit Host header (fetch would not let us set it). */
function send(url: string, host: string, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { Host: host, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('Host allowlist in dev mode', () => {
  let p: RunningPlatform;
  let dataDir: string;
  let links: string;
  let whoami: string;
  let port: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    p = await startPlatform({
      config: {
        dataDir,
        admin: { listen: '127.0.0.1:0' },
        apps: { links: { devPort: 0 }, whoami: { devPort: 0, extraHosts: ['whoami.proxy.example', 'alt.example:9999'] } },
      },
      apps: [linksApp as AppDefinition, whoamiApp as AppDefinition],
      log: silentLogger(),
      defaultMetrics: false,
    });
    links = (p.urls.links?.[0] ?? '').replace(/\/$/, '');
    whoami = (p.urls.whoami?.[0] ?? '').replace(/\/$/, '');
    port = new URL(links).port;
  });
  afterAll(async () => {
    await p.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts the loopback names and the app hostname, with its port or bare', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `go:${port}`, 'go']) {
      expect((await send(links, host, { path: '/.help' })).status, host).toBe(200);
    }
  });

  it('refuses any other name with 421 naming the expected hosts, before the app runs', async () => {
    const res = await send(links, `evil.example:${port}`, { path: '/.export' });
    expect(res.status).toBe(421);
    expect(res.body).toContain(`this server answers only to 127.0.0.1, localhost, [::1], go`);
    expect(res.body).toContain('apps.links.extraHosts');
    expect(res.body).not.toMatch(/"Short"/);
    // The app's other names are not this app's names.
    expect((await send(links, `whoami:${port}`)).status).toBe(421);
    expect((await send(links, `go:${Number(port) + 1}`)).status).toBe(421);
  });

  it('a rebinding page cannot create a link with a "same-origin" form post', async () => {
    const res = await send(links, `evil.example:${port}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `http://evil.example:${port}`, 'Sec-Fetch-Site': 'same-origin' },
      body: 'short=rebound&long=https://evil.example/',
    });
    expect(res.status).toBe(421);
    expect((await send(links, `127.0.0.1:${port}`, { path: '/.detail/rebound', headers: { Accept: 'application/json' } })).status).toBe(404);
  });

  it('counts refusals in the metrics, without logging the request', async () => {
    const metrics = await send(p.adminUrl ?? '', new URL(p.adminUrl ?? '').host, { path: '/metrics' });
    expect(metrics.body).toMatch(/tailyard_http_misdirected_total\{app="links"\} [1-9]/);
  });

  it('accepts the names in apps.<id>.extraHosts, only for that app', async () => {
    const wport = new URL(whoami).port;
    expect((await send(whoami, 'whoami.proxy.example')).status).toBe(200);
    expect((await send(whoami, `whoami.proxy.example:${wport}`)).status).toBe(200);
    expect((await send(whoami, 'alt.example:9999')).status).toBe(200);
    expect((await send(whoami, 'alt.example')).status).toBe(421);
    expect((await send(links, 'whoami.proxy.example')).status).toBe(421);
  });

  it('guards the admin listener too', async () => {
    const admin = p.adminUrl ?? '';
    const aport = new URL(admin).port;
    expect((await send(admin, `localhost:${aport}`, { path: '/healthz' })).status).toBe(200);
    const res = await send(admin, `evil.example:${aport}`, { path: '/metrics' });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('tailyard_');
  });

  it('rejects extraHosts that are not host names', () => {
    expect(() => PlatformSchema.parse({})).not.toThrow();
    return expect(
      startPlatform({ config: { dataDir, apps: { whoami: { devPort: 0, extraHosts: ['http://x/'] } } }, apps: [whoamiApp as AppDefinition], log: silentLogger(), defaultMetrics: false }),
    ).rejects.toThrow(/apps\.whoami\.extraHosts\[0\]: expected a host name or address/);
  });
});

/**
 * Host mode listens on the machine's tailnet addresses, which need a kernel TUN tailscaled; a
 * small stand-in for its LocalAPI (status and WhoIs over a unix socket) reports 127.0.0.3 as the
 * machine's tailnet address so the real HostMode can serve there. WhoIs and bring-up of host mode
 * against a real tailscaled are in test/tailnet/managed.test.ts.
 */
describe('Host allowlist in host mode', () => {
  let dir: string;
  let localApi: Server;
  let mode: HostMode;
  let served: Awaited<ReturnType<HostMode['serve']>>;
  let url: string;

  beforeAll(async () => {
    dir = tempDataDir();
    mkdirSync(join(dir, 'run'));
    const socket = join(dir, 'run', 'tailscaled.sock');
    localApi = createServer((req, res) => {
      if (req.url?.startsWith('/localapi/v0/status')) {
        res.end(JSON.stringify({ BackendState: 'Running', TailscaleIPs: ['127.0.0.3'], Self: { DNSName: 'machine.tailnet.test.' }, CertDomains: null }));
      } else if (req.url?.startsWith('/localapi/v0/whois')) {
        res.end(JSON.stringify({ Node: { ID: 1, StableID: 'n1', Name: 'laptop.tailnet.test.', Addresses: ['127.0.0.1/32'] }, UserProfile: { ID: 1, LoginName: 'alice@example.com' } }));
      } else if (req.url?.startsWith('/localapi/v0/watch-ipn-bus')) {
        res.write('{"State":6}\n'); // and stay open, as tailscaled's bus does
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => localApi.listen(socket, r));
    const config = PlatformSchema.parse({ mode: 'host', dataDir: dir, tailnet: { socket } });
    mode = new HostMode({ config, log: silentLogger() });
    await mode.start([]);
    const hosts = new HostAllowlist(['proxy.example']);
    const spec = { appId: 'whoami', hostname: 'whoami', devHost: '127.0.0.1', devPort: 0, hostPort: 0, backendPort: 0, funnel: false };
    served = await mode.serve(spec, withSecurityHeaders(hostGuard(hosts, (_req, res) => res.end('ok'))), hosts);
    url = served.urls.find((u) => u.includes('127.0.0.3')) ?? '';
  });
  afterAll(async () => {
    await served?.close(0);
    await mode?.close();
    localApi?.closeAllConnections();
    localApi?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("accepts the machine's MagicDNS short name, FQDN and tailnet address with the app's port", async () => {
    const port = new URL(url).port;
    for (const host of [`machine:${port}`, `machine.tailnet.test:${port}`, `127.0.0.3:${port}`, 'proxy.example']) {
      expect((await send(url, host)).status, host).toBe(200);
    }
  });

  it('refuses other names, and the app names of managed mode, with 421', async () => {
    const port = new URL(url).port;
    for (const host of [`evil.example:${port}`, `whoami:${port}`, `localhost:${port}`, `machine:${Number(port) + 1}`]) {
      const res = await send(url, host);
      expect(res.status, host).toBe(421);
      expect(res.body).toContain('machine, machine.tailnet.test, 127.0.0.3');
    }
  });
});
