import { describe, expect, it } from 'vitest';
import {
  encodeQuery,
  fromByteString,
  parseQuery,
  pathEscape,
  queryEscape,
  toByteString,
  unescapeBytes,
} from './goescape.js';

// Tables from Go's net/url url_test.go.
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

  it('unescapes byte strings', () => {
    expect(unescapeBytes('a%2Fb+c', true)).toBe('a/b c');
    expect(unescapeBytes('a+b', false)).toBe('a+b');
    expect(unescapeBytes('%zz', true)).toBeUndefined();
    expect(unescapeBytes('%4', true)).toBeUndefined();
    expect(fromByteString(toByteString('héllo ☺'))).toBe('héllo ☺');
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
    expect(encodeQuery(parseQuery('a=%FF%fe&é=ü'))).toBe('a=%FF%FE&%C3%A9=%C3%BC');
  });
});
