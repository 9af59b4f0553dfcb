import { describe, expect, it } from 'vitest';
import { goQuote, goTrimSpace } from './strconv.js';

describe("Go's strconv.Quote (%q)", () => {
  it('escapes quotes, backslashes and control characters as Go does', () => {
    expect(goQuote('main')).toBe('"main"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\x07\b\f\n\r\t\v')).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
    expect(goQuote('\0\x1b\x7f')).toBe('"\\x00\\x1b\\x7f"');
  });

  it('keeps printable Unicode and escapes the rest by code point', () => {
    expect(goQuote('ü名😀')).toBe('"ü名😀"');
    expect(goQuote('\u00a0\u200b\u2028')).toBe('"\\u00a0\\u200b\\u2028"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });

  it('writes an escaped invalid byte as \\x, and U+FFFD as itself', () => {
    expect(goQuote('\uDCFF')).toBe('"\\xff"');
    expect(goQuote('a\uDCE4\uDCBDb')).toBe('"a\\xe4\\xbdb"');
    expect(goQuote('\uFFFD')).toBe('"\uFFFD"');
  });
});

describe("Go's strings.TrimSpace", () => {
  it("trims Go's white space: NEL and the Unicode spaces, not the BOM", () => {
    expect(goTrimSpace(' \t\n select 1 \r\n')).toBe('select 1');
    expect(goTrimSpace('\u0085select 1\u3000')).toBe('select 1');
    expect(goTrimSpace('\uFEFFselect 1')).toBe('\uFEFFselect 1');
    expect(goTrimSpace('\u200bx')).toBe('\u200bx');
    expect(goTrimSpace('   ')).toBe('');
  });
});
