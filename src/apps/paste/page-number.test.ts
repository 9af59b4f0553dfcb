import { describe, expect, it } from 'vitest';
import { LAST_PAGE, PAGE_SIZE, pageNumber } from './page-number.js';

describe('pageNumber', () => {
  it('reads whole numbers, with tclip (Atoi) syntax', () => {
    expect(pageNumber('0')).toBe(0);
    expect(pageNumber('3')).toBe(3);
    expect(pageNumber('+7')).toBe(7);
    expect(pageNumber('0012')).toBe(12);
  });

  it('reads garbage and negative numbers as page 0', () => {
    for (const text of [undefined, '', 'x', '1.5', '1e3', ' 2', '2 ', '0x10', '-1', '-99999999999999999999', '١٢', '12abc', 'NaN', 'Infinity']) {
      expect(pageNumber(text), String(text)).toBe(0);
    }
  });

  it('reads a number past any real list as the last page, whose offset SQLite still takes exactly', () => {
    expect(pageNumber('99999999999999999999')).toBe(LAST_PAGE);
    expect(pageNumber('9'.repeat(400))).toBe(LAST_PAGE);
    expect(pageNumber(String(LAST_PAGE + 1))).toBe(LAST_PAGE);
    expect(pageNumber(String(LAST_PAGE))).toBe(LAST_PAGE);
    expect(Number.isSafeInteger(LAST_PAGE * PAGE_SIZE)).toBe(true);
  });
});
