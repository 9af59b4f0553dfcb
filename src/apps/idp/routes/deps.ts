/**
 * What the idp routes share: the service, the issuer of a request and the logger, plus the few
 * request helpers every route needs (forms with tsidp's query fallback, CORS, JSON answers and
 * OAuth's JSON errors, which are these routes' wire format).
 *
 * @example
 *   const form = await readForm(c); // body first, then the query string, like Go's FormValue
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../../../platform/app.js';
import { BadFormError, formValueList, formValues } from '../../../platform/form.js';
import { setResponseHeaders } from '../../../platform/request.js';
import { asOAuthError, OAuthError, oauthErrorResponse } from '../errors.js';
import type { IdpService } from '../service/index.js';

export interface Deps {
  service: IdpService;
  /** The issuer for a request: config, the platform's canonical URL, or (dev) the loopback address served. */
  issuer(c: Ctx): string;
  log: Pick<Logger, 'error'>;
}

export type Ctx = Context<AppEnv>;

/** The form reads below, with a multipart body that does not parse as tsidp's `invalid_request`. */
async function oauthForm<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    throw err instanceof BadFormError ? new OAuthError('invalid_request', err.message) : err;
  }
}

/** Form fields: the urlencoded (or multipart) body first, then the query string, as Go's `r.FormValue`. */
export function readForm(c: Ctx): Promise<Record<string, string>> {
  return oauthForm(formValues(c));
}

/** Every non-empty value of a repeatable form field (e.g. `resource`, `audience`): Go's `r.Form[name]`, body first. */
export async function readAll(c: Ctx, name: string): Promise<string[]> {
  return (await oauthForm(formValueList(c, name))).filter(Boolean);
}

/** CORS for endpoints browser-based clients call cross-origin (tsidp: `*`; `Authorization` must be named). */
export function cors(c: Ctx, methods: string): void {
  setResponseHeaders(c, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': methods, 'Access-Control-Allow-Headers': 'Authorization, *', 'Access-Control-Max-Age': '600' });
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** A JSON body with the headers token responses need (RFC 6749 §5.1: `no-store`). */
export function jsonNoStore(c: Ctx, body: unknown, status = 200): Response {
  setResponseHeaders(c, NO_STORE);
  return c.body(JSON.stringify(body), status as 200, { 'Content-Type': 'application/json' });
}

/** Answers an error in OAuth's JSON; unexpected errors are logged and become `server_error`. */
export function sendError(c: Ctx, err: unknown, log: Pick<Logger, 'error'>): Response {
  const r = oauthErrorResponse(err);
  if (!(asOAuthError(err) instanceof OAuthError)) log.error({ err: (err as Error).message, stack: (err as Error).stack, path: c.req.path }, 'idp request failed');
  return c.body(r.body, r.status as 400, r.headers);
}

/** The 405 of a method the route does not take, in OAuth's JSON. */
export function methodNotAllowed(allow: string): OAuthError {
  return new OAuthError('method_not_allowed', `method not allowed; use ${allow}`);
}
