/**
 * Go's `net/url` escaping rules: `shouldEscape` for every encoding mode, `escape`/`unescape`,
 * `url.PathEscape`, `url.QueryEscape`, and the `url.ParseQuery` / `url.Values.Encode` pair that
 * golink uses to merge query strings.
 *
 * Why hand-written: golink's redirects depend on the exact bytes Go produces (`PathEscape("a/b+c")`
 * is `a%2Fb+c`, `QueryEscape` writes a space as `+`, `[` stays raw in a valid path hint), and no
 * npm package reproduces Go's per-mode rules; WHATWG `URL` and `encodeURIComponent` differ.
 *
 * Go strings are bytes, and golink passes invalid UTF-8 through (`%FF` in a request stays one
 * byte). So URL work here happens on "byte strings": JS strings with one char (0-255) per byte.
 * `toByteString`/`fromByteString` convert between them and ordinary text; a byte that is not
 * part of valid UTF-8 becomes the lone surrogate U+DC80+byte in text and turns back into that
 * byte, so a request path survives a round trip through the template engine unchanged.
 */

/** The sections of a URL, each with its own escaping rules (Go's `encoding`). */
export type EscapeMode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

const HEX = '0123456789ABCDEF';
const HOST_OK = new Set("!$&'()*+,;=:[]<>\"");
const RESERVED = new Set('$&+,/:;=?@');
const MODES: readonly EscapeMode[] = ['path', 'pathSegment', 'host', 'zone', 'userPassword', 'queryComponent', 'fragment'];

/** Go's rule, byte by byte (the table below is built from it). */
function escapeRule(c: number, mode: EscapeMode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && HOST_OK.has(ch)) return false;
  if (ch === '-' || ch === '_' || ch === '.' || ch === '~') return false;
  if (RESERVED.has(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && (ch === '!' || ch === '(' || ch === ')' || ch === '*')) return false;
  return true;
}

/** Per byte, one bit per mode (in {@link MODES} order) set when the byte stays as it is. */
const KEEP = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  for (const [bit, mode] of MODES.entries()) if (!escapeRule(c, mode)) KEEP[c] = (KEEP[c] ?? 0) | (1 << bit);
}
const BIT: Readonly<Record<EscapeMode, number>> = Object.fromEntries(MODES.map((m, bit) => [m, 1 << bit])) as Record<EscapeMode, number>;

/**
 * Go's `shouldEscape`: whether byte `c` must be percent-encoded in a `mode` section.
 *
 * @example shouldEscape(0x2f, 'pathSegment') // true ('/')
 */
export function shouldEscape(c: number, mode: EscapeMode): boolean {
  return ((KEEP[c] ?? 0) & BIT[mode]) === 0;
}

/**
 * Go's `escape`: percent-encodes a byte string for a `mode` section (a space is `+` in a query).
 *
 * @example escapeBytes('/a b/[y]', 'path') // '/a%20b/%5By%5D'
 */
export function escapeBytes(s: string, mode: EscapeMode): string {
  const bit = BIT[mode];
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((KEEP[c] ?? 0) & bit) continue;
    out += s.slice(start, i) + (c === 0x20 && mode === 'queryComponent' ? '+' : `%${HEX[c >> 4]}${HEX[c & 15]}`);
    start = i + 1;
  }
  return start === 0 ? s : out + s.slice(start);
}

/** A `%` not followed by two hex digits (Go's `EscapeError`). */
export class EscapeError extends Error {
  override readonly name = 'EscapeError';
  constructor(readonly sequence: string) {
    super(`invalid URL escape ${quoteBytes(sequence)}`);
  }
}

/** A byte a host name cannot hold (Go's `InvalidHostError`). */
export class InvalidHostError extends Error {
  override readonly name = 'InvalidHostError';
  constructor(readonly char: string) {
    super(`invalid character ${quoteBytes(char)} in host name`);
  }
}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);

/**
 * Go's `unescape`: decodes `%XX` (and `+` to a space in a query component) in a byte string,
 * with the host and zone restrictions. Throws {@link EscapeError} or {@link InvalidHostError}.
 *
 * @example unescapeBytes('a%2Fb+c', 'queryComponent') // 'a/b c'
 */
export function unescapeBytes(s: string, mode: EscapeMode): string {
  let escapes = 0;
  let plus = false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      escapes++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) throw new EscapeError(s.slice(i, i + 3));
      const three = s.slice(i, i + 3);
      if (mode === 'host' && unhex(s.charCodeAt(i + 1)) < 8 && three !== '%25') throw new EscapeError(three);
      if (mode === 'zone') {
        const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
        if (three !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) throw new EscapeError(three);
      }
      i += 3;
    } else {
      if (c === 0x2b) plus = mode === 'queryComponent';
      else if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) throw new InvalidHostError(s[i] as string);
      i++;
    }
  }
  if (escapes === 0 && !plus) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      out += String.fromCharCode((unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2)));
      i += 2;
    } else out += c === 0x2b && mode === 'queryComponent' ? ' ' : s[i];
  }
  return out;
}

