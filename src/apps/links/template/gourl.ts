/**
 * Go's `net/url.URL` (Go 1.26 rules): `url.Parse`, `url.ParseRequestURI` and `URL.String()`,
 * with `EscapedPath`/`EscapedFragment` choosing between the raw spelling and a re-escaped one.
 *
 * golink answers every redirect with `url.Parse(expansion).String()`, so the exact bytes of a
 * `Location` come from these rules: a space or `[` decoded from the request path is re-escaped
 * (the raw path is no longer a valid encoding), `%2f` survives only while the raw path stays
 * valid, an empty fragment disappears, the query is kept byte for byte. Why hand-written: see
 * `goescape.ts`. Everything here works on byte strings (one char per byte).
 *
 * @example
 *   urlString(parseURL('https://github.com/a b/[y]?x=1')) // 'https://github.com/a%20b/%5By%5D?x=1'
 */
import {
  EscapeError,
  type EscapeMode,
  escapeBytes,
  InvalidHostError,
  parseQuery,
  type QueryValues,
  quoteBytes,
  shouldEscape,
  toByteString,
  unescapeBytes,
} from './goescape.js';
import { AddrError, parseAddr } from './gonetip.js';

/** A parsed URL: Go's `url.URL` fields, all byte strings. */
export interface GoURL {
  /** Lower-cased scheme, or '' for a relative reference. */
  scheme: string;
  /** Encoded opaque data (`mailto:x` has opaque `x`). */
  opaque: string;
  user: { username: string; password?: string } | undefined;
  /** `host[:port]`, decoded. */
  host: string;
  /** Decoded path. */
  path: string;
  /** The path as written, when escaping `path` again would not give it back. */
  rawPath: string;
  /** `scheme:/path`: no `//` authority was written. */
  omitHost: boolean;
  /** The URL ended in a lone `?`. */
  forceQuery: boolean;
  /** The query after `?`, as written. */
  rawQuery: string;
  /** Decoded fragment. */
  fragment: string;
  /** The fragment as written, when escaping `fragment` again would not give it back. */
  rawFragment: string;
}

/** A `url.Parse` failure; the message is Go's (`parse "http://h/%zz": invalid URL escape "%zz"`). */
export class GoURLError extends Error {
  override readonly name = 'GoURLError';
  constructor(url: string, reason: string) {
    super(`parse ${quoteBytes(url)}: ${reason}`);
  }
}

/** An error of the URL grammar before it is wrapped with the URL. */
class Reason extends Error {}

/**
 * A URL from the given fields, the others empty (as a Go `url.URL{...}` literal).
 *
 * @example urlString(goURL({ path: 'a:b' })) // './a:b'
 */
export const goURL = (fields: Partial<GoURL> = {}): GoURL => ({
  scheme: '',
  opaque: '',
  user: undefined,
  host: '',
  path: '',
  rawPath: '',
  omitHost: false,
  forceQuery: false,
  rawQuery: '',
  fragment: '',
  rawFragment: '',
  ...fields,
});

/** Runs an unescape, turning its error into a {@link Reason}. */
function decode(s: string, mode: EscapeMode): string {
  try {
    return unescapeBytes(s, mode);
  } catch (err) {
    if (err instanceof EscapeError || err instanceof InvalidHostError) throw new Reason(err.message);
    throw err;
  }
}

/**
 * Go's `url.Parse` of a byte string. Throws {@link GoURLError}.
 *
 * @example parseURL('http://go/meet/a%2Fb?x=1#f').path // '/meet/a/b'
 */
export function parseURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const before = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? '' : raw.slice(hash + 1);
  let url: GoURL;
  try {
    url = parse(before, false);
  } catch (err) {
    if (err instanceof Reason) throw new GoURLError(before, err.message);
    throw err;
  }
  if (frag === '') return url;
  try {
    url.fragment = decode(frag, 'fragment');
  } catch (err) {
    if (err instanceof Reason) throw new GoURLError(raw, err.message);
    throw err;
  }
  url.rawFragment = escapeBytes(url.fragment, 'fragment') === frag ? '' : frag;
  return url;
}

/**
 * Go's `url.Parse` of a text (encoded as UTF-8 first). Throws {@link GoURLError}.
 *
 * @example parseGoURL('https://ex.com/ü').rawPath // '/\xc3\xbc'
 */
export function parseGoURL(text: string): GoURL {
  return parseURL(toByteString(text));
}

/**
 * Go's `url.ParseRequestURI`: a request target (`/path?query`, `*` or an absolute URL), as Go's
 * HTTP server parses it before any handler runs; `#` is not special. Throws {@link GoURLError}.
 *
 * @example parseRequestURI('/gh/a%20b?x=1').path // '/gh/a b'
 */
export function parseRequestURI(raw: string): GoURL {
  try {
    return parse(raw, true);
  } catch (err) {
    if (err instanceof Reason) throw new GoURLError(raw, err.message);
    throw err;
  }
}

