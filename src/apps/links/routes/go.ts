/**
 * `GET /{short}[/{rest}][?query]`: golink's `serveGo`, the hot path, and golink's routing rule.
 *
 * Routing is decided on the raw request target as Go's server parses it (`url.ParseRequestURI`:
 * a bad escape is a 400 before any route runs), not on hono's normalised URL, which resolves
 * `..` segments: every path that does not start with `/.` (and is not `/` itself) is a go link.
 * A hit counts a click and answers 302 with `url.Parse(expansion).String()` as `Location`, byte
 * for byte (non-ASCII bytes of the query stay raw, as golink sends them). A miss answers 404 with
 * the create form pre-filled and "did you mean".
 *
 * @example
 *   app.use('*', goLinks(deps)); // before every other route
 */
import type { MiddlewareHandler } from 'hono';
import { HomePage } from '../../../../views/links/home.js';
import type { AppEnv } from '../../../platform/app.js';
import { rawTarget } from '../../../platform/request.js';
import { type Ctx, type LinksDeps, pageCtx, textError } from './http.js';
import { headerValue, muxCleanPath, redirectLocation } from '../gohttp.js';
import { LinkLoopError, resolveChain, splitRequestPath, suggest } from '../resolve.js';
import { fromByteString, toByteString } from '../template/goescape.js';
import { escapedPath, type GoURL, GoURLError, goURL, parseGoURL, parseRequestURI, urlString } from '../template/gourl.js';
import { isNoUserError, TemplateExecError, TemplateParseError } from '../template/index.js';
import { LaneBusyError } from '../template-lane.js';

/**
 * golink's routing as middleware: a request target Go would refuse is a 400, a go-link path
 * goes to {@link serveGo}, `/` and the (clean) `/.` namespace go on to the other routes.
 */
export function goLinks(deps: LinksDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let target: GoURL;
    try {
      target = parseRequestURI(rawTarget(c));
    } catch (err) {
      if (err instanceof GoURLError) return textError(c, 400, `bad request target: ${err.message}`);
      throw err;
    }
    if (target.path === '/') return next();
    if (!target.path.startsWith('/.')) return serveGo(c, deps, target);
    // golink's ServeMux answers an unclean `/.` path with a 307 to the clean one; `/.resolve/`
    // (not golink's) is followed by a URL, whose `//` must stay.
    const escaped = escapedPath(target);
    const clean = muxCleanPath(escaped);
    if (clean === escaped || escaped.startsWith('/.resolve/')) return next();
    c.header('Location', headerValue(redirectLocation(target.path, urlString(goURL({ path: clean, rawQuery: target.rawQuery })))));
    return c.body(null, 307);
  };
}

function isLocal(url: string, self: Set<string>): boolean {
  try {
    const u = parseGoURL(url);
    if (u.scheme === '') return true;
    return (u.scheme === 'http' || u.scheme === 'https') && self.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

/** golink's resolution handler for a parsed request target. */
export function serveGo(c: Ctx, deps: LinksDeps, target: GoURL): Response | Promise<Response> {
  const req = splitRequestPath(fromByteString(target.path));
  if (req.detail) {
    c.header('Location', headerValue(redirectLocation(target.path, `/.detail/${toByteString(req.short)}`)));
    return c.body(null, 302);
  }
  let found: { id: string; short: string; long: string } | undefined;
  for (const candidate of req.candidates) {
    found = deps.store.lookup(candidate);
    if (found) break;
  }
  if (!found) {
    deps.notFound.inc();
    return c.html(HomePage({ ctx: pageCtx(c, deps), popular: [], window: 'all', notFound: req.short, suggestions: suggest(req.short, deps.store.names()) }), 404);
  }
  deps.stats.click(found.id);
  const caller = c.get('caller');
  const user = caller.kind === 'anonymous' ? '' : caller.login;
  const link = found;
  const locate = (): string => {
    const location = deps.expander.location(link.long, { path: req.remainder, query: target.rawQuery, user });
    if (!deps.config.followAliases) return location;
    const self = new Set([deps.brand.toLowerCase(), (c.req.header('host') ?? '').toLowerCase()]);
    const text = fromByteString(location);
    return isLocal(text, self) ? toByteString(followChain(text, deps, self)) : location;
  };
  let location: string | Promise<string>;
  try {
    // Templates are code any user can save: they run in the fair-share lane (template-lane.ts).
    location = link.long.includes('{{') ? deps.lane.run(link.id, locate) : locate();
  } catch (err) {
    return expansionFailure(c, err);
  }
  if (typeof location === 'string') return redirect(c, location);
  return location.then(
    (l) => redirect(c, l),
    (err: unknown) => expansionFailure(c, err),
  );
}

function redirect(c: Ctx, location: string): Response {
  c.header('Location', headerValue(location));
  return c.body(null, 302);
}

/** The answer for a destination that could not be expanded. */
function expansionFailure(c: Ctx, err: unknown): Response {
  if (isNoUserError(err)) return textError(c, 401, 'link requires a valid user');
  if (err instanceof LinkLoopError) return textError(c, 508, err.message);
  if (err instanceof LaneBusyError) return textError(c, 503, err.message);
  if (err instanceof TemplateExecError || err instanceof TemplateParseError || err instanceof GoURLError) return textError(c, 500, err.message);
  throw err;
}

/** Follows an alias chain server-side; a missing link leaves the Location as it was. */
function followChain(location: string, deps: LinksDeps, self: Set<string>): string {
  try {
    return resolveChain(location, (s) => deps.store.lookup(s)?.long, { hostname: deps.brand, aliases: [...self] }).url;
  } catch (err) {
    if (err instanceof LinkLoopError) throw err;
    return location;
  }
}
