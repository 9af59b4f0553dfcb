/**
 * paste's failure answers to programs, byte for byte what tclip's clients and the JSON API have
 * always read: one line of text, `message\n` as `text/plain; charset=utf-8` (tclip's CLI and
 * `tailyard paste` print it verbatim), or `{"error": message, "status": n}` for JSON clients.
 * Browsers, which prefer `text/html`, get a page from the platform's renderer instead: `fail`
 * rethrows for them, and the app's `errors` mapping (errors.ts) words the page.
 *
 * Which one a program gets: JSON when its `Accept` names `application/json` (or, naming neither,
 * when the route's `fallback` is JSON, as for `/api/pastes`), else text (curl's `*\/*`, Go's
 * client sending none, tclip's `text/plain`). test/apps/paste/wire.test.ts pins them.
 *
 * @example
 *   app.get('/paste/:id/raw', (c) => respond(c, deps, 'text', () => raw(c, deps)));
 *   // curl http://paste/paste/<deleted>/raw → 410 "gone: this paste was deleted (2024-05-01 12:00 UTC)\n"
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { failureFormat } from '../../../platform/errors.js';
import { requestHeader } from '../../../platform/request.js';
import { httpFailure } from '../errors.js';
import { answerFor } from '../negotiate.js';

export const TEXT = 'text/plain; charset=utf-8';

/** What a program that names neither JSON nor text gets. */
export type WireFallback = 'json' | 'text';

/** Whether the client wants a page (a browser: `Accept` prefers `text/html`), which the platform's renderer draws. */
export function wantsPage(c: Context): boolean {
  return failureFormat(requestHeader(c, 'accept')) === 'html';
}

function wireFormat(accept: string | undefined, fallback: WireFallback): WireFallback {
  if (failureFormat(accept) === 'json') return 'json';
  return answerFor(accept, fallback) === 'json' ? 'json' : 'text';
}

/** Answers a failure on the wire (see the module comment), logging an unexpected one. */
function wireFailure(c: Context, log: Pick<Logger, 'error'>, err: unknown, fallback: WireFallback): Response {
  const f = httpFailure(err);
  if (f.status === 500) log.error({ err: (err as Error)?.message, stack: (err as Error)?.stack }, 'paste request failed');
  for (const [k, v] of Object.entries(f.headers)) c.header(k, v);
  const status = f.status as 400;
  if (wireFormat(requestHeader(c, 'accept'), fallback) === 'json') return c.json({ error: f.message, status: f.status }, status);
  return c.body(`${f.message}\n`, status, { 'Content-Type': TEXT });
}

/**
 * Answers `err`: rethrown for a browser (the platform's renderer draws the page), on the wire
 * for everyone else.
 */
export function fail(c: Context, log: Pick<Logger, 'error'>, err: unknown, fallback: WireFallback): Response {
  if (wantsPage(c)) throw err;
  return wireFailure(c, log, err, fallback);
}
