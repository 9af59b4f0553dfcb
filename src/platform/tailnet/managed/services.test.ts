/**
 * The services layout's prefs and serve config, and the bring-up step that posts them. No control
 * server here (Headscale, the only one the tailnet suite runs, has no Tailscale Services), so the
 * bring-up step runs against a stand-in for tailscaled's LocalAPI: a real HTTP server on a real
 * unix socket that records what it is sent and answers `status` the way tailscaled does once
 * control has (or has not) given the services their addresses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalApiClient } from '../localapi.js';
import { StatusSchema } from '../localapi-types.js';
import {
  ServicesUnavailableError,
  advertiseServices,
  buildServicesServeConfig,
  checkServicesVersion,
  serviceAddresses,
  serviceName,
  servicesPrefs,
} from './services.js';

const hostCap = { 'svc:go': ['100.100.1.2', 'fd7a:115c:a1e0::1:2'], 'svc:paste': ['100.100.1.3'] };

function status(withServices: boolean): Record<string, unknown> {
  return {
    Version: '1.102.3-t0000',
    BackendState: 'Running',
    MagicDNSSuffix: 'tail1234.ts.net',
    TailscaleIPs: ['100.64.0.9'],
    Self: { ID: 'n9', HostName: 'tailyard', DNSName: 'tailyard.tail1234.ts.net.', CapMap: withServices ? { 'service-host': [hostCap], 'https://tailscale.com/cap/is-admin': null } : {} },
  };
}

describe('services layout: pure pieces', () => {
  it('names services after the app hostnames and advertises them in prefs', () => {
    expect(serviceName('go')).toBe('svc:go');
    expect(servicesPrefs(['svc:go', 'svc:paste'])).toEqual({ AdvertiseServices: ['svc:go', 'svc:paste'], AdvertiseServicesSet: true });
  });

  it('forwards each service with a PROXY v2 header to its own backend on 127.0.0.2', () => {
    const services = [
      { service: 'svc:go', backendPort: 18080 },
      { service: 'svc:paste', backendPort: 18081 },
    ];
    expect(buildServicesServeConfig(services, { tls: false, suffix: 'tail1234.ts.net' })).toEqual({
      Services: {
        'svc:go': { TCP: { '80': { TCPForward: '127.0.0.2:18080', ProxyProtocol: 2 } } },
        'svc:paste': { TCP: { '80': { TCPForward: '127.0.0.2:18081', ProxyProtocol: 2 } } },
      },
    });
    expect(buildServicesServeConfig(services.slice(0, 1), { tls: true, suffix: 'tail1234.ts.net' })).toEqual({
      Services: {
        'svc:go': {
          TCP: { '80': { HTTP: true }, '443': { TCPForward: '127.0.0.2:18080', TerminateTLS: 'go.tail1234.ts.net', ProxyProtocol: 2 } },
          Web: { 'go.tail1234.ts.net:80': { Handlers: { '/': { Redirect: `301:https://go.tail1234.ts.net$\{REQUEST_URI}` } } } },
        },
      },
    });
  });

  it("reads each service's addresses from Self's service-host capability", () => {
    expect(serviceAddresses(StatusSchema.parse(status(true)))).toEqual(hostCap);
    expect(serviceAddresses(StatusSchema.parse(status(false)))).toEqual({});
  });

  it('needs a tailscaled whose WhoIs takes svc_name (1.100 or newer)', () => {
    expect(() => checkServicesVersion('1.98.10-ERR-BuildInfo')).toThrow(/needs tailscaled 1\.100 or newer .* this one is 1\.98\.10-ERR-BuildInfo/);
    expect(() => checkServicesVersion('')).toThrow(/unknown version/);
    for (const v of ['1.100.0', '1.102.3-ERR-BuildInfo', '2.0.0']) expect(() => checkServicesVersion(v)).not.toThrow();
  });
});

describe('services layout: bring-up against a LocalAPI stand-in', () => {
  let dir: string;
  let server: Server;
  let client: LocalApiClient;
  let seen: Array<{ method: string; path: string; body: unknown }>;
  /** How many `status` answers come before control has given the services their addresses. */
  let statusesBeforeAddresses: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tailyard-svc-'));
    const socketPath = join(dir, 'tailscaled.sock');
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        const path = req.url?.replace('/localapi/v0/', '') ?? '';
        seen.push({ method: req.method ?? '', path, body: text ? JSON.parse(text) : undefined });
        if (path.startsWith('status')) {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(status(statusesBeforeAddresses-- <= 0)));
        } else if (path === 'prefs' && req.method === 'PATCH') {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ WantRunning: true, AdvertiseServices: JSON.parse(text).AdvertiseServices }));
        } else if (path === 'serve-config' && req.method === 'POST') {
          res.writeHead(200).end();
        } else res.writeHead(404).end('not found\n');
      });
    });
    await new Promise<void>((r) => server.listen(socketPath, r));
    client = new LocalApiClient({ socketPath });
  });

  beforeEach(() => {
    seen = [];
  });

  afterAll(async () => {
    await client.close();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  const services = [
    { service: 'svc:go', backendPort: 18080 },
    { service: 'svc:paste', backendPort: 18081 },
  ];

  it('advertises the services, waits for their addresses, then clears and posts their serve config', async () => {
    statusesBeforeAddresses = 2;
    const addrs = await advertiseServices(client, services, { timeoutMs: 5000, pollMs: 10 });
    expect(addrs).toEqual(hostCap);
    expect(seen[0]).toEqual({ method: 'PATCH', path: 'prefs', body: { AdvertiseServices: ['svc:go', 'svc:paste'], AdvertiseServicesSet: true } });
    expect(seen.filter((r) => r.path.startsWith('status'))).toHaveLength(3);
    expect(seen.filter((r) => r.path === 'serve-config').map((r) => r.body)).toEqual([{}, buildServicesServeConfig(services, { tls: false, suffix: 'tail1234.ts.net' })]);
  });

  it('fails with a message that says what is missing when no address reaches the netmap in time', async () => {
    statusesBeforeAddresses = Number.POSITIVE_INFINITY;
    const err = await advertiseServices(client, services, { timeoutMs: 200, pollMs: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServicesUnavailableError);
    expect((err as Error).message).toMatch(/^no address for svc:go, svc:paste reached this node's netmap within 0\.2 s\. Tailscale Services need a control server that has them \(Tailscale's; Headscale has none\)/);
    expect((err as Error).message).toContain('tailnet.layout "node-per-app"');
    expect(seen.some((r) => r.path === 'serve-config')).toBe(false);
  });
});
