/**
 * What the paste routes share: their dependencies, the page context, the share URL of a paste,
 * and `respond`, which runs a handler and answers any failure it throws: a page from the
 * platform's renderer for browsers, paste's wire answer for programs (wire.ts), with the status
 * errors.ts decides.
 *
 * @example
 *   app.get('/paste/:id/raw', (c) => respond(c, deps, 'text', () => raw(c, deps)));
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { PageCtx } from '../../../../views/paste/models.js';
import type { AppEnv } from '../../../platform/app.js';
import type { PasteConfig } from '../config.js';
import type { PasteService } from '../service.js';
import { pageCtxOf } from './present.js';
import { fail, type WireFallback } from './wire.js';

export type Ctx = Context<AppEnv>;

export interface PasteDeps {
  service: PasteService;
  config: PasteConfig;
  log: Pick<Logger, 'error' | 'warn' | 'info'>;
  /** The app's name in page headers, e.g. `paste`. */
  brand: string;
  /** The app's canonical URL (MagicDNS name, https with certificates), once served. */
  baseUrl(): string | undefined;
}

/** The origin paste links are built on: the app's canonical URL, else the one the request used. */
export function shareOrigin(c: Ctx, deps: PasteDeps): string {
  const base = deps.baseUrl();
  if (base) return base.replace(/\/+$/, '');
  return `${new URL(c.req.url).protocol}//${c.req.header('host') ?? 'paste'}`;
}

/** The page context for the current caller. */
export function pageCtx(c: Ctx, deps: PasteDeps): PageCtx {
  const caller = c.get('caller');
  return { ...pageCtxOf(deps.brand, caller, caller.kind === 'anonymous' ? undefined : deps.service.permissions(caller)), frame: c.get('frame') };
}

/**
 * Runs `handler`; a failure it throws goes to the platform's renderer for a browser, and is
 * answered on the wire otherwise (`fallback`: what a program naming neither JSON nor text gets).
 */
export async function respond(c: Ctx, deps: PasteDeps, fallback: WireFallback, handler: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    return fail(c, deps.log, err, fallback);
  }
}
