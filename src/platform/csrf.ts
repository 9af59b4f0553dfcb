/**
 * Cross-origin request protection, the modern rule (as Go's `net/http.CrossOriginProtection`):
 * browsers always say where a request comes from (`Sec-Fetch-Site`, or at least `Origin` on
 * non-GET requests), so only requests a browser marks as cross-origin are refused. Requests that
 * carry neither header come from non-browser clients (curl, tclip's CLI, OAuth libraries) and
 * pass: they cannot carry a victim's ambient credentials, and here the credential (the caller's
 * tailnet identity) is the client's own.
 *
 * Order of the checks, for unsafe methods only (GET, HEAD and OPTIONS always pass):
 * 1. a non-browser `Sec-*` marker header (`Sec-Golink`, `Sec-X-Tailscale-No-Browsers`…) passes:
 *    browsers never let a page set `Sec-` headers;
 * 2. a route the app declared exempt passes (it authenticates the client itself and never acts on
 *    the caller's tailnet identity, e.g. an OAuth token endpoint called by a browser-based client);
 * 3. `Sec-Fetch-Site: same-origin` or `none` passes, any other value is refused;
 * 4. without `Sec-Fetch-Site`, no `Origin` passes, and an `Origin` whose host is the request's
 *    `Host` passes; any other `Origin` (including `null`) is refused.
 *
 * @example
 *   const guard = crossOriginGuard([{ method: 'POST', path: '/token' }]);
 *   guard('POST', '/', { 'sec-fetch-site': 'cross-site' }) // 'Sec-Fetch-Site is "cross-site"'
 *   guard('POST', '/', {})                                 // undefined (a non-browser client)
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A route an app exempts from the check: exact path, or a prefix when it ends in `*`. */
export interface CsrfExemptRoute {
  /** `POST`, `PUT`, `PATCH`, `DELETE`, or `*` for any. */
  method: string;
  path: string;
}

/** `Sec-*` headers browsers set themselves; any other `Sec-*` header marks a non-browser API client. */
const BROWSER_SEC_HEADER = /^sec-(fetch-|ch-|websocket-|gpc$|purpose$)/;

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

/**
 * True when `headers` (node's lower-cased header object) carry an API-client marker such as
 * `Sec-Golink`: browsers cannot set `Sec-` headers from script or forms (Fetch spec "forbidden
 * header names"), so such a request cannot be forged by a web page.
 */
export function hasApiClientMarker(headers: IncomingHttpHeaders | Record<string, string>): boolean {
  for (const name in headers) {
    if (name.startsWith('sec-') && !BROWSER_SEC_HEADER.test(name)) return true;
  }
  return false;
}

function exemptMatcher(routes: readonly CsrfExemptRoute[]): (method: string, path: string) => boolean {
  if (routes.length === 0) return () => false;
  const rules = routes.map((r) => ({
    method: r.method.toUpperCase(),
    prefix: r.path.endsWith('*'),
    path: r.path.endsWith('*') ? r.path.slice(0, -1) : r.path,
  }));
  return (method, path) =>
    rules.some((r) => (r.method === '*' || r.method === method) && (r.prefix ? path.startsWith(r.path) : path === r.path));
}

/**
 * Builds the check for one app. It returns undefined to let the request through, or the reason
 * it is refused (for a 403 body).
 */
export function crossOriginGuard(exempt: readonly CsrfExemptRoute[] = []) {
  const isExempt = exemptMatcher(exempt);
  return (method: string, path: string, headers: IncomingHttpHeaders): string | undefined => {
    if (SAFE_METHOD.test(method) || hasApiClientMarker(headers) || isExempt(method, path)) return undefined;
    const site = headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site is "${site}"`;
    const origin = headers.origin;
    if (origin === undefined) return undefined;
    return originHost(origin) === headers.host?.toLowerCase() ? undefined : `Origin ${JSON.stringify(origin)} is not this site`;
  };
}

/** The lower-cased `host[:port]` of an Origin value, or undefined for `null` and garbage. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
