import { describe, expect, it } from 'vitest';
import { strictUtf8 } from './utf8.js';

describe('strictUtf8', () => {
  it('decodes valid UTF-8, keeping a byte-order mark as content', () => {
    expect(strictUtf8(Buffer.from('héllo ✓ 🦘'))).toBe('héllo ✓ 🦘');
    expect(strictUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
    expect(strictUtf8(new Uint8Array(0))).toBe('');
  });

  it('refuses invalid sequences instead of replacing them', () => {
    const bad = [
      [0xff], // never valid
      [0x63, 0x61, 0x66, 0xe9], // Latin-1 "café"
      [0xc0, 0xaf], // overlong "/"
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate
      [0xe2, 0x9c], // cut short
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    ];
    for (const bytes of bad) expect(strictUtf8(Uint8Array.from(bytes)), bytes.join(' ')).toBeUndefined();
  });

  it('decodes again after a refusal (the decoder keeps no state between calls)', () => {
    expect(strictUtf8(Uint8Array.of(0xe2, 0x9c))).toBeUndefined();
    expect(strictUtf8(Uint8Array.of(0x93))).toBeUndefined();
    expect(strictUtf8(Buffer.from('ok'))).toBe('ok');
  });
});
