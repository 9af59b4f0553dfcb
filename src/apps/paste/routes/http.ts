/**
 * What the paste routes share: their dependencies, the page context, the share URL of a paste,
 * and `respond`, which runs a handler and turns any failure into the right representation (a
 * page for browsers, JSON for JSON clients, one line of text for the CLI and curl) with the
 * status errors.ts decides.
 *
 * @example
 *   app.get('/paste/:id/raw', (c) => respond(c, deps, 'text', () => raw(c, deps)));
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { PageCtx } from '../../../../views/paste/models.js';
import { StatusPage } from '../../../../views/paste/status.js';
import type { AppEnv } from '../../../platform/app.js';
import { requestHeader } from '../../../platform/request.js';
import type { PasteConfig } from '../config.js';
import { httpFailure } from '../errors.js';
import { type Answer, answerFor } from '../negotiate.js';
import type { PasteService } from '../service.js';
import { pageCtxOf } from './present.js';

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

export const TEXT = 'text/plain; charset=utf-8';

/** The origin paste links are built on: the app's canonical URL, else the one the request used. */
export function shareOrigin(c: Ctx, deps: PasteDeps): string {
  const base = deps.baseUrl();
  if (base) return base.replace(/\/+$/, '');
  return `${new URL(c.req.url).protocol}//${c.req.header('host') ?? 'paste'}`;
}

/** The page context for the current caller. */
export function pageCtx(c: Ctx, deps: PasteDeps): PageCtx {
  const caller = c.get('caller');
  return pageCtxOf(deps.brand, caller, caller.kind === 'anonymous' ? undefined : deps.service.permissions(caller));
}

/** Answers a failure as a page, JSON or text, with its status and headers. */
export function failure(c: Ctx, deps: PasteDeps, err: unknown, fallback: Answer = 'text'): Response | Promise<Response> {
  const f = httpFailure(err);
  if (f.status === 500) deps.log.error({ err: (err as Error)?.message, stack: (err as Error)?.stack }, 'paste request failed');
  for (const [k, v] of Object.entries(f.headers)) c.header(k, v);
  const answer = answerFor(requestHeader(c, 'accept'), fallback);
  const status = f.status as 400;
  if (answer === 'json') return c.json({ error: f.message, status: f.status }, status);
  if (answer === 'html' || answer === 'redirect') return c.html(StatusPage({ ctx: pageCtx(c, deps), status: f.status, message: f.message }), status);
  return c.body(`${f.message}\n`, status, { 'Content-Type': TEXT });
}

/** Runs `handler`, answering any error it throws through `failure`. */
export async function respond(c: Ctx, deps: PasteDeps, fallback: Answer, handler: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    return failure(c, deps, err, fallback);
  }
}
