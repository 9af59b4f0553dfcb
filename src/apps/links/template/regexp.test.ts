import { describe, expect, it } from 'vitest';
import { MAX_INPUT, goRegexpMatch as match } from './regexp.js';

describe('goRegexpMatch (RE2 syntax, unanchored)', () => {
  it.each([
    ['\\d+', '123', true],
    ['\\d+', 'query', false],
    ['^BUG-\\d+$', 'BUG-12', true],
    ['^BUG-\\d+$', 'xBUG-12', false],
    ['a|b', 'zzb', true],
    ['colou?r', 'color', true],
    ['a{2,3}', 'caab', true],
    ['a{2}', 'cab', false],
    ['a{2,}b', 'aaab', true],
    ['x{', 'x{', true],
    ['[a-c]+z', 'bbz', true],
    ['[^a-c]', 'abc', false],
    ['[]a]', ']', true],
    ['[a-]', '-', true],
    ['[[:digit:]]+', 'x9', true],
    ['[[:^alpha:]]', 'abc', false],
    ['[\\d.]+', '1.2', true],
    ['\\w+@\\w+', 'me@host', true],
    ['\\s', 'a b', true],
    ['\\S', '   ', false],
    ['\\bfoo\\b', 'a foo b', true],
    ['\\bfoo\\b', 'afoob', false],
    ['\\Bfoo', 'afoo', true],
    ['(?i)hello', 'HeLLo', true],
    ['(?i:a)b', 'Ab', true],
    ['(?i:a)b', 'AB', false],
    ['a.c', 'a\nc', false],
    ['(?s)a.c', 'a\nc', true],
    ['^b', 'a\nb', false],
    ['(?m)^b$', 'a\nb\nc', true],
    ['\\Aa', 'ba', false],
    ['a\\z', 'ab', false],
    ['\\pL+', 'héllo', true],
    ['\\p{Greek}', 'αβ', true],
    ['\\PL', 'abc', false],
    ['\\p{^Greek}', 'α', false],
    ['\\Q.*\\E', 'a.*b', true],
    ['\\Q.*\\E', 'ab', false],
    ['\\x41\\x{263A}', 'A☺', true],
    ['\\101', 'A', true],
    ['\\.', 'a', false],
    ['(?P<year>\\d{4})-(?<m>\\d{2})', '2024-05', true],
    ['(?:ab)+$', 'ababab', true],
    ['', 'anything', true],
    ['a*?', '', true],
    ['[é-ü]', 'ñ', true],
  ] as Array<[string, string, boolean]>)('Match %j %j = %s', (pattern, s, want) => {
    expect(match(pattern, s)).toBe(want);
  });

  it.each([
    '(',
    ')',
    '[a',
    'a**',
    '*a',
    'x{2}{3}',
    '\\1',
    '(?=a)',
    '(?!a)',
    '(?<=a)b',
    '(?<!a)b',
    'a{1001}',
    'a{3,2}',
    '[z-a]',
    '\\p{Nope}',
    '\\',
    '\\q',
    '[[:nope:]]',
  ])('bad pattern %j is false, like golink', (pattern) => {
    expect(match(pattern, 'a')).toBe(false);
  });

  it('runs catastrophic-backtracking patterns in linear time', () => {
    const input = `${'a'.repeat(5000)}!`;
    const start = Date.now();
    for (const p of ['^(a+)+$', '^(a|a)*$', '^(a|aa)*b', '(a*)*b', '^(\\w+\\s?)*$', 'a*a*a*a*a*a*b']) {
      expect(match(p, input)).toBe(false);
    }
    expect(Date.now() - start).toBeLessThan(3000);
  });

  it('guards pattern size and input length', () => {
    expect(match('a'.repeat(1001), 'a')).toBe(false);
    expect(match('(a{1000}){1000}', 'a')).toBe(false);
    expect(() => match('a', 'b'.repeat(MAX_INPUT + 1))).toThrow(/longer than/);
  });
});
