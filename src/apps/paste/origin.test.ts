import { describe, expect, it } from 'vitest';
import { shareOrigin } from './origin.js';

describe('shareOrigin', () => {
  it('uses the HTTPS MagicDNS name when the node has certificates (managed mode)', () => {
    expect(shareOrigin(['https://paste/', 'https://paste.tail1234.ts.net/'])).toBe('https://paste.tail1234.ts.net');
  });

  it('uses the plain-HTTP MagicDNS name without certificates (Headscale)', () => {
    expect(shareOrigin(['http://paste/', 'http://paste.tailnet.test/'])).toBe('http://paste.tailnet.test');
  });

  it('uses the loopback address in dev mode', () => {
    expect(shareOrigin(['http://127.0.0.1:8081/'])).toBe('http://127.0.0.1:8081');
    expect(shareOrigin(['http://[::1]:8081/'])).toBe('http://[::1]:8081');
  });

  it('uses the first address in host mode, and the fallback before the app is served', () => {
    expect(shareOrigin(['http://100.64.0.5:8081/', 'http://[fd7a:115c:a1e0::5]:8081/'])).toBe('http://100.64.0.5:8081');
    expect(shareOrigin([], 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9');
  });
});
