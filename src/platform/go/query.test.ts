import { describe, expect, it } from 'vitest';
import { goFormValue, goQueryUnescape } from './query.js';

const text = (b: Buffer) => b.toString('utf8');

describe("Go's url.ParseQuery as FormValue reads it", () => {
  it('skips pairs with a semicolon or a bad escape, and keeps the others', () => {
    expect(text(goFormValue('q=select%ZZ1', 'q'))).toBe('');
    expect(text(goFormValue('q=select+1;', 'q'))).toBe('');
    expect(text(goFormValue('q=select+1&src=main;', 'q'))).toBe('select 1');
    expect(text(goFormValue('q=select+1&src=main;', 'src'))).toBe('');
    expect(text(goFormValue('src=main&q=select%ZZ&q=select+2', 'q'))).toBe('select 2');
    expect(text(goFormValue('q=%', 'q'))).toBe('');
    expect(text(goFormValue('q=select+1%', 'q'))).toBe('');
    expect(text(goFormValue('q=select+%2', 'q'))).toBe('');
  });

  it('reads keys decoded, the first value, + as space, and an absent value as empty', () => {
    expect(text(goFormValue('%71=select+1', 'q'))).toBe('select 1');
    expect(text(goFormValue('q=a%2Cb&q=c', 'q'))).toBe('a,b');
    expect(text(goFormValue('&q=select+%2B1', 'q'))).toBe('select +1');
    expect(text(goFormValue('q', 'q'))).toBe('');
    expect(text(goFormValue('Q=select+1', 'q'))).toBe('');
    expect(text(goFormValue('q==', 'q'))).toBe('=');
    expect(text(goFormValue('q=select+1#x', 'q'))).toBe('select 1#x');
  });

  it('answers with the bytes, whether or not they are UTF-8 (Go keeps them)', () => {
    expect(goFormValue('q=select+%27%E4%27', 'q')).toEqual(Buffer.from("select '\xe4'", 'latin1'));
    expect(goFormValue('src=%FF&q=1', 'src')).toEqual(Buffer.from([0xff]));
    expect(goFormValue('q=%C3%BC+x', 'q')).toEqual(Buffer.from('ü x'));
    // A key is matched by its bytes: an invalid byte never matches a name.
    expect(goFormValue('%71%FF=1&q=2', 'q')).toEqual(Buffer.from('2'));
  });

  it('takes raw bytes as node hands them over (Latin-1), with or without escapes beside them', () => {
    expect(goQueryUnescape('\xc3\xbc')).toEqual(Buffer.from('ü'));
    expect(goQueryUnescape('\xc3\xbc%20')).toEqual(Buffer.from('ü '));
    expect(goQueryUnescape('ü€')).toEqual(Buffer.from([0xfc, 0xe2, 0x82, 0xac]));
    expect(goQueryUnescape('%G1')).toBeUndefined();
  });
});
