/**
 * Go's `net/url` escaping: `url.PathEscape`, `url.QueryEscape`, unescaping, and the
 * `url.ParseQuery` / `url.Values.Encode` pair that golink uses to merge query strings.
 *
 * These differ from `encodeURIComponent` (`PathEscape("a/b+c")` is `a%2Fb+c`, `QueryEscape`
 * writes a space as `+`), and golink's redirects depend on the exact bytes, so they are ported
 * rule by rule from Go's `shouldEscape`. Escaping works on UTF-8 bytes with upper-case hex.
 */

type Mode = 'pathSegment' | 'query';

const HEX = '0123456789ABCDEF';

function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) return mode === 'query' || '/;,?'.includes(ch);
  return true;
}

function escapeBytes(bytes: Iterable<number>, mode: Mode): string {
  let out = '';
  for (const b of bytes) {
    if (!shouldEscape(b, mode)) out += String.fromCharCode(b);
    else if (b === 0x20 && mode === 'query') out += '+';
    else out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Go's `url.PathEscape`: escapes a string for use as one path segment.
 *
 * @example pathEscape('a/b+c d') // 'a%2Fb+c%20d'
 */
export function pathEscape(s: string): string {
  return escapeBytes(utf8(s), 'pathSegment');
}

/**
 * Go's `url.QueryEscape`: escapes a string for use in a query; a space becomes `+`.
 *
 * @example queryEscape('a/b+c d') // 'a%2Fb%2Bc+d'
 */
export function queryEscape(s: string): string {
  return escapeBytes(utf8(s), 'query');
}

/**
 * A "byte string": one char per byte (0-255), the way Go strings hold arbitrary bytes. Query
 * merging works on byte strings so that invalid UTF-8 such as `%FF` survives a round trip.
 *
 * @example toByteString('é') // '\xc3\xa9'
 */
export function toByteString(s: string): string {
  return String.fromCharCode(...utf8(s));
}

/**
 * Percent-decodes a byte string (`+` to space when `plusIsSpace`); undefined on a bad escape.
 *
 * @example unescapeBytes('a%2Fb+c', true) // 'a/b c'
 */
export function unescapeBytes(s: string, plusIsSpace: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 2;
    } else out += plusIsSpace && c === '+' ? ' ' : c;
  }
  return out;
}

/** Decodes a byte string as UTF-8 (invalid sequences become U+FFFD). */
export function fromByteString(s: string): string {
  return new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
}

/** Go's `url.Values`: keys to values, all byte strings, in insertion order per key. */
export type QueryValues = Map<string, string[]>;

/**
 * Go's `url.ParseQuery` (errors ignored, as `URL.Query()` does): pairs split on `&`, pairs with
 * `;` or bad escapes dropped. Input may hold raw non-ASCII characters; output is byte strings.
 *
 * @example parseQuery('a=1&a=2&b=x+y') // Map { 'a' => ['1', '2'], 'b' => ['x y'] }
 */
export function parseQuery(raw: string): QueryValues {
  const values: QueryValues = new Map();
  for (const pair of toByteString(raw).split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = unescapeBytes(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = unescapeBytes(eq < 0 ? '' : pair.slice(eq + 1), true);
    if (key === undefined || value === undefined) continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return values;
}

/**
 * Go's `url.Values.Encode`: keys sorted by bytes, keys and values query-escaped, joined by `&`.
 *
 * @example encodeQuery(new Map([['b', ['2']], ['a', ['1', 'x y']]])) // 'a=1&a=x+y&b=2'
 */
export function encodeQuery(values: QueryValues): string {
  const esc = (s: string): string =>
    escapeBytes(
      Array.from(s, (c) => c.charCodeAt(0)),
      'query',
    );
  return [...values.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((k) => (values.get(k) ?? []).map((v) => `${esc(k)}=${esc(v)}`))
    .join('&');
}
