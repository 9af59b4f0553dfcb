/**
 * The one error renderer: a failure becomes an HTML page in the suite's frame when `Accept`
 * prefers `text/html` (browsers), JSON `{"error": code, "message": …, "hint"?}` when `Accept`
 * names `application/json`, and plain text `message\n` otherwise (curl sends `*\/*`, setec's
 * client no `Accept` at all), which is what the platform's refusals have always answered.
 *
 * It renders the platform's own refusals (503 identity, 403 not a tailnet node, 403 CSRF, 413,
 * 421, the 500 of an unexpected error) and whatever an app's `errors` mapping makes of an error
 * that escapes its routes. Routes an upstream client calls (setec's API, tailsql's, golink's,
 * tsidp's OAuth endpoints) answer in their own wire format and never reach it.
 *
 * The page frame comes from the composition root (`src/suite.ts` passes the suite's layout to
 * `startPlatform`); the platform itself renders no views, and without a frame uses a bare page.
 *
 * @example
 *   return renderFailure(c, { status: 404, code: 'not_found', message: 'no such note', hint: 'see /notes for the list' });
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { SuiteFrame } from './frame.js';

/** A failure to answer with (see the module comment). */
export interface AppFailure {
  status: number;
  /** A short machine-readable code, e.g. `not_found`, `forbidden` (the JSON `error`). */
  code: string;
  /** One line for people, without a trailing newline: what went wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Extra response headers (`Allow`, `Retry-After`). */
  headers?: Readonly<Record<string, string>>;
}

/** An app's mapping from its errors to failures; undefined for errors it does not know. */
export type ErrorMapping = (err: unknown) => AppFailure | undefined;

/** What a failure page shows. */
export interface FailurePage {
  status: number;
  /** The app's title (`go/ links`), or `tailyard` for the platform's own refusals before an app. */
  app: string;
  message: string;
  hint?: string;
  /** The suite frame (navigation) when the caller is known; absent for refusals before that. */
  suite?: SuiteFrame;
}

/** Renders a whole HTML document for a failure (the suite's layout, from the composition root). */
export type PageFrame = (page: FailurePage) => string;

export type FailureFormat = 'html' | 'json' | 'text';

/** The q-value `accept` gives `type` (exactly, not through wildcards); 0 when it is not named. */
function quality(accept: string, type: string): number {
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.split(';');
    if (name.trim().toLowerCase() !== type) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const v = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(v) ? v : 0;
  }
  return 0;
}

/**
 * The format for an `Accept` header: HTML when it prefers `text/html`, JSON when it names
 * `application/json`, else text.
 *
 * @example failureFormat('text/html,application/xhtml+xml,*\/*;q=0.8') // 'html'
 */
export function failureFormat(accept: string | undefined): FailureFormat {
  if (!accept) return 'text';
  const html = quality(accept, 'text/html');
  const json = quality(accept, 'application/json');
  if (html > 0 && html >= json) return 'html';
  return json > 0 ? 'json' : 'text';
}

/** The page without the suite's frame (embedded platforms, tests); hono's `html` escapes the text. */
export const bareFrame: PageFrame = (p) =>
  String(
    html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${p.status} · ${p.app}</title></head><body><h1>${p.app}</h1><p>${p.message}</p>${p.hint ? html`<p>${p.hint}</p>` : ''}</body></html>`,
  );

/** The body and content type of a failure in a format. */
export function failureBody(
  failure: AppFailure,
  format: FailureFormat,
  app: string,
  frame: PageFrame = bareFrame,
  suite?: SuiteFrame,
): { type: string; body: string } {
  if (format === 'html') return { type: 'text/html; charset=UTF-8', body: frame({ status: failure.status, app, message: failure.message, hint: failure.hint, suite }) };
  if (format === 'json') {
    const json: Record<string, string> = { error: failure.code, message: failure.message };
    if (failure.hint) json.hint = failure.hint;
    return { type: 'application/json; charset=UTF-8', body: JSON.stringify(json) };
  }
  return { type: 'text/plain; charset=UTF-8', body: `${failure.message}${failure.hint ? ` (${failure.hint})` : ''}\n` };
}

/** What the renderer needs of the app it answers for, set on the context by the platform. */
export interface FailureRendering {
  app: string;
  frame: PageFrame;
}

/**
 * Answers `failure` in the format the request's `Accept` asks for (see the module comment).
 *
 * @example return renderFailure(c, { status: 409, code: 'conflict', message: 'that name is taken' });
 */
export function renderFailure(c: Context, failure: AppFailure): Response {
  const vars = c.var as { failureRendering?: FailureRendering; frame?: SuiteFrame };
  const rendering = vars.failureRendering;
  const { type, body } = failureBody(failure, failureFormat(c.req.header('accept')), rendering?.app ?? 'tailyard', rendering?.frame, vars.frame);
  for (const [k, v] of Object.entries(failure.headers ?? {})) c.header(k, v);
  return c.body(body, failure.status as 400, { 'Content-Type': type });
}
