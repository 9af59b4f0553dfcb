/**
 * `GET /{short}[/{rest}][?query]`: golink's `serveGo`, the hot path, and golink's routing rule.
 *
 * Routing is decided on the raw request target as Go's server parses it (`url.ParseRequestURI`:
 * a bad escape is a 400 before any route runs), not on hono's normalised URL, which resolves
 * `..` segments: every path that does not start with `/.` (and is not `/` itself) is a go link.
 * A hit counts a click and answers 302 with `url.Parse(expansion).String()` as `Location`, byte
 * for byte (non-ASCII bytes of the query stay raw, as golink sends them). A miss answers 404 with
 * the create form pre-filled and "did you mean". Where a visit leads is the service's `visit`;
 * this file turns request bytes into its input and its outcome into golink's answer.
 *
 * @example
 *   goRoutes(app, deps); // before every other route
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { HomePage } from '../../../../views/links/home.js';
import type { AppEnv } from '../../../platform/app.js';
import { rawTarget } from '../../../platform/request.js';
import { headerValue, muxCleanPath, redirectLocation } from '../gohttp.js';
import { fromByteString, toByteString } from '../template/goescape.js';
import { escapedPath, type GoURL, GoURLError, goURL, parseRequestURI, urlString } from '../template/gourl.js';
import { actor, type Ctx, type Deps, golinkFailure, golinkText, pageCtx } from './http.js';
import { LinkError, NOT_FOUND_MESSAGE } from '../errors.js';
import type { Visit } from '../service/index.js';

/** Registers golink's routing (below) in front of every other route. */
export function goRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.use('*', goLinks(deps));
}

/**
 * golink's routing as middleware: a request target Go would refuse is a 400, a go-link path
 * goes to {@link serveGo}, `/` and the (clean) `/.` namespace go on to the other routes.
 */
function goLinks(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let target: GoURL;
    try {
      target = parseRequestURI(rawTarget(c));
    } catch (err) {
      if (err instanceof GoURLError) {
        // Go's server answers a target it cannot parse before any handler, and closes the connection.
        c.header('Connection', 'close');
        return golinkText(c, new LinkError(400, `bad request target: ${err.message}`));
      }
      throw err;
    }
    if (target.path === '/') return next();
    // `*` and an absolute-form target without a path: golink's handler finds no link by that name.
    if (!target.path.startsWith('/')) return golinkText(c, new LinkError(404, NOT_FOUND_MESSAGE));
    if (!target.path.startsWith('/.')) return serveGo(c, deps, target);
    // golink's ServeMux answers an unclean `/.` path with a 307 to the clean one; `/.resolve/`
    // (not golink's) is followed by a URL, whose `//` must stay.
    const escaped = escapedPath(target);
    const clean = muxCleanPath(escaped);
    if (clean === escaped || escaped.startsWith('/.resolve/')) {
      // The mux matches the escaped path, where `%2e` is no dot; the routes below see a URL that
      // resolved it as one (`/%2e` as `/`), so such a path is the mux's 404 here.
      if (hasEncodedDotSegment(escaped)) return golinkText(c, new LinkError(404, NOT_FOUND_MESSAGE));
      return next();
    }
    c.header('Location', headerValue(redirectLocation(target.path, urlString(goURL({ path: clean, rawQuery: target.rawQuery })))));
    return c.body(null, 307);
  };
}

/** Whether a segment of an escaped path is `.` or `..` with a dot written `%2e`. */
function hasEncodedDotSegment(escaped: string): boolean {
  return /(?:^|\/)(?:%2e|\.%2e|%2e\.|%2e%2e)(?:\/|$)/i.test(escaped);
}

/** golink's resolution handler for a parsed request target. */
function serveGo(c: Ctx, deps: Deps, target: GoURL): Response | Promise<Response> {
  const caller = c.get('caller');
  const user = caller.kind === 'anonymous' ? '' : caller.login;
  let visit: Visit;
  try {
    visit = deps.resolver.visit(fromByteString(target.path), target.rawQuery, user, c.req.header('host') ?? '');
  } catch (err) {
    return golinkFailure(c, err);
  }
  switch (visit.kind) {
    case 'detail':
      c.header('Location', headerValue(redirectLocation(target.path, `/.detail/${toByteString(visit.short)}`)));
      return c.body(null, 302);
    case 'missing': {
      // A deleted link is kept: offer it back rather than a form that would replace it.
      const gone = deps.links.find(visit.short);
      const deleted =
        gone && gone.deletedAt !== null
          ? { by: gone.deletedBy, at: gone.deletedAt, canRestore: deps.links.canEdit(gone, actor(c, deps)) }
          : undefined;
      return c.html(HomePage({ ctx: pageCtx(c, deps), popular: [], window: 'all', notFound: visit.short, suggestions: visit.suggestions, deleted }), 404);
    }
    case 'found':
      if (typeof visit.location === 'string') return redirect(c, visit.location);
      return visit.location.then(
        (l) => redirect(c, l),
        (err: unknown) => golinkFailure(c, err),
      );
  }
}

function redirect(c: Ctx, location: string): Response {
  c.header('Location', headerValue(location));
  return c.body(null, 302);
}
