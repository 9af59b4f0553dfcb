import { describe, expect, it } from 'vitest';
import { GoURLError, parseGoURL } from './gourl.js';

describe('parseGoURL', () => {
  it('splits absolute, relative and opaque URLs', () => {
    expect(parseGoURL('HTTP://user:pw@Go:80/meet/a%2Fb?x=1&y#frag?z')).toEqual({
      scheme: 'http',
      host: 'Go:80',
      path: '/meet/a/b',
      base: 'HTTP://user:pw@Go:80/meet/a%2Fb',
      rawQuery: 'x=1&y',
      rawFragment: 'frag?z',
    });
    expect(parseGoURL('/rel?a=1')).toMatchObject({ scheme: '', host: '', path: '/rel', rawQuery: 'a=1' });
    expect(parseGoURL('rel/a')).toMatchObject({ host: '', path: 'rel/a', rawQuery: undefined });
    expect(parseGoURL('go/meet')).toMatchObject({ host: '', path: 'go/meet' });
    expect(parseGoURL('//go/x')).toMatchObject({ host: 'go', path: '/x' });
    expect(parseGoURL('mailto:a@b.c?subject=hi')).toMatchObject({
      scheme: 'mailto',
      host: '',
      path: '',
      rawQuery: 'subject=hi',
    });
    expect(parseGoURL('https://roamresearch.com/#/app/page')).toMatchObject({ path: '/', rawFragment: '/app/page' });
    expect(parseGoURL('')).toMatchObject({ path: '', base: '' });
    expect(parseGoURL('a:b/c')).toMatchObject({ scheme: 'a', path: '' });
  });

  it.each([
    ['http://host/%zz', 'parse "http://host/%zz": invalid URL escape "%zz"'],
    ['http://host/x#%4', 'parse "http://host/x#%4": invalid URL escape "%4"'],
    [':foo', 'parse ":foo": missing protocol scheme'],
    ['1a:b', 'parse "1a:b": first path segment in URL cannot contain colon'],
    ['http://host:8x/', 'parse "http://host:8x/": invalid port ":8x" after host'],
    ['http://ho st/', 'parse "http://ho st/": invalid character " " in host name'],
    ['http://[::1/', 'parse "http://[::1/": missing \']\' in host'],
    ['http://a b@host/', 'parse "http://a b@host/": net/url: invalid userinfo'],
    ['http://host/\n', 'parse "http://host/\\n": net/url: invalid control character in URL'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseGoURL(raw)).toThrow(GoURLError);
    expect(() => parseGoURL(raw)).toThrow(message);
  });
});
