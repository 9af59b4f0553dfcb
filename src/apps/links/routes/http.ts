/**
 * What the links routes share: the store, stats, expander, config and a few request helpers
 * (HTML-or-JSON by `Accept` as golink decides it, the acting user, the import form, size limits).
 * Save and edit read golink's `r.FormValue` fields with the platform's `formValues`.
 *
 * @example
 *   if (!wantsHTML(c)) return c.body(goJsonEncode(toGolinkJSON(link)), 200, jsonHeaders());
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv, AuditSink } from '../../../platform/app.js';
import { BadFormError } from '../../../platform/form.js';
import type { LinkExpander } from '../expand.js';
import { type Actor, actorOf } from '../access.js';
import type { ClickStats } from '../stats.js';
import type { LinkStore } from '../store.js';
import type { TemplateLane } from '../template-lane.js';
import type { LinksConfig } from '../config.js';
import type { PageCtx } from '../../../../views/links/page.js';

export interface LinksDeps {
  store: LinkStore;
  stats: ClickStats;
  expander: LinkExpander;
  /** Where template expansions run, so expensive ones get a bounded share of the CPU. */
  lane: TemplateLane;
  config: LinksConfig;
  capName: string;
  log: Logger;
  audit: AuditSink;
  /** The name users type (`go`), for pages and alias detection. */
  brand: string;
  /** Counts unknown names (golink_not_found_total). */
  notFound: { inc(): void };
}

export type Ctx = Context<AppEnv>;

/** Body limit for the link forms (the import route keeps the platform's 1 MiB). */
export const FORM_BODY_LIMIT = 64 * 1024;

/** Fresh per response: hono may hand the object to the node adapter, which adds to it. */
export const jsonHeaders = (): Record<string, string> => ({ 'Content-Type': 'application/json' });

/** golink's rule: HTML when `Accept` contains `text/html` (case-insensitive), JSON otherwise. */
export function wantsHTML(c: Ctx): boolean {
  return (c.req.header('accept') ?? '').toLowerCase().includes('text/html');
}

/** golink's plain-text error: the message and a trailing newline. */
export function textError(c: Ctx, status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 500 | 503 | 508, message: string): Response {
  return c.text(`${message}\n`, status);
}

export function actor(c: Ctx, deps: LinksDeps): Actor {
  return actorOf(c.get('caller'), deps.capName, deps.log);
}

export function pageCtx(c: Ctx, deps: LinksDeps): PageCtx {
  return { brand: deps.brand, login: actor(c, deps).login, readonly: deps.config.readonly };
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

export const READONLY_MESSAGE = 'golink is in read-only mode';
export const UNKNOWN_USER_MESSAGE =
  'forbidden: you could not be identified as a tailnet user; changing links needs a login (or --links-allow-unknown-users)';

/** Refuses anonymous writers unless unknown users are allowed. */
export function unknownUserRefused(c: Ctx, deps: LinksDeps): Response | undefined {
  if (actor(c, deps).login === '' && !deps.config.allowUnknownUsers) return textError(c, 403, UNKNOWN_USER_MESSAGE);
  return undefined;
}
