/**
 * Go's `strconv.Quote` (what `%q` writes) and `strings.TrimSpace`, on Go strings held in
 * JavaScript strings. A Go string is bytes; where those bytes are not UTF-8, the JavaScript string
 * holds each invalid byte as a lone surrogate U+DC80–U+DCFF ("surrogateescape", the convention of
 * apps/sql/format/raw-text.ts), which `%q` writes `\xff` as Go does.
 *
 * @example
 *   goQuote('a"b\n')        // → '"a\\"b\\n"'
 *   goQuote('\uDCFF')       // → '"\\xff"' (the invalid byte 0xff)
 *   goTrimSpace('\u0085 x\uFEFF ') // → 'x\uFEFF' (Go trims NEL, not the BOM; JavaScript's trim() the other way round)
 */

/** `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One code point as `strconv.Quote` writes it. */
function quoteRune(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  if (cp >= 0xdc80 && cp <= 0xdcff) return `\\x${hex(cp - 0xdc00, 2)}`;
  // Any other lone surrogate cannot come from Go's bytes; Go would hold U+FFFD in its place.
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (PRINTABLE.test(ch)) return ch;
  if (cp < 0x80) return `\\x${hex(cp, 2)}`;
  return cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

/** `strconv.Quote(s)`: double-quoted, with Go's escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch);
  return `${out}"`;
}

/** `unicode.IsSpace` for the code points strings.TrimSpace removes. */
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** `strings.TrimSpace(s)`: Unicode white space off both ends, by Go's list (U+0085 yes, U+FEFF no). */
export function goTrimSpace(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && GO_SPACE.includes(s[from] as string)) from++;
  while (to > from && GO_SPACE.includes(s[to - 1] as string)) to--;
  return s.slice(from, to);
}
