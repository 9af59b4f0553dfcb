/**
 * The route table's two rules that hono's router cannot express:
 *
 * - Anonymous callers (Funnel) may only read single pastes: `GET /`, `GET /paste/{id}` and its
 *   `/raw`, `/dl`, `/md`, `/org`, `POST /paste/{id}/reveal`, and the favicon (shared static
 *   assets are served before this). Lists, search, the JSON API, creating and deleting refuse
 *   them. The platform's public path prefixes ignore the method, so this is checked here, per
 *   method and path, before any route runs.
 * - A known path with the wrong method is 405 with `Allow`; an unknown path is 404 (tclip
 *   answers 200 to both).
 *
 * @example
 *   app.use(anonymousGuard(deps)); … the other routes …; fallbackRoutes(app, deps);
 */
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { PasteError } from '../errors.js';
import type { PasteDeps } from './http.js';
import { fail } from './wire.js';

const ID = '(?!list$|mine$)[^/]+';

/** Every path the app answers, with its methods (HEAD goes with GET). */
const ROUTES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/$/, 'GET, HEAD'],
  [/^\/help$/, 'GET, HEAD'],
  [/^\/favicon\.(svg|ico)$/, 'GET, HEAD'],
  [/^\/api\/post$/, 'POST'],
  [/^\/api\/pastes$/, 'GET, HEAD'],
  [/^\/api\/delete\/[^/]+$/, 'GET, HEAD, POST'],
  [/^\/paste\/(list|mine)$/, 'GET, HEAD'],
  [new RegExp(`^/paste/${ID}/?$`), 'GET, HEAD, DELETE'],
  [new RegExp(`^/paste/${ID}/(raw|dl|md|org)$`), 'GET, HEAD'],
  [new RegExp(`^/paste/${ID}/reveal$`), 'POST'],
];

/** What an anonymous caller may request. */
const PUBLIC: ReadonlyArray<readonly [RegExp, ReadonlySet<string>]> = [
  [/^\/(favicon\.(svg|ico))?$/, new Set(['GET', 'HEAD'])],
  [new RegExp(`^/paste/${ID}(/|/(raw|dl|md|org))?$`), new Set(['GET', 'HEAD'])],
  [new RegExp(`^/paste/${ID}/reveal$`), new Set(['POST'])],
];

/** Whether an anonymous caller may send `method` to `path`. */
export function isPublic(method: string, path: string): boolean {
  return PUBLIC.some(([re, methods]) => methods.has(method) && re.test(path));
}

/** The `Allow` value for a known path, or undefined for an unknown one. */
export function allowedMethods(path: string): string | undefined {
  return ROUTES.find(([re]) => re.test(path))?.[1];
}

/** Refuses anonymous callers everything but reading single pastes. */
export function anonymousGuard(deps: PasteDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('caller').kind !== 'anonymous' || isPublic(c.req.method, c.req.path)) return next();
    return fail(c, deps.log, new PasteError('anonymous'), 'text');
  };
}

/** 405 for a known path asked with another method, 404 for anything else. */
export function fallbackRoutes(app: Hono<AppEnv>, deps: PasteDeps): void {
  app.all('*', (c) => {
    const allow = allowedMethods(c.req.path);
    const err = allow
      ? new PasteError('method', `${c.req.method} is not allowed on ${c.req.path}; use ${allow}`, { Allow: allow })
      : new PasteError('no-page', `nothing is at ${c.req.path}`);
    return fail(c, deps.log, err, 'text');
  });
}
