/**
 * How Go's `http.ServeMux` treats an unclean request path: it answers 307 with the path cleaned
 * (`path.Clean`, a trailing slash kept) and the raw query kept, before any handler runs. So
 * `//json`, `/./json` and `/x/../json?q=…` are redirected to `/json…`, never served. The
 * `Location` is Go's `url.URL{Path: cleaned}.String()`: the (already escaped) path escaped once
 * more, so a `%` becomes `%25`, as Go writes it.
 *
 * @example
 *   muxRedirect('/./json?q=select+1') // → '/json?q=select+1'
 *   muxRedirect('/json?q=1')          // → undefined (clean: served as it is)
 */

/**
 * Go's `path.Clean` for a rooted path: no empty or `.` segments, `..` applied (never above the root).
 *
 * @example goCleanRooted('/a/./b/../../c') // → '/c'
 */
export function goCleanRooted(p: string): string {
  const kept: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') kept.pop();
    else if (seg !== '' && seg !== '.') kept.push(seg);
  }
  return `/${kept.join('/')}`;
}

/** `net/http`'s `cleanPath`: rooted, cleaned, a trailing slash kept. */
function muxCleanPath(p: string): string {
  const rooted = p.startsWith('/') ? p : `/${p}`;
  const clean = goCleanRooted(rooted);
  return rooted.endsWith('/') && clean !== '/' ? `${clean}/` : clean;
}

/** Go's `url.PathEscape` rule for a path (`shouldEscape(c, encodePath)`): `/` and a few marks stay. */
function escapePath(p: string): string {
  return p.replace(/[^A-Za-z0-9\-_.~$&+,/:;=@]/g, (ch) => {
    const bytes = ch.charCodeAt(0) <= 0xff ? [ch.charCodeAt(0)] : [...Buffer.from(ch)];
    return bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  });
}

/**
 * An empty (`//`), `.` or `..` segment: a rooted path with none is clean (a trailing slash is
 * kept), which every request checks before anything is split or joined.
 */
const UNCLEAN_SEGMENT = /\/\/|\/\.\.?(?:\/|$)/;

/** Where Go's `ServeMux` redirects the raw request target, or undefined when its path is clean. */
export function muxRedirect(rawTarget: string): string | undefined {
  const q = rawTarget.indexOf('?');
  const path = q < 0 ? rawTarget : rawTarget.slice(0, q);
  if (path.charCodeAt(0) === 0x2f && !UNCLEAN_SEGMENT.test(path)) return undefined;
  const clean = muxCleanPath(path);
  if (clean === path) return undefined;
  const query = q < 0 ? '' : rawTarget.slice(q + 1);
  return escapePath(clean) + (query === '' ? '' : `?${query}`);
}
