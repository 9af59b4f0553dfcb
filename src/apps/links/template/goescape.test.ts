import { describe, expect, it } from 'vitest';
import {
  EscapeError,
  type EscapeMode,
  encodeQuery,
  escapeBytes,
  fromByteString,
  InvalidHostError,
  MAX_QUERY_PARAMS,
  parseQuery,
  pathEscape,
  queryEscape,
  quoteBytes,
  shouldEscape,
  toByteString,
  unescapeBytes,
} from './goescape.js';

const special = ' ?&=#+%!<>#"{}|\\^[]`☺\t:/@$\'()*,;';

describe('Go URL escaping', () => {
  it('PathEscape', () => {
    expect(pathEscape('')).toBe('');
    expect(pathEscape('abc')).toBe('abc');
    expect(pathEscape('abc+def')).toBe('abc+def');
    expect(pathEscape('a/b')).toBe('a%2Fb');
    expect(pathEscape('one two')).toBe('one%20two');
    expect(pathEscape('10%')).toBe('10%25');
    expect(pathEscape(special)).toBe(
      '%20%3F&=%23+%25%21%3C%3E%23%22%7B%7D%7C%5C%5E%5B%5D%60%E2%98%BA%09:%2F@$%27%28%29%2A%2C%3B',
    );
    expect(pathEscape('a/b+c')).toBe('a%2Fb+c');
  });

  it('QueryEscape', () => {
    expect(queryEscape('')).toBe('');
    expect(queryEscape('abc')).toBe('abc');
    expect(queryEscape('one two')).toBe('one+two');
    expect(queryEscape('10%')).toBe('10%25');
    expect(queryEscape(special)).toBe(
      '+%3F%26%3D%23%2B%25%21%3C%3E%23%22%7B%7D%7C%5C%5E%5B%5D%60%E2%98%BA%09%3A%2F%40%24%27%28%29%2A%2C%3B',
    );
    expect(queryEscape('a/b+c')).toBe('a%2Fb%2Bc');
    expect(queryEscape('-_.~')).toBe('-_.~');
  });

  // Which of the punctuation bytes each mode escapes; letters, digits and -_.~ never are.
  it.each<[EscapeMode, string]>([
    ['path', ' !"#%\'()*<>?[\\]^`{|}'],
    ['pathSegment', ' !"#%\'()*,/;<>?[\\]^`{|}'],
    ['host', ' #%/?@\\^`{|}'],
    ['zone', ' #%/?@\\^`{|}'],
    ['userPassword', ' !"#%\'()*/:<>?@[\\]^`{|}'],
    ['queryComponent', ' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}'],
    ['fragment', ' "#%\'<>[\\]^`{|}'],
  ])('shouldEscape in %s mode', (mode, escaped) => {
    const punct = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    const got = [...punct].filter((ch) => shouldEscape(ch.charCodeAt(0), mode)).join('');
    expect(got).toBe(escaped);
    for (const c of [0x00, 0x1f, 0x7f, 0x80, 0xff]) expect(shouldEscape(c, mode)).toBe(true);
    for (const ch of 'aZ09-_.~') expect(shouldEscape(ch.charCodeAt(0), mode)).toBe(false);
  });

  it('escapes byte strings per mode, upper-case hex', () => {
    expect(escapeBytes('/a b/[y]/(x)?', 'path')).toBe('/a%20b/%5By%5D/%28x%29%3F');
    expect(escapeBytes('/top/%23 (x)', 'fragment')).toBe('/top/%2523%20(x)');
    expect(escapeBytes('\xc3\xbc', 'path')).toBe('%C3%BC');
    expect(escapeBytes('a b', 'queryComponent')).toBe('a+b');
    expect(escapeBytes('plain', 'path')).toBe('plain');
  });

  it('unescapes per mode, with Go’s errors', () => {
    expect(unescapeBytes('a%2Fb+c', 'queryComponent')).toBe('a/b c');
    expect(unescapeBytes('a%2Fb+c', 'path')).toBe('a/b+c');
    expect(unescapeBytes('%C3%bc', 'path')).toBe('\xc3\xbc');
    expect(() => unescapeBytes('%zz', 'path')).toThrow(new EscapeError('%zz'));
    expect(() => unescapeBytes('ab%4', 'path')).toThrow('invalid URL escape "%4"');
    expect(() => unescapeBytes('%', 'queryComponent')).toThrow('invalid URL escape "%"');
    // Hosts may %-encode only non-ASCII bytes (and %25); zones only what a host could hold.
    expect(unescapeBytes('%C3%A9x', 'host')).toBe('\xc3\xa9x');
    expect(() => unescapeBytes('%41', 'host')).toThrow('invalid URL escape "%41"');
    expect(() => unescapeBytes('a b', 'host')).toThrow(new InvalidHostError(' '));
    expect(() => unescapeBytes('a b', 'host')).toThrow('invalid character " " in host name');
    expect(unescapeBytes('%25en%20', 'zone')).toBe('%en ');
    expect(() => unescapeBytes('%25%2F', 'zone')).toThrow('invalid URL escape "%2F"');
  });

  it('keeps bytes that are not UTF-8 through text and back', () => {
    expect(toByteString('é')).toBe('\xc3\xa9');
    expect(fromByteString(toByteString('héllo ☺ 😀'))).toBe('héllo ☺ 😀');
    expect(fromByteString('\xc3\xbc\xff')).toBe('ü\udcff');
    expect(toByteString('ü\udcff')).toBe('\xc3\xbc\xff');
    for (const bytes of ['\xe4', '\xc3', '\xed\xa0\x80', '\xf5\x80\x80\x80', '\xc0\xaf', '\xe0\x80\xaf', 'a\xffb\xc3\xbc']) {
      expect(toByteString(fromByteString(bytes))).toBe(bytes);
    }
    // A lone surrogate that does not stand for a byte is not UTF-8: Go writes U+FFFD.
    expect(toByteString('\ud800')).toBe('\xef\xbf\xbd');
  });

  it('quotes byte strings like strconv.Quote', () => {
    expect(quoteBytes('%zz')).toBe('"%zz"');
    expect(quoteBytes('a"\\\n\x01')).toBe('"a\\"\\\\\\n\\x01"');
    expect(quoteBytes('\xc3\xbc\xff')).toBe('"ü\\xff"');
  });
});

