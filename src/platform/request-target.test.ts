import { describe, expect, it } from 'vitest';
import { routableTarget } from './request-target.js';

describe('routableTarget', () => {
  it('leaves targets the node adapter takes as they are', () => {
    for (const t of ['/', '/gh/x?y=1', '//a/./b', '/a?x=\\y', 'http://go/gh']) expect(routableTarget(t), t).toBeUndefined();
  });

  it('gives a stand-in that routes where Go routes for the ones it refuses', () => {
    expect(routableTarget('/a\\b?x=\\')).toBe('/a%5Cb?x=\\');
    expect(routableTarget('\\LOw')).toBeUndefined(); // no request target at all: the adapter's 400 stands
    expect(routableTarget('*')).toBe('/*');
    expect(routableTarget('HTTP://GO/GH?x=1')).toBe('/GH?x=1');
    expect(routableTarget('Http://Go:8080/.eXport/a//b')).toBe('/.eXport/a//b');
    expect(routableTarget('HTTPS://user@go')).toBe('/');
    expect(routableTarget('ftp://go./x\\y')).toBe('/x%5Cy');
    expect(routableTarget('HTTPS://[::1]?q')).toBe('/?q');
    expect(routableTarget('http://go/a\\b')).toBe('/a%5Cb');
  });
});
