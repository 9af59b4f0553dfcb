/**
 * Request targets that Go's servers serve but hono's node adapter refuses with 400 before any
 * route runs: a backslash in the path (`/a\b`), the asterisk form (`*`) and an absolute form
 * whose scheme is not spelled `http://` in lower case (`HTTP://go/gh`). The adapter builds a
 * WHATWG `URL` from the target, which treats `\` as `/`, so it refuses them rather than route
 * somewhere else.
 *
 * The platform hands such a request on with a stand-in URL the adapter accepts and that routes
 * to the same place (the backslash escaped as `%5C`; the absolute form's path and query; `*` as
 * `/*`), and keeps the target as it arrived: apps that decide on the raw target read it with
 * `rawTarget(c)` (request.ts), which also returns what the request-line layer (request-line.ts)
 * saw before it escaped raw bytes.
 *
 * @example
 *   routableTarget('/a\\b?x=\\')   // '/a%5Cb?x=\\'
 *   routableTarget('HTTP://go/gh') // '/gh'
 *   routableTarget('/gh')          // undefined: fine as it is
 */
import type { IncomingMessage, RequestListener } from 'node:http';

const raws = new WeakMap<IncomingMessage, string>();

/** The target as the client sent it (Latin-1, one char per byte), when the platform changed `req.url`. */
export function originalTarget(req: IncomingMessage): string | undefined {
  return raws.get(req);
}

/** Records that `req` arrived as `raw` and now carries `url` for routing. */
export function replaceTarget(req: IncomingMessage, raw: string, url: string): void {
  raws.set(req, raws.get(req) ?? raw);
  req.url = url;
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * A stand-in for a target the node adapter would refuse, or undefined when it takes the target
 * as it is (the common case, decided on the first character and one search).
 */
export function routableTarget(url: string): string | undefined {
  if (url.charCodeAt(0) === 0x2f) {
    if (!url.includes('\\')) return undefined;
    const escaped = escapeBackslashes(url);
    return escaped === url ? undefined : escaped;
  }
  if (url === '*') return '/*';
  const scheme = ABSOLUTE.exec(url);
  if (!scheme) return undefined; // anything else is no request target: the adapter's 400 stands
  // The adapter takes these as they are (and its URL keeps their host).
  if ((url.startsWith('http://') || url.startsWith('https://')) && !url.includes('\\')) return undefined;
  const rest = url.slice(scheme[0].length);
  const end = rest.search(/[/?#]/);
  if (end < 0) return '/';
  const pathAndQuery = rest.slice(end);
  return escapeBackslashes(pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

/** `\` in the path (not the query, where the adapter takes it) as `%5C`. */
function escapeBackslashes(target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return path.replaceAll('\\', '%5C') + (q < 0 ? '' : target.slice(q));
}

/**
 * `listener` behind the platform's handling of request targets: the raw target the request-line
 * layer escaped, and a stand-in for a target the node adapter would refuse (see above).
 *
 * @example const listener = withRequestTargets(getRequestListener(app.fetch), takeRawTarget);
 */
export function withRequestTargets(listener: RequestListener, takeRaw: (req: IncomingMessage) => string | undefined): RequestListener {
  return (req, res) => {
    const raw = takeRaw(req);
    if (raw !== undefined) raws.set(req, raw);
    const url = req.url ?? '';
    const routable = routableTarget(url);
    if (routable !== undefined) replaceTarget(req, url, routable);
    return listener(req, res);
  };
}
