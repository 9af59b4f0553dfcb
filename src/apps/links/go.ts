/**
 * `GET /{short}[/{rest}][?query]`: golink's `serveGo`, the hot path.
 *
 * The path is taken from the raw request target (not hono's normalised URL, which would resolve
 * `..` segments), decoded like Go's `url.Parse`, split into name and remainder, and looked up by
 * normalised id with a retry without trailing punctuation. A hit counts a click and answers 302
 * with the expansion as `Location`, byte for byte (only non-ASCII is percent-encoded, which HTTP
 * headers require). A miss answers 404 with the create form pre-filled and "did you mean".
 *
 * @example
 *   app.all('*', (c) => serveGo(c, deps));
 */
import type { IncomingMessage } from 'node:http';
import { HomePage } from '../../../views/links/home.js';
import { type Ctx, type LinksDeps, pageCtx, textError } from './deps.js';
import { LinkLoopError, resolveChain, splitRequestPath, suggest } from './resolve.js';
import { fromByteString, toByteString, unescapeBytes } from './template/goescape.js';
import { GoURLError, parseGoURL } from './template/gourl.js';
import { isNoUserError, pathEscape, TemplateExecError, TemplateParseError } from './template/index.js';

/** The raw request target split into path and query (the query without `?`). */
function requestTarget(c: Ctx): { path: string; query: string } {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  let raw = incoming?.url ?? new URL(c.req.url).pathname + new URL(c.req.url).search;
  if (!raw.startsWith('/')) {
    const u = new URL(raw, 'http://x');
    raw = u.pathname + u.search;
  }
  const q = raw.indexOf('?');
  return q < 0 ? { path: raw, query: '' } : { path: raw.slice(0, q), query: raw.slice(q + 1) };
}

/**
 * Decodes a request path as Go's `url.Parse` does (`%2F` becomes `/`, `+` stays); undefined for
 * a malformed escape.
 *
 * @example decodePath('/a%20b/c') // '/a b/c'
 */
export function decodePath(path: string): string | undefined {
  if (!path.includes('%')) return path;
  const bytes = unescapeBytes(toByteString(path), false);
  return bytes === undefined ? undefined : fromByteString(bytes);
}

/** A Location header value: the URL as is, with non-ASCII characters percent-encoded as UTF-8. */
function headerSafe(url: string): string {
  return /[^\x00-\x7f]/.test(url) ? url.replace(/[^\x00-\x7f]+/g, (s) => encodeURIComponent(s)) : url;
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

/** golink's resolution handler. */
export function serveGo(c: Ctx, deps: LinksDeps): Response | Promise<Response> {
  const target = requestTarget(c);
  const path = decodePath(target.path);
  if (path === undefined) return textError(c, 400, `invalid URL escape in ${target.path}`);
  if (path.startsWith('/.')) return textError(c, 404, '404 page not found');
  const req = splitRequestPath(path);
  if (req.detail) return c.redirect(`/.detail/${pathEscape(req.short)}`, 302);

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
  let location: string;
  try {
    location = deps.expander.expand(found.long, { path: req.remainder, query: target.query, user });
    if (deps.config.followAliases) {
      const self = new Set([deps.brand.toLowerCase(), (c.req.header('host') ?? '').toLowerCase()]);
      if (isLocal(location, self)) location = followChain(location, deps, self);
    }
  } catch (err) {
    if (isNoUserError(err)) return textError(c, 401, 'link requires a valid user');
    if (err instanceof LinkLoopError) return textError(c, 508, err.message);
    if (err instanceof TemplateExecError || err instanceof TemplateParseError || err instanceof GoURLError) return textError(c, 500, err.message);
    throw err;
  }
  c.header('Location', headerSafe(location));
  return c.body(null, 302);
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
