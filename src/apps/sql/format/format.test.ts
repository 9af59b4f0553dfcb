import { describe, expect, it } from 'vitest';
import { codePointCompare, csvField, FORMATS } from './encoders.js';
import { goFloatV } from '../../../platform/go/float.js';
import { goJsonString } from '../../../platform/go/json.js';
import { base64Padded, base64Raw, goJsonFloat, utf8OrUndefined } from './gofmt.js';
import { isTimeDeclType, parseDriverTime, rfc3339Nano, rfc3339Utc } from './gotime.js';
import { type Cell, cellJson, cellText } from './values.js';

describe('Go float formatting', () => {
  it('%v switches to exponents at 1e6 and below 1e-4, with two-digit exponents', () => {
    const cases: Array<[number, string]> = [
      [9.5, '9.5'], [-0.25, '-0.25'], [1e300, '1e+300'], [0.1, '0.1'], [1e21, '1e+21'], [123456789.125, '1.23456789125e+08'],
      [1e6, '1e+06'], [123456, '123456'], [0.0001, '0.0001'], [0.00001, '1e-05'], [42, '42'], [-0, '-0'], [0, '0'],
      [Number.POSITIVE_INFINITY, '+Inf'], [Number.NEGATIVE_INFINITY, '-Inf'], [Number.NaN, 'NaN'], [2.5e-10, '2.5e-10'],
      [1234567.5, '1.2345675e+06'], [-123456789.125, '-1.23456789125e+08'], [1e20, '1e+20'], [999999.9999, '999999.9999'], [1.5e15, '1.5e+15'],
    ];
    for (const [x, want] of cases) expect(goFloatV(x), String(x)).toBe(want);
  });

  it('JSON floats are plain decimal between 1e-6 and 1e21', () => {
    const cases: Array<[number, string]> = [
      [2.5e-10, '2.5e-10'], [1e100, '1e+100'], [42, '42'], [1e21, '1e+21'], [1e20, '100000000000000000000'],
      [0.000001, '0.000001'], [1e-7, '1e-7'], [-0, '-0'], [Number.POSITIVE_INFINITY, '"+Inf"'],
    ];
    for (const [x, want] of cases) expect(goJsonFloat(x), String(x)).toBe(want);
  });

  it('JSON strings escape HTML characters like encoding/json', () => {
    expect(goJsonString('a<b>&c\u2028')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028"');
    expect(goJsonString('tab\there\n"q"\u0001')).toBe('"tab\\there\\n\\"q\\"\\u0001"');
  });
});

describe('bytes', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  it('uses padded base64 in JSON and unpadded in CSV, text when valid UTF-8', () => {
    expect(base64Padded(new Uint8Array([1]))).toBe('AQ==');
    expect(base64Raw(new Uint8Array([1]))).toBe('AQ');
    expect(cellJson(png)).toBe('"iVBORwD/"');
    expect(cellText(new Uint8Array([0x89, 0x50]))).toBe('iVA');
    expect(cellJson(new Uint8Array([0x89, 0x50]))).toBe('"iVA="');
    expect(cellText(Buffer.from('plain utf8 bytes'))).toBe('plain utf8 bytes');
    expect(cellJson(new Uint8Array())).toBe('""');
  });
  it('follows utf8.Valid: surrogates and overlongs are not UTF-8', () => {
    expect(utf8OrUndefined(new Uint8Array([0xed, 0xa0, 0x80]))).toBeUndefined();
    expect(utf8OrUndefined(new Uint8Array([0xc0, 0xaf]))).toBeUndefined();
    expect(utf8OrUndefined(Buffer.from('名前'))).toBe('名前');
  });
});

