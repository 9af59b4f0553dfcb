import { describe, expect, it } from 'vitest';
import {
  decodeRequest,
  EMPTY_RESPONSE,
  encodeSecretInfo,
  encodeSecretList,
  encodeSecretValue,
  encodeVersion,
  goFieldFor,
  MAX_DEPTH,
  WireError,
} from './wire.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function wireError(fn: () => unknown): WireError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WireError) return err;
    throw err;
  }
  throw new Error('expected a WireError');
}

describe('decodeRequest: the Go client bodies (reference §1.3)', () => {
  it('decodes every exact body the Go client sends', () => {
    expect(decodeRequest('list', '{}')).toEqual({});
    expect(decodeRequest('get', '{"Name":"x","Version":0,"UpdateIfChanged":false}')).toEqual({
      name: 'x',
      version: 0,
      updateIfChanged: false,
    });
    expect(decodeRequest('get', '{"Name":"x","Version":7,"UpdateIfChanged":true}')).toEqual({
      name: 'x',
      version: 7,
      updateIfChanged: true,
    });
    expect(decodeRequest('info', '{"Name":"x"}')).toEqual({ name: 'x' });
    const put = decodeRequest('put', '{"Name":"x","Value":"aGVsbG8="}');
    expect(put.name).toBe('x');
    expect(text(put.value)).toBe('hello');
    expect(decodeRequest('put', '{"Name":"x","Value":null}').value).toEqual(new Uint8Array(0));
    const cv = decodeRequest('create-version', '{"Name":"x","Version":2025,"Value":"aGk="}');
    expect([cv.name, cv.version, text(cv.value)]).toEqual(['x', 2025, 'hi']);
    expect(decodeRequest('activate', '{"Name":"x","Version":4}')).toEqual({ name: 'x', version: 4 });
    expect(decodeRequest('delete', '{"Name":"x"}')).toEqual({ name: 'x' });
    expect(decodeRequest('delete-version', '{"Name":"x","Version":2}')).toEqual({ name: 'x', version: 2 });
  });

  it('accepts bytes as well as strings, decoding UTF-8', () => {
    expect(decodeRequest('info', bytes('{"Name":"caf\u00e9/\u{1f511}"}'))).toEqual({ name: 'caf\u00e9/\u{1f511}' });
  });
});

describe('decodeRequest: keys', () => {
  it('matches keys case-insensitively', () => {
    expect(decodeRequest('info', '{"name":"x"}')).toEqual({ name: 'x' });
    expect(decodeRequest('get', '{"NAME":"x","version":3,"updateifchanged":true}')).toEqual({
      name: 'x',
      version: 3,
      updateIfChanged: true,
    });
  });

  it("folds like Go: the long s and the Kelvin sign match s and k, other look-alikes don't", () => {
    expect(goFieldFor('ver\u017fion', ['Name', 'Version'])).toBe('Version');
    expect(goFieldFor('\u212aey', ['Key'])).toBe('Key');
    expect(goFieldFor('n\u00e4me', ['Name'])).toBeUndefined();
    expect(goFieldFor('Versions', ['Version'])).toBeUndefined();
  });

  it('applies duplicate keys in order: the last wins, whatever its case', () => {
    expect(decodeRequest('info', '{"Name":"a","name":"b"}')).toEqual({ name: 'b' });
    expect(decodeRequest('info', '{"name":"a","Name":"b","NAME":"c"}')).toEqual({ name: 'c' });
  });

  it('ignores unknown keys, whatever their values', () => {
    expect(decodeRequest('info', '{"Name":"x","Extra":[1,{"a":null}],"Version":"not checked"}')).toEqual({ name: 'x' });
    expect(decodeRequest('list', '{"Name":5}')).toEqual({});
  });

  it('leaves missing fields at their zero values', () => {
    expect(decodeRequest('get', '{}')).toEqual({ name: '', version: 0, updateIfChanged: false });
    expect(decodeRequest('put', '{}')).toEqual({ name: '', value: new Uint8Array(0) });
  });
});

describe('decodeRequest: null', () => {
  it('a top-level null is the zero request', () => {
    expect(decodeRequest('get', 'null')).toEqual({ name: '', version: 0, updateIfChanged: false });
    expect(decodeRequest('list', ' null ')).toEqual({});
  });

  it('null leaves a scalar field unchanged, so an earlier duplicate survives', () => {
    expect(decodeRequest('get', '{"Name":null,"Version":null,"UpdateIfChanged":null}')).toEqual({
      name: '',
      version: 0,
      updateIfChanged: false,
    });
    expect(decodeRequest('get', '{"Name":"a","name":null,"Version":3,"version":null}')).toEqual({
      name: 'a',
      version: 3,
      updateIfChanged: false,
    });
  });

  it('null resets Value, as Go sets a nil slice', () => {
    expect(decodeRequest('put', '{"Value":"aGk=","value":null}').value).toEqual(new Uint8Array(0));
  });
});

