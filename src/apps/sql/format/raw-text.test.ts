import { describe, expect, it } from 'vitest';
import { bytesOfText, hasEscapedBytes, textFromBytes } from './raw-text.js';

const hex = (h: string) => Buffer.from(h, 'hex');

describe('text as Go holds it', () => {
  it('gives back exactly the bytes it was made from, valid or not', () => {
    for (const h of ['', 'efbbbf78', '41efbbbfff', '41ff', 'c328', 'eda080', 'e4bd', 'f09f98', 'f8888080', '636166e9', '00ff00', 'f09f9880', 'c3bc', 'efbfbd', 'f0908280ff']) {
      expect(bytesOfText(textFromBytes(hex(h), 'escape')).toString('hex'), h).toBe(h);
    }
  });

  it("replaces each invalid byte with U+FFFD, as Go's decoder counts them", () => {
    expect(textFromBytes(hex('e4bd'), 'replace')).toBe('\uFFFD\uFFFD');
    expect(textFromBytes(hex('f09f98'), 'replace')).toBe('\uFFFD\uFFFD\uFFFD');
    expect(textFromBytes(hex('eda080'), 'replace')).toBe('\uFFFD\uFFFD\uFFFD');
    expect(textFromBytes(hex('c328c3bc'), 'replace')).toBe('\uFFFD(ü');
    expect(textFromBytes(hex('efbfbd'), 'replace')).toBe('\uFFFD');
  });

  it('tells escaped bytes from surrogate pairs', () => {
    expect(hasEscapedBytes(textFromBytes(hex('41ff'), 'escape'))).toBe(true);
    expect(hasEscapedBytes('\u{10080}')).toBe(false);
    expect(bytesOfText('\u{10080}')).toEqual(Buffer.from('\u{10080}'));
  });
});
