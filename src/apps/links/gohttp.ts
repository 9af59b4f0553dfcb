/**
 * The pieces of Go's `net/http` and `path` that decide golink's answers outside `url.String()`:
 * `path.Clean`, the `Location` that `http.Redirect` writes (golink uses it for `/{name}+`), and
 * header values as Go writes them. All on byte strings (see template/goescape.ts).
 */
import { parseURL } from './template/gourl.js';

/**
 * Go's `path.Clean`: the shortest equivalent slash-separated path, lexically.
 *
 * @example cleanPath('/a/./b/../../c/') // '/c'
 */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  let dotdots = 0;
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > dotdots) out.pop();
    else if (!rooted) {
      out.push('..');
      dotdots++;
    }
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}

/**
 * `net/http`'s `cleanPath`, which `ServeMux` redirects to: {@link cleanPath} of a rooted path,
 * keeping a trailing slash.
 *
 * @example muxCleanPath('/.detail/a/../b/') // '/.detail/b/'
 */
export function muxCleanPath(p: string): string {
  if (p === '') return '/';
  const rooted = p.startsWith('/') ? p : `/${p}`;
  const clean = cleanPath(rooted);
  return rooted.endsWith('/') && clean !== '/' ? `${clean}/` : clean;
}

/**
 * Go's `hexEscapeNonASCII`: each byte from 0x80 up as `%xx` (lower-case hex, as Go writes it).
 *
 * @example hexEscapeNonASCII('/\xc3\xbc') // '/%c3%bc'
 */
export function hexEscapeNonASCII(s: string): string {
  return s.replace(/[\x80-\xff]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`);
}

/**
 * The `Location` Go's `http.Redirect` sends for `url` on a request for `requestPath`: a
 * relative URL is made absolute against the request's directory and cleaned (a trailing slash
 * kept, the query untouched); a URL that `url.Parse` refuses is sent as it is.
 *
 * @example redirectLocation('/a+', '/.detail/a/../b') // '/.detail/b'
 */
export function redirectLocation(requestPath: string, url: string): string {
  let target = url;
  let parsed: ReturnType<typeof parseURL> | undefined;
  try {
    parsed = parseURL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && parsed.scheme === '' && parsed.host === '') {
    if (!target.startsWith('/')) target = requestPath.slice(0, requestPath.lastIndexOf('/') + 1) + target;
    const q = target.indexOf('?');
    const query = q < 0 ? '' : target.slice(q);
    const path = q < 0 ? target : target.slice(0, q);
    let clean = cleanPath(path);
    if (path.endsWith('/') && !clean.endsWith('/')) clean += '/';
    target = clean + query;
  }
  return hexEscapeNonASCII(target);
}

/**
 * A header value as Go's server writes it (line breaks as spaces, surrounding blanks trimmed),
 * with the other control bytes, which Go writes raw but Node refuses, percent-encoded.
 *
 * @example headerValue(' /a\nb\x01 ') // '/a b%01'
 */
export function headerValue(s: string): string {
  if (!/[\x00-\x1f\x7f]|^[ \t]|[ \t]$/.test(s)) return s;
  return s
    .replace(/[\r\n]/g, ' ')
    .replace(/^[ \t]+|[ \t]+$/g, '')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}
