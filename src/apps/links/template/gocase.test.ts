import { describe, expect, it } from 'vitest';
import { goToLower, goToUpper } from './gocase.js';
import { fromByteString, toByteString } from './goescape.js';

/** Lowers a byte string as golink does (the engine holds text; invalid bytes as U+DC80+byte). */
const lowerBytes = (bytes: string) => toByteString(goToLower(fromByteString(bytes)));

describe("Go's strings.ToLower and ToUpper", () => {
  it('maps one rune to one rune, as Go does and JavaScript does not', () => {
    expect(goToLower('\u0130')).toBe('i'); // JavaScript: 'i̇' (two code points)
    expect(goToLower('ΑΣ')).toBe('ασ'); // JavaScript: final sigma 'ας'
    expect(goToUpper('ß')).toBe('ß'); // JavaScript: 'SS'
    expect(goToUpper('ı')).toBe('I');
    expect(goToLower('KELVIN \u212a')).toBe('kelvin k');
  });

  it('turns each byte of invalid UTF-8 into U+FFFD, and leaves ASCII alone', () => {
    expect(lowerBytes('/\xae\x85/ABC')).toBe('/\xef\xbf\xbd\xef\xbf\xbd/abc');
    expect(lowerBytes('\xed\xa0\x80')).toBe('\xef\xbf\xbd'.repeat(3));
    expect(lowerBytes('\xef\xbf\xbd')).toBe('\xef\xbf\xbd'); // a real U+FFFD stays one
    expect(goToUpper('a\udcffb')).toBe('A\ufffdB');
    expect(goToLower('MiXeD/%41')).toBe('mixed/%41');
  });
});