/** Go's `getScheme`: `[a-zA-Z][a-zA-Z0-9+.-]*:`, or no scheme. */
function splitScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new Reason('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parse(raw: string, viaRequest: boolean): GoURL {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Reason('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new Reason('empty url');
  const url = goURL();
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  let [scheme, rest] = splitScheme(raw);
  url.scheme = scheme.toLowerCase();
  const q = rest.indexOf('?');
  if (q === rest.length - 1 && q >= 0) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (q >= 0) {
    url.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    if (viaRequest) throw new Reason('invalid URI for request');
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) throw new Reason('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    parseAuthority(url, authority);
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  url.path = decode(rest, 'path');
  url.rawPath = escapeBytes(url.path, 'path') === rest ? '' : rest;
  return url;
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthority(url: GoURL, authority: string): void {
  const at = authority.lastIndexOf('@');
  url.host = parseHost(url.scheme, at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!USERINFO.test(userinfo)) throw new Reason('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  url.user =
    colon < 0
      ? { username: decode(userinfo, 'userPassword') }
      : { username: decode(userinfo.slice(0, colon), 'userPassword'), password: decode(userinfo.slice(colon + 1), 'userPassword') };
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

/** Go's `parseHost`: an IPv6 literal in brackets, or a name with an optional numeric port. */
function parseHost(scheme: string, host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new Reason('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new Reason("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new Reason(`invalid port ${quoteBytes(colonPort)} after host`);
    const port = decode(colonPort, 'host');
    const name = host.slice(1, close);
    const zone = name.indexOf('%25');
    const addr = zone < 0 ? decode(name, 'host') : decode(name.slice(0, zone), 'host') + decode(name.slice(zone), 'zone');
    try {
      if (parseAddr(addr)) throw new Reason('invalid IP-literal');
    } catch (err) {
      if (err instanceof AddrError) throw new Reason(`invalid host: ${err.message}`);
      throw err;
    }
    return `[${addr}]${port}`;
  }
  let colon = host.indexOf(':');
  if (colon >= 0) {
    // Go 1.26 (urlstrictcolons): the first colon starts an http(s) port; other schemes, which
    // may list several hosts, keep the old rule of the last colon.
    if (scheme !== 'http' && scheme !== 'https') colon = host.lastIndexOf(':');
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw new Reason(`invalid port ${quoteBytes(colonPort)} after host`);
  }
  return decode(host, 'host');
}

/** Bytes `validEncoded` accepts besides those the mode leaves unescaped: sub-delims, `:@[]%`. */
const SPELLED = new Set("!$&'()*+,;=:@[]%");

/** Go's `validEncoded`: `s` holds no byte that `mode` would escape (sub-delims and `[]` allowed). */
function validEncoded(s: string, mode: EscapeMode): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (shouldEscape(c, mode) && !SPELLED.has(s[i] as string)) return false;
  }
  return true;
}

/** Whether `raw` is a valid spelling of `decoded` in `mode` (the check behind `EscapedPath`). */
function rawSpells(raw: string, decoded: string, mode: EscapeMode): boolean {
  if (raw === '' || !validEncoded(raw, mode)) return false;
  try {
    return unescapeBytes(raw, mode) === decoded;
  } catch {
    return false;
  }
}

/**
 * Go's `URL.EscapedPath`: the raw path when it is a valid encoding of the path, else the path
 * escaped again.
 *
 * @example escapedPath(parseURL('/foo%2f/b ar')) // '/foo//b%20ar'
 */
export function escapedPath(u: GoURL): string {
  if (rawSpells(u.rawPath, u.path, 'path')) return u.rawPath;
  if (u.path === '*') return '*';
  return escapeBytes(u.path, 'path');
}

/** Go's `URL.EscapedFragment`. */
export function escapedFragment(u: GoURL): string {
  if (rawSpells(u.rawFragment, u.fragment, 'fragment')) return u.rawFragment;
  return escapeBytes(u.fragment, 'fragment');
}

/**
 * Go's `URL.String()` (a byte string: the query is kept raw, non-ASCII included).
 *
 * @example urlString(parseURL('HTTP://h/a%20b#')) // 'http://h/a%20b'
 */
export function urlString(u: GoURL): string {
  let out = u.scheme === '' ? '' : `${u.scheme}:`;
  if (u.opaque !== '') out += u.opaque;
  else {
    if ((u.scheme !== '' || u.host !== '' || u.user) && !(u.omitHost && u.host === '' && !u.user)) {
      if (u.host !== '' || u.path !== '' || u.user) out += '//';
      if (u.user) {
        out += escapeBytes(u.user.username, 'userPassword');
        if (u.user.password !== undefined) out += `:${escapeBytes(u.user.password, 'userPassword')}`;
        out += '@';
      }
      if (u.host !== '') out += escapeBytes(u.host, 'host');
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '') {
      const slash = path.indexOf('/');
      if ((slash < 0 ? path : path.slice(0, slash)).includes(':')) out += './';
    }
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
  if (u.fragment !== '') out += `#${escapedFragment(u)}`;
  return out;
}

/**
 * Go's `URL.Query()`: the parsed query, malformed pairs dropped.
 *
 * @example urlQuery(parseURL('/x?b=2&a=1')) // Map { 'b' => ['2'], 'a' => ['1'] }
 */
export function urlQuery(u: GoURL): QueryValues {
  return parseQuery(u.rawQuery);
}
