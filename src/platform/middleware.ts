/**
 * What runs in front of every app: security headers (on node's response, before hono), then one
 * hono layer, `requestPipeline`, that assigns a request id, identifies the caller (fail closed),
 * guards form posts (CSRF, body size), and writes the access log and metrics. Its refusals go
 * through the error renderer (`errors.ts`): plain text as always for API clients, a page in the
 * suite's frame for browsers, JSON for clients that ask for it.
 *
 * Each concern is its own function below; the pipeline only sequences them. It is one layer rather
 * than a middleware per concern because each hono layer costs a closure and a promise per request,
 * and on small responses those add up to more than the handler (see `npm run bench`).
 *
 * Apps add their own tighter `bodyLimit(...)` on routes that need one.
 */
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { AppEnv } from './app.js';
import { type CsrfExemptRoute, crossOriginGuard, hasApiClientMarker } from './csrf.js';
import { type FailureRendering, renderFailure } from './errors.js';
import type { SuiteFrame } from './frame.js';
import { anonymousCaller, IdentityUnavailableError } from './identity.js';
import type { Logger } from './logging.js';
import type { PlatformMetrics } from './metrics.js';
import { type NodeBindings, nodeRequest } from './request.js';
import type { TailnetMode } from './tailnet/mode.js';

export type PlatformEnv = AppEnv & { Bindings: NodeBindings };

let requestSeq = 0;
const bootId = Date.now().toString(36);

/** The status logged for a request whose client closed the connection first (nginx's 499). */
export const CLIENT_CLOSED_REQUEST = 499;

/** True when the client closed the connection before the request was read and answered. */
export function clientWentAway(incoming: IncomingMessage | undefined): boolean {
  return !!incoming && incoming.destroyed && !incoming.complete;
}

/**
 * Records one finished request: a log line and the request metrics. With `pathInLog: false` the
 * line names only the matched route pattern (`/paste/:id`), for apps whose URLs are secrets.
 */
export function requestRecorder(appId: string, log: Logger, metrics: PlatformMetrics, pathInLog = true) {
  return (c: Context<PlatformEnv>, start: number): void => {
    const ms = performance.now() - start;
    const route = routePath(c) || 'unmatched';
    const { method } = c.req;
    // A request the client aborted is not a server error, whatever the handler made of it.
    const status = c.res.status >= 500 && clientWentAway(c.env?.incoming) ? CLIENT_CLOSED_REQUEST : c.res.status;
    metrics.requests.series(appId, route, method).record(status, ms / 1000);
    const caller = c.get('caller');
    log[status >= 500 ? 'error' : 'info'](
      { reqId: c.get('requestId'), method, path: pathInLog ? c.req.path : undefined, route, status, ms: Math.round(ms * 100) / 100, login: caller?.login || caller?.nodeName || undefined },
      'request',
    );
  };
}

export interface PipelineOptions {
  appId: string;
  log: Logger;
  metrics: PlatformMetrics;
  mode: TailnetMode;
  anonymous: AnonymousPolicy;
  /** Default request-body limit for routes that set none. */
  maxBodyBytes: number;
  /** Routes exempt from the cross-origin check (see `AppDefinition.csrfExempt`). */
  csrfExempt?: readonly CsrfExemptRoute[];
  /** Whether access-log lines carry the request path (see `AppDefinition.capabilityUrls`). */
  pathInLog?: boolean;
  /** The app's title and page frame, for the refusals and `renderFailure` (default: a bare page). */
  failureRendering?: FailureRendering;
  /** The suite frame for the caller (`frame.ts`), set on the context once the caller is admitted. */
  frame?: (anonymous: boolean) => SuiteFrame;
}

/** The one platform layer in front of an app's routes (see the module comment). */
export function requestPipeline(o: PipelineOptions): MiddlewareHandler<PlatformEnv> {
  const record = requestRecorder(o.appId, o.log, o.metrics, o.pathInLog ?? true);
  const admit = callerAdmission(o.appId, o.mode, o.anonymous);
  const csrfCheck = csrfProtection(o.csrfExempt);
  const sizeCheck = bodyLimit(o.maxBodyBytes);
  return async (c, next) => {
    const start = performance.now();
    c.set('requestId', `${bootId}-${(++requestSeq).toString(36)}`);
    c.set('log', o.log);
    if (o.failureRendering) c.set('failureRendering', o.failureRendering);
    try {
      const refused = await admit(c);
      if (refused) return refused;
      if (o.frame) c.set('frame', o.frame(c.get('caller').kind === 'anonymous'));
      if (SAFE_METHOD.test(c.req.method)) return await next();
      return await csrfCheck(c, () => sizeCheck(c, next) as Promise<void>);
    } finally {
      record(c, start);
    }
  };
}

