import { describe, expect, it } from 'vitest';
import { lastPage, pageNumber } from './page-number.js';

describe('pageNumber', () => {
  it('reads whole numbers, with tclip (Atoi) syntax', () => {
    expect(pageNumber('0', 25)).toBe(0);
    expect(pageNumber('3', 25)).toBe(3);
    expect(pageNumber('+7', 25)).toBe(7);
    expect(pageNumber('0012', 25)).toBe(12);
  });

  it('reads garbage and negative numbers as page 0', () => {
    for (const text of [undefined, '', 'x', '1.5', '1e3', ' 2', '2 ', '0x10', '-1', '-99999999999999999999', '١٢', '12abc', 'NaN', 'Infinity']) {
      expect(pageNumber(text, 25), String(text)).toBe(0);
    }
  });

  it('reads a number past any real list as the last page, whose offset SQLite still takes exactly', () => {
    for (const size of [25, 50]) {
      const last = lastPage(size);
      expect(pageNumber('99999999999999999999', size)).toBe(last);
      expect(pageNumber('9'.repeat(400), size)).toBe(last);
      expect(pageNumber(String(last + 1), size)).toBe(last);
      expect(pageNumber(String(last), size)).toBe(last);
      expect(Number.isSafeInteger(last * size)).toBe(true);
    }
  });
});
