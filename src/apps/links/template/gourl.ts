/**
 * The part of Go's `url.Parse` that golink relies on: split a link expansion into scheme,
 * authority, path, query and fragment, with Go's validation errors
 * (`parse "http://h/%zz": invalid URL escape "%zz"`).
 *
 * golink parses every expansion with `url.Parse` (an invalid one is a 500) and needs the host to
 * follow go-link aliases; the raw pieces are kept so a URL can be rebuilt byte for byte.
 */
import { goQuote } from './fmt.js';
import { fromByteString, toByteString, unescapeBytes } from './goescape.js';

/** A parsed URL. `path` is decoded; the `raw*` parts are as written. */
export interface GoURL {
  /** Lower-cased scheme, or '' for a relative reference. */
  scheme: string;
  /** `host[:port]` as written, or ''. */
  host: string;
  /** Decoded path ('' for opaque URLs such as `mailto:x`). */
  path: string;
  /** Everything before the query and fragment, as written. */
  base: string;
  /** The query after `?` (undefined without `?`). */
  rawQuery: string | undefined;
  /** The fragment after `#` (undefined without `#`). */
  rawFragment: string | undefined;
}

/** A `url.Parse` failure; the message is Go's. */
export class GoURLError extends Error {
  override readonly name = 'GoURLError';
}

/**
 * Go's `url.Parse`.
 *
 * @example parseGoURL('http://go/meet/a%2Fb?x=1#f').path // '/meet/a/b'
 */
export function parseGoURL(raw: string): GoURL {
  const fail = (msg: string): never => {
    throw new GoURLError(`parse ${goQuote(raw)}: ${msg}`);
  };
  const decode = (s: string): string => {
    const bytes = unescapeBytes(toByteString(s), false);
    if (bytes === undefined) {
      const at = s.search(/%(?![0-9a-fA-F]{2})/);
      return fail(`invalid URL escape ${goQuote(s.slice(at, at + 3))}`);
    }
    return fromByteString(bytes);
  };
  if (/[\x00-\x1f\x7f]/.test(raw)) fail('net/url: invalid control character in URL');
  const hash = raw.indexOf('#');
  const rawFragment = hash < 0 ? undefined : raw.slice(hash + 1);
  if (rawFragment !== undefined) decode(rawFragment);
  let rest = hash < 0 ? raw : raw.slice(0, hash);
  const q = rest.indexOf('?');
  const rawQuery = q < 0 ? undefined : rest.slice(q + 1);
  const base = q < 0 ? rest : rest.slice(0, q);
  rest = base;
  const url: GoURL = { scheme: '', host: '', path: '', base, rawQuery, rawFragment };

  const scheme = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(rest);
  if (rest.startsWith(':')) fail('missing protocol scheme');
  if (scheme) {
    url.scheme = (scheme[1] as string).toLowerCase();
    rest = rest.slice(scheme[0].length);
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return url;
    if ((rest.split('/')[0] as string).includes(':')) fail('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const at = authority.lastIndexOf('@');
    if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) fail('net/url: invalid userinfo');
    url.host = authority.slice(at + 1);
    checkHost(url.host, fail);
  }
  url.path = decode(rest);
  return url;
}

function checkHost(host: string, fail: (msg: string) => never): void {
  let colonPort = '';
  if (host.startsWith('[')) {
    const end = host.lastIndexOf(']');
    if (end < 0) fail("missing ']' in host");
    colonPort = host.slice(end + 1);
  } else if (host.includes(':')) colonPort = host.slice(host.lastIndexOf(':'));
  if (colonPort !== '' && !/^:[0-9]*$/.test(colonPort)) fail(`invalid port ${goQuote(colonPort)} after host`);
  const bad = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.exec(host);
  if (bad) fail(`invalid character ${goQuote(bad[0])} in host name`);
  if (/%(?![0-9a-fA-F]{2})/.test(host)) {
    const at = host.search(/%(?![0-9a-fA-F]{2})/);
    fail(`invalid URL escape ${goQuote(host.slice(at, at + 3))}`);
  }
}