/**
 * The headers every response carries: a strict CSP (pages load only same-origin assets and run no
 * inline script), no framing, no sniffing, same-origin referrers.
 *
 * They are written straight onto node's response before hono runs (see `withSecurityHeaders`)
 * rather than through hono's `secureHeaders` middleware: that one rewrites every Response's
 * headers after the handler, which costs more than the rest of the stack together on small
 * responses (measured by `npm run bench`), and it would miss responses a handler builds itself.
 * A handler can still override one (e.g. a sandboxed CSP for raw user content) with `c.header`.
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  ],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
];

/** Wraps a node request listener so every response starts with the security headers. */
export function withSecurityHeaders(listener: RequestListener): RequestListener {
  return (req, res) => {
    for (const [k, v] of SECURITY_HEADERS) res.setHeader(k, v);
    listener(req, res);
  };
}

/** Who may be anonymous: callers on public Funnel paths, and every unknown peer if the app admits them. */
export interface AnonymousPolicy {
  funnel: boolean;
  prefixes: readonly string[];
  admitUnknownPeers: boolean;
}

/**
 * Sets `caller` from the tailnet layer, or answers for it. Fails closed: node not ready or WhoIs
 * failing → 503; a peer the tailnet does not know → 403, unless the app is on Funnel and the path
 * is public, or the app admits unknown peers. Resolves to the refusal, or undefined to go on.
 */
export function callerAdmission(appId: string, mode: TailnetMode, anonymous: AnonymousPolicy) {
  return async (c: Context<PlatformEnv>): Promise<Response | undefined> => {
    if (!mode.isReady(appId)) return renderFailure(c, { status: 503, code: 'unavailable', message: 'service unavailable: this app is not connected to the tailnet yet' });
    let id: Awaited<ReturnType<TailnetMode['identify']>>;
    try {
      id = await mode.identify(appId, c.env.incoming);
    } catch (err) {
      const msg = err instanceof IdentityUnavailableError ? err.message : 'identity lookup failed';
      c.get('log').warn({ err: msg }, 'identity unavailable');
      return renderFailure(c, { status: 503, code: 'unavailable', message: `service unavailable: cannot identify the caller (${msg})` });
    }
    if (id.kind === 'caller') {
      c.set('caller', id.caller);
    } else if (anonymous.admitUnknownPeers || (anonymous.funnel && anonymous.prefixes.some((p) => c.req.path.startsWith(p)))) {
      c.set('caller', anonymousCaller(id.remoteAddr));
    } else {
      return renderFailure(c, { status: 403, code: 'forbidden', message: 'forbidden: the caller is not a node of this tailnet' });
    }
    return undefined;
  };
}

/** `callerAdmission` as a stand-alone middleware. */
export function identity(appId: string, mode: TailnetMode, anonymous: AnonymousPolicy): MiddlewareHandler<PlatformEnv> {
  const admit = callerAdmission(appId, mode, anonymous);
  return async (c, next) => (await admit(c)) ?? next();
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

/**
 * True when the request carries an API-client marker such as `Sec-Golink` or
 * `Sec-X-Tailscale-No-Browsers` (see `hasApiClientMarker`). Reads node's already-parsed header
 * object, which is cheaper than hono's web Headers.
 */
export function isApiClient(c: Context): boolean {
  const incoming = nodeRequest(c);
  return hasApiClientMarker(incoming ? incoming.headers : c.req.header());
}

/**
 * Refuses unsafe requests a browser marks as cross-origin (the rule is in `csrf.ts`), with a 403
 * that says why. Non-browser clients, API clients with a `Sec-*` marker and the app's exempt
 * routes pass.
 */
export function csrfProtection(exempt: readonly CsrfExemptRoute[] = []): MiddlewareHandler<PlatformEnv> {
  const guard = crossOriginGuard(exempt);
  return async (c, next) => {
    const refused = guard(c.req.method, c.req.path, c.env.incoming.headers);
    if (refused === undefined) return next();
    return renderFailure(c, {
      status: 403,
      code: 'cross_origin',
      message: `forbidden: cross-origin request refused (${refused}); this page can only be used from its own site`,
    });
  };
}

/**
 * Request-body size limit with a clear 413. Requests that carry no body (GET, HEAD, or no
 * Content-Length / Transfer-Encoding) skip the check, which would otherwise materialise hono's
 * lazy request object on every page view.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    renderFailure(c, { status: 413, code: 'too_large', message: `request body too large: the limit for ${c.req.path} is ${formatBytes(maxBytes)}` });
  const limit = honoBodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (SAFE_METHOD.test(c.req.method)) return next();
    const headers = nodeRequest(c)?.headers;
    const length = headers ? headers['content-length'] : c.req.header('content-length');
    const chunked = (headers ? headers['transfer-encoding'] : c.req.header('transfer-encoding')) !== undefined;
    if (length === undefined && !chunked) return next();
    // With a Content-Length node enforces the length itself; checking the header here (as hono's
    // middleware does) avoids building a web Request, which costs more than many handlers.
    if (!chunked) return Number.parseInt(length ?? '0', 10) > maxBytes ? tooLarge(c) : next();
    return limit(c, next);
  };
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n >> 20} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n >> 10} KiB`;
  return `${n} bytes`;
}