/**
 * The byte string of a text: its UTF-8 bytes, with U+DC80..U+DCFF standing for raw bytes.
 *
 * @example toByteString('é') // '\xc3\xa9'
 */
export function toByteString(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (cp >= 0xdc80 && cp <= 0xdcff) out += String.fromCharCode(cp - 0xdc00);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\xef\xbf\xbd';
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i` (as Go's `utf8.DecodeRune` accepts it), or 0. */
function utf8Length(s: string, i: number): number {
  const b0 = s.charCodeAt(i);
  const cont = (j: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = s.charCodeAt(i + j);
    return b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * The text of a byte string: UTF-8 decoded, each byte outside valid UTF-8 kept as U+DC80+byte.
 *
 * @example fromByteString('\xc3\xbc\xff') // 'ü\udcff'
 */
export function fromByteString(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const b = s.charCodeAt(i);
    if (b < 0x80) {
      out += s[i];
      i++;
      continue;
    }
    const n = utf8Length(s, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + b);
      i++;
      continue;
    }
    let cp = b & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
    for (let j = 1; j < n; j++) cp = (cp << 6) | (s.charCodeAt(i + j) & 63);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

/**
 * Go's `strconv.Quote` of a byte string, as Go's URL errors print it.
 *
 * @example quoteBytes('%\xff') // '"%\\xff"'
 */
export function quoteBytes(s: string): string {
  let out = '"';
  for (const ch of fromByteString(s)) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xdc80 && cp <= 0xdcff) out += `\\x${(cp - 0xdc00).toString(16)}`;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
    else out += QUOTE_ESCAPES[ch] ?? (cp < 0x80 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`);
  }
  return `${out}"`;
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/**
 * Go's `url.PathEscape`: escapes a text for use as one path segment.
 *
 * @example pathEscape('a/b+c d') // 'a%2Fb+c%20d'
 */
export function pathEscape(s: string): string {
  return escapeBytes(toByteString(s), 'pathSegment');
}

/**
 * Go's `url.QueryEscape`: escapes a text for use in a query; a space becomes `+`.
 *
 * @example queryEscape('a/b+c d') // 'a%2Fb%2Bc+d'
 */
export function queryEscape(s: string): string {
  return escapeBytes(toByteString(s), 'queryComponent');
}

/** Go's `url.Values`: keys to values, all byte strings, in insertion order per key. */
export type QueryValues = Map<string, string[]>;

/** Go's cap on the parameters `url.ParseQuery` accepts (GODEBUG `urlmaxqueryparams` default). */
export const MAX_QUERY_PARAMS = 10_000;

/**
 * Go's `url.ParseQuery` with its error dropped, as `URL.Query()` does: pairs split on `&`, pairs
 * with a `;` or a bad escape skipped, nothing at all past {@link MAX_QUERY_PARAMS} parameters.
 * Takes and gives byte strings.
 *
 * @example parseQuery('a=1&a=2&b=x+y') // Map { 'a' => ['1', '2'], 'b' => ['x y'] }
 */
export function parseQuery(raw: string): QueryValues {
  const values: QueryValues = new Map();
  if (raw === '') return values;
  let params = 1;
  for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', i + 1)) params++;
  if (params > MAX_QUERY_PARAMS) return values;
  for (const pair of raw.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    try {
      const key = unescapeBytes(eq < 0 ? pair : pair.slice(0, eq), 'queryComponent');
      const value = unescapeBytes(eq < 0 ? '' : pair.slice(eq + 1), 'queryComponent');
      const list = values.get(key);
      if (list) list.push(value);
      else values.set(key, [value]);
    } catch (err) {
      if (!(err instanceof EscapeError)) throw err;
    }
  }
  return values;
}

/**
 * Go's `url.Values.Encode`: keys sorted by bytes, keys and values query-escaped, joined by `&`.
 *
 * @example encodeQuery(new Map([['b', ['2']], ['a', ['1', 'x y']]])) // 'a=1&a=x+y&b=2'
 */
export function encodeQuery(values: QueryValues): string {
  const keys = [...values.keys()];
  if (keys.length > 1) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '';
  for (const key of keys) {
    const k = `${escapeBytes(key, 'queryComponent')}=`;
    for (const v of values.get(key) ?? []) out += `${out === '' ? '' : '&'}${k}${escapeBytes(v, 'queryComponent')}`;
  }
  return out;
}
