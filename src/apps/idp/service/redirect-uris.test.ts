import { describe, expect, it } from 'vitest';
import { isLoopbackRedirect, matchesRegistered, redirectUriProblem, splitRedirectUris, withParams } from './redirect-uris.js';

describe('redirect URIs', () => {
  it('accepts web, loopback and native-app URIs', () => {
    for (const ok of ['https://rp.example/cb', 'http://127.0.0.1:8080/cb', 'com.example.app:/oauth', 'myapp://callback']) {
      expect(redirectUriProblem(ok), ok).toBeUndefined();
    }
  });

  it('refuses dangerous schemes, relative URIs, hostless http and fragments with a reason', () => {
    expect(redirectUriProblem('javascript:alert(1)')).toMatch(/"javascript" scheme/);
    expect(redirectUriProblem('data:text/html,x')).toMatch(/"data" scheme/);
    expect(redirectUriProblem('/cb')).toMatch(/not an absolute URI/);
    expect(redirectUriProblem('http:///cb')).toBeDefined();
    expect(redirectUriProblem('https://rp.example/cb#x')).toMatch(/fragment/);
  });

  it('matches byte for byte, without normalising', () => {
    expect(matchesRegistered(['https://rp.example/cb'], 'https://rp.example/cb')).toBe(true);
    expect(matchesRegistered(['https://rp.example/cb'], 'https://rp.example/cb/')).toBe(false);
    expect(matchesRegistered(['https://rp.example/cb'], 'https://RP.example/cb')).toBe(false);
    expect(matchesRegistered(['https://rp.example:8443/cb'], 'https://rp.example:9443/cb')).toBe(false);
  });

  it('lets native loopback redirects use any port (RFC 8252 §7.3)', () => {
    expect(matchesRegistered(['http://127.0.0.1/cb'], 'http://127.0.0.1:51234/cb')).toBe(true);
    expect(matchesRegistered(['http://127.0.0.1:1/cb'], 'http://127.0.0.1:51234/cb')).toBe(true);
    expect(matchesRegistered(['http://[::1]/cb'], 'http://[::1]:4000/cb')).toBe(true);
    expect(matchesRegistered(['http://127.0.0.1/cb'], 'http://127.0.0.1:51234/other')).toBe(false);
    expect(matchesRegistered(['http://127.0.0.1/cb'], 'https://127.0.0.1:51234/cb')).toBe(false);
    expect(matchesRegistered(['https://rp.example/cb'], 'http://127.0.0.1:5/cb')).toBe(false);
    expect(isLoopbackRedirect('http://localhost:3000/x')).toBe(true);
  });

  it('merges parameters into the existing query with sorted keys, like tsidp', () => {
    expect(withParams('https://rp.example/cb?x=1', { state: 'st', code: 'abc' })).toBe('https://rp.example/cb?code=abc&state=st&x=1');
    expect(withParams('https://rp.example/cb', { code: 'c', state: '' })).toBe('https://rp.example/cb?code=c');
  });

  it('splits the admin form field', () => {
    expect(splitRedirectUris(' https://a/cb \r\n\nhttps://b/cb\n')).toEqual(['https://a/cb', 'https://b/cb']);
  });
});
