/**
 * The middleware every app runs behind, in order: request id + access log + metrics, security
 * headers, identity (fail closed), CSRF for browser form posts, and a default body-size limit.
 *
 * Apps add their own tighter `bodyLimit(...)` on routes that need one.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app.js';
import { anonymousCaller, IdentityUnavailableError } from './identity.js';
import type { Logger } from './logging.js';
import type { PlatformMetrics } from './metrics.js';
import type { TailnetMode } from './tailnet/mode.js';

/** hono's node adapter puts the raw request in `c.env.incoming`. */
export interface NodeBindings {
  incoming: IncomingMessage;
}

export type PlatformEnv = AppEnv & { Bindings: NodeBindings };

let requestSeq = 0;
const bootId = Date.now().toString(36);

/** Assigns a request id, logs one line per request and records metrics. */
export function accessLog(appId: string, log: Logger, metrics: PlatformMetrics): MiddlewareHandler<PlatformEnv> {
  return async (c, next) => {
    const start = performance.now();
    const requestId = `${bootId}-${(++requestSeq).toString(36)}`;
    c.set('requestId', requestId);
    c.set('log', log);
    try {
      await next();
    } finally {
      const ms = performance.now() - start;
      const route = routePath(c) || 'unmatched';
      const status = c.res.status;
      metrics.requests.inc({ app: appId, route, method: c.req.method, status });
      metrics.duration.observe({ app: appId, route, method: c.req.method }, ms / 1000);
      const caller = c.get('caller');
      log[status >= 500 ? 'error' : 'info'](
        { reqId: requestId, method: c.req.method, path: c.req.path, route, status, ms: Math.round(ms * 100) / 100, login: caller?.login || caller?.nodeName || undefined },
        'request',
      );
    }
  };
}

/** CSP, framing, sniffing and referrer headers on every response. Pages load only same-origin assets. */
export function securityHeaders(): MiddlewareHandler<PlatformEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false, // the tailnet layer sends HSTS only where HTTPS is really served
    crossOriginEmbedderPolicy: false,
    xXssProtection: false,
  });
}

/**
 * Sets `caller` from the tailnet layer. Fails closed: node not ready or WhoIs failing → 503;
 * a peer the tailnet does not know → 403, unless the app is on Funnel and the path is public.
 */
export function identity(
  appId: string,
  mode: TailnetMode,
  publicPaths: { funnel: boolean; prefixes: readonly string[] },
): MiddlewareHandler<PlatformEnv> {
  return async (c, next) => {
    if (!mode.isReady(appId)) return c.text('service unavailable: this app is not connected to the tailnet yet\n', 503);
    let id: Awaited<ReturnType<TailnetMode['identify']>>;
    try {
      id = await mode.identify(appId, c.env.incoming);
    } catch (err) {
      const msg = err instanceof IdentityUnavailableError ? err.message : 'identity lookup failed';
      c.get('log').warn({ err: msg }, 'identity unavailable');
      return c.text(`service unavailable: cannot identify the caller (${msg})\n`, 503);
    }
    if (id.kind === 'caller') {
      c.set('caller', id.caller);
    } else if (publicPaths.funnel && publicPaths.prefixes.some((p) => c.req.path.startsWith(p))) {
      c.set('caller', anonymousCaller(id.remoteAddr));
    } else {
      return c.text('forbidden: the caller is not a node of this tailnet\n', 403);
    }
    return next();
  };
}

/** `Sec-*` headers browsers set themselves; any other `Sec-*` header marks a non-browser API client. */
const BROWSER_SEC_HEADER = /^sec-(fetch-|ch-|websocket-|gpc$|purpose$)/;

/**
 * True when the request carries an API-client marker such as `Sec-Golink` or
 * `Sec-X-Tailscale-No-Browsers`: browsers cannot set `Sec-` headers from script or forms (Fetch
 * spec "forbidden header names"), so such a request cannot be a forged cross-site form post.
 */
export function isApiClient(c: Context): boolean {
  for (const name of Object.keys(c.req.header())) {
    if (name.startsWith('sec-') && !BROWSER_SEC_HEADER.test(name)) return true;
  }
  return false;
}

/**
 * CSRF protection for browser form posts (hono's csrf: Sec-Fetch-Site same-origin, or an Origin
 * whose host is this request's Host). API clients that send a `Sec-*` marker header skip it.
 */
export function csrfProtection(): MiddlewareHandler<PlatformEnv> {
  const check = csrf({
    origin: (origin, c) => {
      try {
        return new URL(origin).host === c.req.header('host');
      } catch {
        return false;
      }
    },
  });
  return async (c, next) => {
    if (isApiClient(c)) return next();
    try {
      return await check(c, next);
    } catch (err) {
      if (err instanceof HTTPException && err.status === 403) {
        return c.text('forbidden: cross-site form post refused (the Origin / Sec-Fetch-Site headers do not match this site)\n', 403);
      }
      throw err;
    }
  };
}

/** Request-body size limit with a clear 413. */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.text(`request body too large: the limit for ${c.req.path} is ${formatBytes(maxBytes)}\n`, 413),
  });
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n >> 20} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n >> 10} KiB`;
  return `${n} bytes`;
}
