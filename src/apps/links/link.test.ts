import { describe, expect, test } from 'vitest';
import { goJsonEncode } from '../../platform/go/json.js';
import { formatTime, parseTime, toGolinkJSON, ZERO_TIME } from './link.js';

describe('golink times', () => {
  test.each([
    ['0001-01-01T00:00:00Z', ZERO_TIME],
    ['1970-01-01T00:00:00Z', 0],
    ['2022-06-08T04:27:32Z', 1654662452],
  ])('%s round-trips', (text, secs) => {
    expect(parseTime(text)).toBe(secs);
    expect(formatTime(secs)).toBe(text);
  });

  test('fractions are dropped and offsets applied', () => {
    expect(parseTime('2022-06-03T22:15:29.993978392Z')).toBe(parseTime('2022-06-03T22:15:29Z'));
    expect(parseTime('2023-01-02T03:04:05+02:00')).toBe(parseTime('2023-01-02T01:04:05Z'));
    expect(parseTime('2023-01-02T03:04:05-00:30')).toBe(parseTime('2023-01-02T03:34:05Z'));
  });

  test.each(['yesterday', '2022-13-01T00:00:00Z', '2022-06-08 04:27:32', '2022-06-08T04:27:32'])('%s is rejected', (text) => {
    expect(parseTime(text)).toBeUndefined();
  });
});

describe('golink JSON (goJsonEncode)', () => {
  test('escapes like Go’s json.Encoder and ends with a newline', () => {
    expect(goJsonEncode({ Long: 'https://x/?a=1&b=<2>\u2028' })).toBe('{"Long":"https://x/?a=1\\u0026b=\\u003c2\\u003e\\u2028"}\n');
  });

  test('indents like Go’s SetIndent("", "  ")', () => {
    const link = { short: 'a', long: '', created: ZERO_TIME, lastEdit: 0, owner: 'o', description: 'd' };
    expect(goJsonEncode(toGolinkJSON(link), 2)).toBe(
      '{\n  "Short": "a",\n  "Long": "",\n  "Created": "0001-01-01T00:00:00Z",\n  "LastEdit": "1970-01-01T00:00:00Z",\n  "Owner": "o"\n}\n',
    );
  });
});
