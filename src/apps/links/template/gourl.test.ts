import { describe, expect, it } from 'vitest';
import { escapedPath, type GoURL, GoURLError, goURL, parseGoURL, parseRequestURI, parseURL, urlQuery, urlString } from './gourl.js';

describe('parseURL (url.Parse)', () => {
  it.each<[string, Partial<GoURL>]>([
    ['http://www.example.com', { scheme: 'http', host: 'www.example.com' }],
    ['HTTP://Go:80/meet', { scheme: 'http', host: 'Go:80', path: '/meet' }],
    ['http://h/file%20one%26two', { path: '/file one&two', rawPath: '/file%20one%26two' }],
    ['http://h/a%20b', { path: '/a b', rawPath: '' }],
    ['http://h/foo%2f/bar', { path: '/foo//bar', rawPath: '/foo%2f/bar' }],
    ['mailto:webmaster@example.com?subject=hi', { scheme: 'mailto', opaque: 'webmaster@example.com', rawQuery: 'subject=hi' }],
    ['/foo?query=http://bad', { path: '/foo', rawQuery: 'query=http://bad' }],
    ['//foo', { host: 'foo' }],
    ['//user@foo/path?a=b', { user: { username: 'user' }, host: 'foo', path: '/path', rawQuery: 'a=b' }],
    ['///threeslashes', { path: '///threeslashes' }],
    ['http://user:pass%20word@h/', { user: { username: 'user', password: 'pass word' }, host: 'h', path: '/' }],
    ['http://j@ne:password@h', { user: { username: 'j@ne', password: 'password' }, host: 'h' }],
    ['http:/path', { scheme: 'http', path: '/path', omitHost: true }],
    ['http:///path', { scheme: 'http', path: '/path', omitHost: false }],
    ['http://x/?', { path: '/', forceQuery: true }],
    ['http://x/a?b?', { path: '/a', rawQuery: 'b?' }],
    ['http://x/#', { path: '/', fragment: '' }],
    ['http://x/#a%20b', { fragment: 'a b', rawFragment: '' }],
    ['http://x/#top/%23', { fragment: 'top/#', rawFragment: '' }],
    ['http://x/#%2F', { fragment: '/', rawFragment: '%2F' }],
    ['http://x/#f?z', { rawQuery: '', fragment: 'f?z' }],
    ['http://[fe80::1%25en0]:8080/', { host: '[fe80::1%en0]:8080', path: '/' }],
    ['http://[::ffff:127.0.0.1]/', { host: '[::ffff:127.0.0.1]' }],
    ['http://%C3%A9.example/', { host: '\xc3\xa9.example' }],
    ['postgres://a:1,b:2/db', { scheme: 'postgres', host: 'a:1,b:2', path: '/db' }],
    ['rel/a:b', { path: 'rel/a:b' }],
    ['*', { path: '*' }],
    ['', {}],
  ])('%j', (raw, want) => {
    expect(parseURL(raw)).toMatchObject(want);
  });

  it.each([
    ['http://host/%zz', 'parse "http://host/%zz": invalid URL escape "%zz"'],
    ['http://host/x#%4', 'parse "http://host/x#%4": invalid URL escape "%4"'],
    ['http://host/%zz#f', 'parse "http://host/%zz": invalid URL escape "%zz"'],
    [':foo', 'parse ":foo": missing protocol scheme'],
    ['1a:b', 'parse "1a:b": first path segment in URL cannot contain colon'],
    ['http://host:8x/', 'parse "http://host:8x/": invalid port ":8x" after host'],
    ['http://a:b:80/', 'parse "http://a:b:80/": invalid port ":b:80" after host'],
    ['http://ho st/', 'parse "http://ho st/": invalid character " " in host name'],
    ['http://%41/', 'parse "http://%41/": invalid URL escape "%41"'],
    ['http://[::1/', 'parse "http://[::1/": missing \']\' in host'],
    ['http://[::1]a/', 'parse "http://[::1]a/": invalid port "a" after host'],
    ['http://a[::1]/', 'parse "http://a[::1]/": invalid IP-literal'],
    ['http://[127.0.0.1]/', 'parse "http://[127.0.0.1]/": invalid IP-literal'],
    ['http://[1:2]/', 'parse "http://[1:2]/": invalid host: ParseAddr("1:2"): address string too short'],
    ['http://a b@host/', 'parse "http://a b@host/": net/url: invalid userinfo'],
    ['http://host/\n', 'parse "http://host/\\n": net/url: invalid control character in URL'],
    ['http://host/\x7f', 'parse "http://host/\\x7f": net/url: invalid control character in URL'],
    ['http://h/\xff%', 'parse "http://h/\\xff%": invalid URL escape "%"'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseURL(raw)).toThrow(GoURLError);
    expect(() => parseURL(raw)).toThrow(message);
  });

  it('parses text as its UTF-8 bytes', () => {
    expect(parseGoURL('https://ex.com/ü')).toMatchObject({ path: '/\xc3\xbc', rawPath: '/\xc3\xbc' });
  });
});