describe('decodeRequest: versions', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['4294967295', 4294967295],
  ])('accepts %s', (raw, want) => {
    expect(decodeRequest('activate', `{"Version":${raw}}`).version).toBe(want);
  });

  it.each(['-1', '-0', '1.5', '1.0', '1e2', '1E2', '4294967296', '99999999999999999999', '"1"', 'true', '[1]', '{}'])(
    'rejects %s',
    (raw) => {
      const err = wireError(() => decodeRequest('activate', `{"Name":"x","Version":${raw}}`));
      expect(err.field).toBe('Version');
      expect(err.message).toMatch(/^Version: /);
    },
  );
});

describe('decodeRequest: Value', () => {
  it.each([
    ['', ''],
    ['aA==', 'h'],
    ['aGk=', 'hi'],
    ['aGV5', 'hey'],
    ['aGVs\nbG8=', 'hello'],
    ['aG\r\nVsbG8=\n', 'hello'],
    ['aGVsbG8\n=', 'hello'],
  ])('accepts standard base64 %j', (b64, want) => {
    expect(text(decodeRequest('put', JSON.stringify({ Value: b64 })).value)).toBe(want);
  });

  it('decodes raw bytes, including all 256 values', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const b64 = Buffer.from(all).toString('base64');
    expect(decodeRequest('put', JSON.stringify({ Value: b64 })).value).toEqual(all);
  });

  it('does not check the unused bits of the last character, like Go StdEncoding', () => {
    expect(text(decodeRequest('put', '{"Value":"aGl="}').value)).toBe('hi');
  });

  it.each(['aGk', 'aGk==', 'aA=', 'a===', 'aG=k', 'aGk=aGk=', '_-8=', '-_-_', 'aGk =', ' aGk=', 'aGk\t=', 'a\u00e9k=', '='])(
    'rejects %j',
    (b64) => {
      const err = wireError(() => decodeRequest('put', JSON.stringify({ Name: 'x', Value: b64 })));
      expect(err.field).toBe('Value');
      expect(err.message).toContain('base64');
    },
  );

  it('accepts an array of byte values, as Go does for []byte', () => {
    expect(text(decodeRequest('put', '{"Value":[104,105]}').value)).toBe('hi');
    expect(decodeRequest('put', '{"Value":[1,null,255]}').value).toEqual(Uint8Array.of(1, 0, 255));
    expect(decodeRequest('put', '{"Value":[]}').value).toEqual(new Uint8Array(0));
  });

  it.each(['[256]', '[-1]', '[1.5]', '["a"]', '[[1]]', '5', 'true', '{}'])('rejects Value %s', (raw) => {
    expect(wireError(() => decodeRequest('put', `{"Value":${raw}}`)).field).toBe('Value');
  });
});

describe('decodeRequest: other field types', () => {
  it.each(['1', 'true', '[]', '{}'])('rejects Name %s', (raw) => {
    expect(wireError(() => decodeRequest('info', `{"Name":${raw}}`)).field).toBe('Name');
  });

  it.each(['1', '0', '"true"', '[]', '{}'])('rejects UpdateIfChanged %s', (raw) => {
    expect(wireError(() => decodeRequest('get', `{"UpdateIfChanged":${raw}}`)).field).toBe('UpdateIfChanged');
  });
});

describe('decodeRequest: JSON syntax and shape', () => {
  it.each(['[]', '"x"', '1', 'true', '[{"Name":"x"}]'])('rejects a top-level %s', (body) => {
    expect(wireError(() => decodeRequest('info', body)).message).toMatch(/must be a JSON object/);
  });

  it.each(['', '   ', '\n'])('rejects an empty body %j', (body) => {
    expect(wireError(() => decodeRequest('list', body)).message).toBe('empty request body');
  });

  it.each([
    '{',
    '{"Name"}',
    '{"Name":}',
    '{"Name":"x",}',
    "{'Name':'x'}",
    '{Name:"x"}',
    '{"Name":"x" "Version":1}',
    '{"Name":"x\u0001"}',
    '{"Name":"\\x"}',
    '{"Name":"\\u12"}',
    '{"Name":"x}',
    '{"Version":01}',
    '{"Version":+1}',
    '{"Version":.5}',
    '{"Extra":[1,,2]}',
    '{"Extra":tru}',
    '\ufeff{}',
  ])('rejects malformed JSON %j', (body) => {
    expect(wireError(() => decodeRequest('get', body)).message).toMatch(/^invalid JSON at offset \d+/);
  });

  it('reads only the first JSON value, ignoring what follows (json.Decoder)', () => {
    expect(decodeRequest('info', '{"Name":"x"} trailing garbage')).toEqual({ name: 'x' });
    expect(decodeRequest('info', '{"Name":"x"}{"Name":"y"}')).toEqual({ name: 'x' });
  });

  it('accepts JSON whitespace everywhere it is allowed', () => {
    expect(decodeRequest('activate', ' \t\r\n{ "Name" : "x" ,\n"Version" :\t4 }\n')).toEqual({ name: 'x', version: 4 });
  });

  it('rejects nesting deeper than MAX_DEPTH, and accepts it up to the limit', () => {
    const nest = (d: number) => `{"Extra":${'['.repeat(d - 1)}${']'.repeat(d - 1)}}`;
    expect(decodeRequest('list', nest(MAX_DEPTH))).toEqual({});
    expect(wireError(() => decodeRequest('list', nest(MAX_DEPTH + 1))).message).toMatch(/nesting deeper/);
  });
});

