import { describe, expect, it } from 'vitest';
import { crossOriginGuard, hasApiClientMarker } from './csrf.js';

const HOST = 'go:8080';
const guard = crossOriginGuard([
  { method: 'POST', path: '/token' },
  { method: '*', path: '/oauth/*' },
]);

/** Every combination of Sec-Fetch-Site × Origin, with the verdict the rule gives. */
const SITES = [undefined, 'same-origin', 'none', 'same-site', 'cross-site', 'bogus'] as const;
const ORIGINS = [undefined, `http://${HOST}`, 'https://GO:8080', 'http://evil.example', 'null', 'not a url'] as const;

function expected(site: (typeof SITES)[number], origin: (typeof ORIGINS)[number]): 'pass' | 'refuse' {
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? 'pass' : 'refuse';
  if (origin === undefined) return 'pass';
  return origin.toLowerCase().endsWith(`//${HOST}`) ? 'pass' : 'refuse';
}

function headersOf(site?: string, origin?: string, extra: Record<string, string> = {}) {
  return {
    host: HOST,
    ...(site !== undefined ? { 'sec-fetch-site': site } : {}),
    ...(origin !== undefined ? { origin } : {}),
    ...extra,
  };
}

describe('crossOriginGuard', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    for (const site of SITES) {
      for (const origin of ORIGINS) {
        const want = expected(site, origin);
        it(`${method} with Sec-Fetch-Site=${site ?? '-'} Origin=${origin ?? '-'} → ${want}`, () => {
          const verdict = guard(method, '/x', headersOf(site, origin));
          if (want === 'pass') expect(verdict).toBeUndefined();
          else expect(verdict).toMatch(site !== undefined ? /Sec-Fetch-Site is/ : /Origin .* is not this site/);
        });
      }
    }
  }

  it('lets safe methods through whatever the headers say', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(guard(method, '/x', headersOf('cross-site', 'http://evil.example'))).toBeUndefined();
    }
  });

  it('lets API clients marked with a non-browser Sec-* header through, even cross-site', () => {
    for (const h of ['sec-golink', 'sec-x-tailscale-no-browsers', 'sec-tailsql']) {
      expect(guard('POST', '/x', headersOf('cross-site', 'http://evil.example', { [h]: '1' })), h).toBeUndefined();
    }
  });

  it('does not take browser-set Sec-* headers for API markers', () => {
    for (const h of ['sec-fetch-mode', 'sec-fetch-dest', 'sec-ch-ua', 'sec-gpc', 'sec-purpose', 'sec-websocket-key']) {
      expect(hasApiClientMarker({ [h]: '1' }), h).toBe(false);
      expect(guard('POST', '/x', headersOf('cross-site', undefined, { [h]: '1' })), h).toBeDefined();
    }
  });

  it('exempts declared routes by method and exact path or prefix, and nothing else', () => {
    const evil = headersOf('cross-site', 'http://evil.example');
    expect(guard('POST', '/token', evil)).toBeUndefined();
    expect(guard('DELETE', '/token', evil)).toBeDefined();
    expect(guard('POST', '/token/x', evil)).toBeDefined();
    expect(guard('POST', '/tokens', evil)).toBeDefined();
    expect(guard('PUT', '/oauth/anything', evil)).toBeUndefined();
    expect(guard('DELETE', '/oauth/', evil)).toBeUndefined();
    expect(guard('POST', '/oauth', evil)).toBeDefined();
  });

  it('refuses a DELETE without a body from a cross-site page, and allows it same-origin or from curl', () => {
    expect(guard('DELETE', '/paste/1', headersOf('cross-site'))).toBeDefined();
    expect(guard('DELETE', '/paste/1', headersOf(undefined, 'http://evil.example'))).toBeDefined();
    expect(guard('DELETE', '/paste/1', headersOf('same-origin'))).toBeUndefined();
    expect(guard('DELETE', '/paste/1', headersOf())).toBeUndefined();
  });
});
