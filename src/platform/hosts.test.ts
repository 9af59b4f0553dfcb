import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HostAllowlist, hostGuard } from './hosts.js';

describe('HostAllowlist', () => {
  const hosts = new HostAllowlist(['proxy.example.com', 'alt.example:8443']);
  hosts.set(['go', 'go.tailnet.test.', '100.64.0.5', 'fd7a:115c:a1e0::5'], [80, 443]);

  it.each([
    'go',
    'go:80',
    'go:443',
    'GO',
    'go.tailnet.test',
    'go.tailnet.test.',
    'go.tailnet.test.:80',
    '100.64.0.5',
    '100.64.0.5:443',
    '[fd7a:115c:a1e0::5]',
    '[fd7a:115c:a1e0::5]:80',
    'proxy.example.com',
    'proxy.example.com:443',
    'alt.example:8443',
  ])('accepts %s', (host) => {
    expect(hosts.allows(host)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:80',
    'go:8080',
    'go.evil.example',
    'go.tailnet.test.evil.example',
    '100.64.0.6',
    '100.64.0.5:22',
    'fd7a:115c:a1e0::5',
    'alt.example',
    'localhost',
    '127.0.0.1:80',
  ])('refuses %s', (host) => {
    expect(hosts.allows(host)).toBe(false);
  });

  it('keeps the extra names when the tailnet names change', () => {
    const h = new HostAllowlist(['proxy.example.com']);
    h.set(['go'], [80]);
    h.set(['go-2'], [80]);
    expect(h.allows('go')).toBe(false);
    expect(h.allows('go-2:80')).toBe(true);
    expect(h.allows('proxy.example.com:80')).toBe(true);
    expect(h.describe()).toBe('go-2, proxy.example.com');
  });
});

describe('hostGuard', () => {
  it('answers 421 naming the expected hosts and never calls the app', async () => {
    const hosts = new HostAllowlist();
    let reached = 0;
    let refused = 0;
    const server = createServer(
      hostGuard(
        hosts,
        (_req, res) => {
          reached++;
          res.end('app');
        },
        { hint: 'add it to apps.x.extraHosts', onRefused: () => refused++ },
      ),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    hosts.set(['127.0.0.1', 'localhost'], [port]);
    const get = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
    try {
      expect(await get(`localhost:${port}`)).toEqual({ status: 200, body: 'app' });
      const bad = await get(`evil.example:${port}`);
      expect(bad.status).toBe(421);
      expect(bad.body).toBe('misdirected request: this server answers only to 127.0.0.1, localhost; add it to apps.x.extraHosts\n');
      expect({ reached, refused }).toEqual({ reached: 1, refused: 1 });
    } finally {
      server.close();
    }
  });
});
