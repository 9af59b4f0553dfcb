import { describe, expect, it } from 'vitest';
import { cleanPath, headerValue, hexEscapeNonASCII, muxCleanPath, redirectLocation } from './gohttp.js';

describe('cleanPath (path.Clean)', () => {
  it.each([
    ['', '.'],
    ['abc', 'abc'],
    ['abc/def/', 'abc/def'],
    ['a/b/c/./../../g', 'a/g'],
    ['/', '/'],
    ['//abc', '/abc'],
    ['/abc/', '/abc'],
    ['/../abc', '/abc'],
    ['abc/../../../def', '../../def'],
    ['/a/./b/../../c/', '/c'],
    ['../..', '../..'],
    ['abc/..', '.'],
  ])('%j → %j', (p, want) => {
    expect(cleanPath(p)).toBe(want);
  });
});

describe('muxCleanPath (ServeMux’s cleanPath)', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['/.', '/'],
    ['.detail', '/.detail'],
    ['/.detail/a/../b/', '/.detail/b/'],
    ['/.export//', '/.export/'],
    ['/a/b/..', '/a'],
  ])('%j → %j', (p, want) => {
    expect(muxCleanPath(p)).toBe(want);
  });
});

describe('http.Redirect’s Location', () => {
  it('cleans a relative target, keeping a trailing slash and the query as they are', () => {
    expect(redirectLocation('/a+', '/.detail/a')).toBe('/.detail/a');
    expect(redirectLocation('/..+', '/.detail/..')).toBe('/');
    expect(redirectLocation('/x/y', 'z/./w/')).toBe('/x/z/w/');
    expect(redirectLocation('/a', '/.detail/a?b/../c')).toBe('/.detail/a?b/../c');
    expect(redirectLocation('/a', '/.detail/a b#c')).toBe('/.detail/a b#c');
  });

  it('sends a URL that url.Parse refuses unchanged, and non-ASCII bytes as %xx', () => {
    expect(redirectLocation('/a', '/.detail/a%/../b')).toBe('/.detail/a%/../b');
    expect(redirectLocation('/a', '/.detail/\xc3\xbc')).toBe('/.detail/%c3%bc');
    expect(hexEscapeNonASCII('/\xc3\xbc/\xff')).toBe('/%c3%bc/%ff');
    expect(redirectLocation('/a', 'http://h/../x')).toBe('http://h/../x');
  });

  it('writes header values as Go does, within what Node can send', () => {
    expect(headerValue('https://h/a%20b')).toBe('https://h/a%20b');
    expect(headerValue(' /a\r\nb ')).toBe('/a  b');
    expect(headerValue('/a\x01b\x7f')).toBe('/a%01b%7F');
  });
});
