import { describe, expect, it } from 'vitest';
import { goFormValue, goQueryUnescape } from './query.js';

describe("Go's url.ParseQuery as FormValue reads it", () => {
  it('skips pairs with a semicolon or a bad escape, and keeps the others', () => {
    expect(goFormValue('q=select%ZZ1', 'q')).toBe('');
    expect(goFormValue('q=select+1;', 'q')).toBe('');
    expect(goFormValue('q=select+1&src=main;', 'q')).toBe('select 1');
    expect(goFormValue('q=select+1&src=main;', 'src')).toBe('');
    expect(goFormValue('src=main&q=select%ZZ&q=select+2', 'q')).toBe('select 2');
    expect(goFormValue('q=%', 'q')).toBe('');
    expect(goFormValue('q=select+1%', 'q')).toBe('');
    expect(goFormValue('q=select+%2', 'q')).toBe('');
  });

  it('reads keys decoded, the first value, + as space, and an absent value as empty', () => {
    expect(goFormValue('%71=select+1', 'q')).toBe('select 1');
    expect(goFormValue('q=a%2Cb&q=c', 'q')).toBe('a,b');
    expect(goFormValue('&q=select+%2B1', 'q')).toBe('select +1');
    expect(goFormValue('q', 'q')).toBe('');
    expect(goFormValue('Q=select+1', 'q')).toBe('');
    expect(goFormValue('q==', 'q')).toBe('=');
    expect(goFormValue('q=select+1#x', 'q')).toBe('select 1#x');
  });

  it('decodes the escaped bytes as UTF-8', () => {
    expect(goQueryUnescape('%C3%BC+x')).toBe('ü x');
    expect(goQueryUnescape('%G1')).toBeUndefined();
  });
});