describe('ParseQuery / Values.Encode', () => {
  it('parses like Go, dropping bad pairs', () => {
    expect(parseQuery('a=1&a=2&b=x+y&c&&d=%41')).toEqual(
      new Map([
        ['a', ['1', '2']],
        ['b', ['x y']],
        ['c', ['']],
        ['d', ['A']],
      ]),
    );
    expect(parseQuery('a=1;b=2&c=%zz&d=3')).toEqual(new Map([['d', ['3']]]));
    expect(parseQuery('=v')).toEqual(new Map([['', ['v']]]));
    expect(parseQuery('')).toEqual(new Map());
  });

  it('gives nothing at all past the parameter cap', () => {
    const at = Array.from({ length: MAX_QUERY_PARAMS }, () => 'a=1').join('&');
    expect(parseQuery(at).get('a')).toHaveLength(MAX_QUERY_PARAMS);
    expect(parseQuery(`${at}&`).size).toBe(0);
  });

  it('encodes with sorted keys and QueryEscape', () => {
    expect(
      encodeQuery(
        new Map([
          ['b', ['2']],
          ['a', ['1', 'x y']],
          ['k/+', ['&']],
        ]),
      ),
    ).toBe('a=1&a=x+y&b=2&k%2F%2B=%26');
  });

  it('keeps bytes that are not UTF-8', () => {
    expect(encodeQuery(parseQuery('a=%FF%fe&\xc3\xa9=\xc3\xbc'))).toBe('a=%FF%FE&%C3%A9=%C3%BC');
  });
});