describe('decodeRequest: string escapes', () => {
  it('decodes the JSON escapes', () => {
    expect(decodeRequest('info', String.raw`{"Name":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\udd11"}`).name).toBe(
      'a"b\\c/d\b\f\n\r\t\u00e9\u{1f511}',
    );
    expect(decodeRequest('info', String.raw`{"\u004eame":"x"}`)).toEqual({ name: 'x' });
  });

  it('turns lone surrogate escapes into U+FFFD, as Go does', () => {
    expect(decodeRequest('info', String.raw`{"Name":"a\ud800b"}`).name).toBe('a\ufffdb');
    expect(decodeRequest('info', String.raw`{"Name":"\udc00"}`).name).toBe('\ufffd');
    expect(decodeRequest('info', String.raw`{"Name":"\ud800\u0041"}`).name).toBe('\ufffdA');
  });

  it('turns invalid UTF-8 bytes into U+FFFD', () => {
    const body = Uint8Array.of(...bytes('{"Name":"a'), 0xff, ...bytes('b"}'));
    expect(decodeRequest('info', body).name).toBe('a\ufffdb');
  });
});

describe('encoders', () => {
  it('encodes a SecretValue as std base64', () => {
    expect(encodeSecretValue(bytes('hello, world'), 15)).toBe('{"Value":"aGVsbG8sIHdvcmxk","Version":15}');
    expect(encodeSecretValue(new Uint8Array(0), 1)).toBe('{"Value":"","Version":1}');
    expect(encodeSecretValue(Uint8Array.of(0xfb, 0xff), 2)).toBe('{"Value":"+/8=","Version":2}');
  });

  it('encodes a view into a larger buffer by its own bytes only', () => {
    const big = bytes('xxhixx');
    expect(encodeSecretValue(big.subarray(2, 4), 1)).toBe('{"Value":"aGk=","Version":1}');
  });

  it('encodes SecretInfo with Go names and field order', () => {
    expect(encodeSecretInfo({ name: 'example', versions: [1, 2, 3], activeVersion: 2 })).toBe(
      '{"Name":"example","Versions":[1,2,3],"ActiveVersion":2}',
    );
  });

  it('escapes <, >, &, U+2028 and U+2029 like json.Marshal', () => {
    expect(encodeSecretInfo({ name: 'a<b>&c\u2028\u2029', versions: [1], activeVersion: 1 })).toBe(
      '{"Name":"a\\u003cb\\u003e\\u0026c\\u2028\\u2029","Versions":[1],"ActiveVersion":1}',
    );
  });

  it('encodes an empty list as null and a list as an array', () => {
    expect(encodeSecretList([])).toBe('null');
    expect(encodeSecretList([{ name: 'a', versions: [1], activeVersion: 1 }])).toBe(
      '[{"Name":"a","Versions":[1],"ActiveVersion":1}]',
    );
  });

  it('encodes no versions as null, like a nil Go slice', () => {
    expect(encodeSecretInfo({ name: 'a', versions: [], activeVersion: 0 })).toBe(
      '{"Name":"a","Versions":null,"ActiveVersion":0}',
    );
  });

  it('encodes put as a bare number and void methods as {}', () => {
    expect(encodeVersion(4)).toBe('4');
    expect(EMPTY_RESPONSE).toBe('{}');
  });

  it('round-trips a value through the encoder and the decoder', () => {
    const value = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    const { Value } = JSON.parse(encodeSecretValue(value, 1)) as { Value: string };
    expect(decodeRequest('put', JSON.stringify({ Name: 'x', Value })).value).toEqual(value);
  });
});