describe('driver times (DATE/DATETIME/TIMESTAMP columns)', () => {
  it('parses SQLite formats 1–7 and Go time.String(), and keeps what Go would not parse', () => {
    expect(rfc3339Utc(parseDriverTime('2024-01-02 03:04:05')!)).toBe('2024-01-02T03:04:05Z');
    expect(rfc3339Utc(parseDriverTime('2024-01-02T03:04:05.123456Z')!)).toBe('2024-01-02T03:04:05Z');
    expect(rfc3339Nano(parseDriverTime('2024-01-02T03:04:05.123456Z')!)).toBe('2024-01-02T03:04:05.123456Z');
    const zoned = parseDriverTime('2024-01-02 03:04:05.5+02:00')!;
    expect(rfc3339Utc(zoned)).toBe('2024-01-02T01:04:05Z');
    expect(rfc3339Nano(zoned)).toBe('2024-01-02T03:04:05.5+02:00');
    expect(rfc3339Utc(parseDriverTime('2024-05-18')!)).toBe('2024-05-18T00:00:00Z');
    expect(rfc3339Utc(parseDriverTime('2024-05-18 7:30')!)).toBe('2024-05-18T07:30:00Z');
    expect(rfc3339Nano(parseDriverTime('2020-02-29 12:00:00.000000001 -0700 MST m=+0.5')!)).toBe('2020-02-29T12:00:00.000000001-07:00');
    for (const bad of ['2023-02-29', '2024-13-01', '24-01-02', '2024-01-02 24:00:00', '2024-01-02T03:04:05.', 'yesterday', '2024-01-02 03:04:60']) {
      expect(parseDriverTime(bad), bad).toBeUndefined();
    }
  });
  it('applies to exactly DATE, DATETIME and TIMESTAMP declarations', () => {
    expect(['date', 'DateTime', 'TIMESTAMP'].every(isTimeDeclType)).toBe(true);
    expect(['TEXT', 'TIMESTAMP WITH TIME ZONE', 'TIME', null].some(isTimeDeclType)).toBe(false);
  });
});

describe('encoders', () => {
  const cols = [{ name: 'name', type: 'TEXT' }, { name: 'n', type: 'INTEGER' }];
  const run = (fmt: keyof typeof FORMATS, rows: Cell[][], columns = cols) => {
    const enc = FORMATS[fmt].create();
    return enc.begin(columns) + rows.map((r) => enc.row(r)).join('') + enc.end({ rows: rows.length, truncated: false });
  };

  it('csv quotes like encoding/csv and writes NULL as empty', () => {
    expect(csvField('tab\there')).toBe('tab\there');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('\\.')).toBe('"\\."');
    expect(run('csv', [['bob, the "builder"', 1n], [null, null]])).toBe('name,n\n"bob, the ""builder""",1\n,\n');
    expect(run('csv', [])).toBe('name,n\n');
    expect(run('csv', [[]], [])).toBe('');
  });

  it('ndjson sorts keys by code point and lets a repeated name keep its last value', () => {
    const dup = [{ name: 'a', type: '' }, { name: 'a', type: '' }, { name: 'b', type: '' }];
    expect(run('ndjson', [[1n, 2n, 3n]], dup)).toBe('{"a":2,"b":3}\n');
    expect(run('ndjson', [['x', 9007199254740993n]])).toBe('{"n":9007199254740993,"name":"x"}\n');
    expect(['\uffff', '\u{10000}', 'b', 'B'].sort(codePointCompare)).toEqual(['B', 'b', '\uffff', '\u{10000}']);
  });

  it('json keeps column order, duplicates, exact integers and says whether it was truncated', () => {
    const out = JSON.parse(run('json', [['x', 1n]]).replace('9007199254740993', '"big"'));
    expect(out).toEqual({ columns: cols, rows: [['x', 1]], rowCount: 1, truncated: false });
    expect(run('json', [['x', 9007199254740993n]])).toContain('["x",9007199254740993]');
  });

  it('tsv escapes tabs and newlines; md escapes pipes', () => {
    expect(run('tsv', [['a\tb\nc', 2n]])).toBe('name\tn\na\\tb\\nc\t2\n');
    expect(run('md', [['a|b', null]])).toBe('| name | n |\n| --- | --- |\n| a\\|b |  |\n');
  });
});
