/**
 * What the links routes share: their dependencies, and the request and answer helpers golink's
 * behaviour needs (HTML or JSON by `Accept` as golink decides it, golink's text errors, the
 * acting user, the page context, the import form, size limits).
 *
 * `golinkRoute` is how a route answers failures: a LinkError it throws becomes golink's plain
 * text (status, `message\n`), whatever the `Accept`, as golink's `http.Error` writes it; anything
 * else goes on to the platform's renderer (errors.ts).
 *
 * @example
 *   app.post('/.restore/:short', golinkRoute((c) => restore(c, deps)));
 */
import type { Context, Handler } from 'hono';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { PageCtx } from '../../../../views/links/page.js';
import type { AppEnv } from '../../../platform/app.js';
import { BadFormError } from '../../../platform/form.js';
import { type Actor, actorOf } from '../access.js';
import type { Favicon } from '../assets.js';
import { LinkError } from '../errors.js';
import type { LinkResolver, LinksService } from '../service/index.js';

export interface Deps {
  links: LinksService;
  /** Where links lead: the hot path, alias chains. */
  resolver: LinkResolver;
  capName: string;
  log: Logger;
  /** The name users type (`go`), for pages. */
  brand: string;
  /** The platform's metrics, for golink's `/.metrics`. */
  registry: Registry;
  favicon: Favicon;
}

export type Ctx = Context<AppEnv>;

/** Body limit for the link forms (the import route keeps the platform's 1 MiB). */
export const FORM_BODY_LIMIT = 64 * 1024;

/** Fresh per response: hono may hand the object to the node adapter, which adds to it. */
export const jsonHeaders = (): Record<string, string> => ({ 'Content-Type': 'application/json' });

/** golink's plain-text bodies (exports, listings), as Go's server labels them. */
export const textHeaders = (): Record<string, string> => ({ 'Content-Type': 'text/plain; charset=utf-8' });

/** golink's rule: HTML when `Accept` contains `text/html` (case-insensitive), JSON otherwise. */
export function wantsHTML(c: Ctx): boolean {
  return (c.req.header('accept') ?? '').toLowerCase().includes('text/html');
}

/** golink's plain-text error: the status, the message and a trailing newline. */
export function golinkText(c: Ctx, err: LinkError): Response {
  return c.text(`${err.message}\n`, err.status);
}

/** Answers a LinkError as golink's text; rethrows anything else (to the platform's renderer). */
export function golinkFailure(c: Ctx, err: unknown): Response {
  if (err instanceof LinkError) return golinkText(c, err);
  throw err;
}

/** A route whose LinkErrors are answered as golink's text (see the module comment). */
export function golinkRoute(handler: (c: Ctx) => Response | Promise<Response>): Handler<AppEnv> {
  return async (c) => {
    try {
      return await handler(c);
    } catch (err) {
      return golinkFailure(c, err);
    }
  };
}

export function actor(c: Ctx, deps: Deps): Actor {
  return actorOf(c.get('caller'), deps.capName, deps.log);
}

export function pageCtx(c: Ctx, deps: Deps): PageCtx {
  return { brand: deps.brand, login: actor(c, deps).login, readonly: deps.links.readonly, favicon: deps.favicon.href, frame: c.get('frame') };
}

/**
 * The parsed form body with its file parts (the import upload; multipart or urlencoded, `{}` for
 * other types); a malformed one, such as multipart without a boundary or with broken parts,
 * throws the platform's {@link BadFormError}, as `formValues` does.
 */
export async function readForm(c: Ctx): Promise<Record<string, string | File>> {
  try {
    return (await c.req.parseBody()) as Record<string, string | File>;
  } catch (err) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    throw new BadFormError(`malformed ${type} body: ${(err as Error).message}`);
  }
}