describe('parseRequestURI (url.ParseRequestURI)', () => {
  it('reads request targets as Go’s server does', () => {
    expect(parseRequestURI('/gh/a%20b?x=1')).toMatchObject({ path: '/gh/a b', rawQuery: 'x=1' });
    expect(parseRequestURI('//x/y')).toMatchObject({ host: '', path: '//x/y' });
    expect(parseRequestURI('/a#b?c')).toMatchObject({ path: '/a#b', rawQuery: 'c', fragment: '' });
    expect(parseRequestURI('http://h:8080/p?q')).toMatchObject({ host: 'h:8080', path: '/p', rawQuery: 'q' });
    expect(parseRequestURI('*')).toMatchObject({ path: '*' });
    expect(() => parseRequestURI('x')).toThrow('parse "x": invalid URI for request');
    expect(() => parseRequestURI('')).toThrow('parse "": empty url');
    expect(() => parseRequestURI('/%zz?a')).toThrow('parse "/%zz?a": invalid URL escape "%zz"');
  });
});

describe('urlString (URL.String)', () => {
  it.each([
    ['https://github.com/a b/[y]?x=1', 'https://github.com/a%20b/%5By%5D?x=1'],
    ['https://ex.com/100%25/(x)/[y]/', 'https://ex.com/100%25/(x)/[y]/'],
    ['https://ex.com/(x)/ü', 'https://ex.com/%28x%29/%C3%BC'],
    ['http://host.com/foo%2f/bar', 'http://host.com/foo%2f/bar'],
    ['http://host.com/foo%2f/bar/ü', 'http://host.com/foo//bar/%C3%BC'],
    ['https://ex.com/..%2F.', 'https://ex.com/..%2F.'],
    ['https://ex.com/a/../b/.', 'https://ex.com/a/../b/.'],
    ['https://ex.org/find?k=v&a=1/ü/?', 'https://ex.org/find?k=v&a=1/\xc3\xbc/?'],
    ['https://ex.com/page#top/a b', 'https://ex.com/page#top/a%20b'],
    ['https://ex.com/page#top/%23/(x)', 'https://ex.com/page#top/%23/(x)'],
    ['https://ex.com/page#', 'https://ex.com/page'],
    ['HTTP://h/?', 'http://h/?'],
    ['http:/path', 'http:/path'],
    ['http:///path', 'http:///path'],
    ['http://j@ne:p@ss@h/', 'http://j%40ne:p%40ss@h/'],
    ['http://[fe80::1%25en0]:8080/', 'http://[fe80::1%25en0]:8080/'],
    ['http://%C3%A9.example/', 'http://%C3%A9.example/'],
    ['mailto:a@b?x', 'mailto:a@b?x'],
    ['/cs/a b/?x=+', '/cs/a%20b/?x=+'],
    ['rel/a', 'rel/a'],
    ['*', '*'],
  ])('%j → %j', (raw, want) => {
    expect(urlString(parseGoURL(raw))).toBe(want);
  });

  it('guards a first path segment with a colon', () => {
    expect(urlString(goURL({ path: 'a:b/c' }))).toBe('./a:b/c');
    expect(urlString(goURL({ host: 'h', path: 'x' }))).toBe('//h/x');
  });

  it('uses the raw path only while it still spells the path', () => {
    const u = parseURL('/a%2Fb');
    expect(escapedPath(u)).toBe('/a%2Fb');
    expect(escapedPath({ ...u, path: '/other' })).toBe('/other');
  });

  it('reads the query like URL.Query', () => {
    expect(urlQuery(parseURL('/x?b=2&a=1&a=%zz'))).toEqual(
      new Map([
        ['b', ['2']],
        ['a', ['1']],
      ]),
    );
  });
});
