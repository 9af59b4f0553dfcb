import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../../platform/go/float.js';
import { goQuote, sprint, sprintf, sprintValue } from './fmt.js';
import { GoTime, month } from './gotime.js';

describe('sprintf', () => {
  it.each([
    ['%s|%v|%q', ['a', 'b', 'c'], 'a|b|"c"'],
    [
      '%d|%+d|%5d|%-5d|%05d|%.3d|%x|%X|%#x|%o|%b|%c|%U',
      [42n, 42n, 42n, 42n, -42n, 7n, 255n, 255n, 255n, 8n, 5n, 9731n, 9731n],
      '42|+42|   42|42   |-0042|007|ff|FF|0xff|10|101|☃|U+2603',
    ],
    [
      '%f|%.2f|%8.3f|%-8.1f|%e|%E|%g|%G|%v',
      [1.23456, 1.23456, 1.23456, 1.23456, 1234.5678, 1234.5678, 1e-7, 1e21, 0.1],
      '1.234560|1.23|   1.235|1.2     |1.234568e+03|1.234568E+03|1e-07|1E+21|0.1',
    ],
    ['%t|%v|%s', [true, false, true], 'true|false|%!s(bool=true)'],
    ['%5s|%-5s|%.2s|%05s', ['ab', 'ab', 'abc', 'ab'], '   ab|ab   |ab|000ab'],
    ['%q|%#q|%q', ['a"b\n', 'raw', 65n], '"a\\"b\\n"|`raw`|\'A\''],
    ['%x|%X|% x', ['hi', 'hi', 'hi'], '6869|6869|6869'],
    [
      '%v|%d|%s',
      [
        [1n, 2n],
        [1n, 2n],
        ['a', 'b'],
      ],
      '[1 2]|[1 2]|[a b]',
    ],
    ['%v|%d', [month(3), month(3)], 'March|3'],
    ['%T|%T|%T|%T|%T', ['s', 1n, 1.5, true, [1n]], 'string|int|float64|bool|[]interface {}'],
    ['%*d|%-*d|%.*f', [4n, 7n, 4n, 7n, 1n, 2.25], '   7|7   |2.2'],
    ['%d%%', [50n], '50%'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%d %d', [1n], '1 %!d(MISSING)'],
    ['%d', [1n, 'x', 2n], '1%!(EXTRA string=x, int=2)'],
    ['%', [], '%!(NOVERB)'],
    ['%z', [1n], '%!z(int=1)'],
    ['%10000000d', [1n], '%!(BADWIDTH)1'],
  ] as Array<[string, unknown[], string]>)('%j', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });
});

describe('Go value rendering', () => {
  it('formats floats like strconv', () => {
    expect(
      [1, 1.5, 1e6, 123456, 1234567, 1e20, 1e21, 1e-4, 1e-5, 0.000123, -0, 100, 3.0e-7].map((f) =>
        formatFloat(f, 'g', -1),
      ),
    ).toEqual([
      '1',
      '1.5',
      '1e+06',
      '123456',
      '1.234567e+06',
      '1e+20',
      '1e+21',
      '0.0001',
      '1e-05',
      '0.000123',
      '-0',
      '100',
      '3e-07',
    ]);
    expect(formatFloat(Number.NaN, 'g', -1)).toBe('NaN');
    expect(formatFloat(Number.POSITIVE_INFINITY, 'f', 2)).toBe('+Inf');
    expect(formatFloat(100, 'g', 3)).toBe('100');
    expect(formatFloat(1000, 'g', 3)).toBe('1e+03');
    expect(formatFloat(1.0, 'g', 3)).toBe('1');
    expect(formatFloat(2.5e21, 'f', 1)).toBe('2500000000000000000000.0');
    expect([0.5, 1.5, 2.5, 0.125, 1.005].map((f) => formatFloat(f, 'f', f < 1 ? 2 : 0))).toEqual([
      '0.50',
      '2',
      '2',
      '0.12',
      '1',
    ]);
    expect(formatFloat(2.675, 'f', 2)).toBe('2.67');
    expect(formatFloat(0, 'e', 2)).toBe('0.00e+00');
    expect(formatFloat(5e-324, 'e', 3)).toBe('4.941e-324');
  });

  it('prints values as fmt.Sprint', () => {
    expect(sprint(['a', 1n, 2n, 'b', true, false])).toBe('a1 2btrue false');
    expect(
      sprintValue(
        new Map<string, unknown>([
          ['b', 1n],
          ['a', [2n, 'x']],
        ]),
      ),
    ).toBe('map[a:[2 x] b:1]');
    expect(sprintValue(GoTime.date(2009, 11, 10, 23))).toBe('2009-11-10 23:00:00 +0000 UTC');
    expect(sprintValue(null)).toBe('<nil>');
  });

  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"\\\t\u0001é\u200b')).toBe('"a\\"\\\\\\t\\x01é\\u200b"');
  });
});
