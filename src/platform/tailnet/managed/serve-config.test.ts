import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HSTS_VALUE, buildServeConfig, withHsts } from './serve-config.js';

describe('buildServeConfig', () => {
  it('forwards port 80 with PROXY v2 to 127.0.0.2 when there are no certificates', () => {
    expect(buildServeConfig({ backendPort: 18080, fqdn: 'go.tailnet.test', tls: false, funnel: true })).toEqual({
      TCP: { '80': { TCPForward: '127.0.0.2:18080', ProxyProtocol: 2 } },
    });
  });

  it('terminates TLS on 443 and redirects 80 to the https FQDN keeping the request URI', () => {
    const c = buildServeConfig({ backendPort: 18080, fqdn: 'go.tail1.ts.net', tls: true, funnel: false });
    expect(c.TCP).toEqual({
      '80': { HTTP: true },
      '443': { TCPForward: '127.0.0.2:18080', TerminateTLS: 'go.tail1.ts.net', ProxyProtocol: 2 },
    });
    // ${REQUEST_URI} is expanded by tailscaled, not by us.
    expect(c.Web?.['go.tail1.ts.net:80']?.Handlers['/']?.Redirect).toBe(`301:https://go.tail1.ts.net$\{REQUEST_URI}`);
    expect(c.AllowFunnel).toBeUndefined();
  });

  it('allows Funnel on 443 only for funnel apps with TLS', () => {
    const c = buildServeConfig({ backendPort: 1, fqdn: 'paste.tail1.ts.net', tls: true, funnel: true });
    expect(c.AllowFunnel).toEqual({ 'paste.tail1.ts.net:443': true });
  });
});

describe('withHsts', () => {
  function run(host: string): string | undefined {
    const headers = new Map<string, string>();
    const res = { setHeader: (k: string, v: string) => headers.set(k.toLowerCase(), v) } as unknown as ServerResponse & { req: IncomingMessage };
    const req = { headers: { host } } as IncomingMessage;
    let called = false;
    withHsts(() => {
      called = true;
    })(req, res);
    expect(called).toBe(true);
    return headers.get('strict-transport-security');
  }

  it('sends HSTS on FQDN hosts only', () => {
    expect(run('go.tail1.ts.net')).toBe(HSTS_VALUE);
    expect(run('go.tail1.ts.net:443')).toBe(HSTS_VALUE);
    expect(run('go')).toBeUndefined();
    expect(run('100.64.0.5')).toBeUndefined();
    expect(run('[fd7a::5]:443')).toBeUndefined();
  });
});
