/**
 * What the idp routes share: stores, keys, config, the audit trail, the issuer and the WhoIs
 * lookup, plus the few request helpers every route needs (forms with tsidp's query fallback,
 * CORS, JSON answers, the Funnel rule, the caller's grant rules).
 *
 * @example
 *   const form = await readForm(c); // body first, then the query string, like Go's FormValue
 */
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../../../platform/app.js';
import { BadFormError, formValueList, formValues } from '../../../platform/form.js';
import { capValues } from '../../../platform/identity.js';
import type { RateLimiter } from '../../../platform/ratelimit.js';
import { setResponseHeaders } from '../../../platform/request.js';
import type { Identification } from '../../../platform/tailnet/mode.js';
import type { Auditor } from '../service/audit.js';
import type { IdpConfig } from '../config.js';
import { OAuthError, oauthErrorResponse } from '../errors.js';
import { type CapRule, CapRuleSchema } from '../access.js';
import type { KeyRing } from '../service/keys.js';
import { ClientInputError, type RegistrationBudget, RegistrationLimitError } from '../service/registry.js';
import type { ClientStore } from '../store/clients.js';
import type { TokenStore } from '../store/tokens.js';
import type { Clock } from '../service/tokens.js';

export interface IdpDeps {
  clients: ClientStore;
  tokens: TokenStore;
  keys: KeyRing;
  /** Client creations per caller (`registrationRateLimit`), on every route that creates one. */
  registrations: RateLimiter;
  config: IdpConfig;
  capName: string;
  log: Logger;
  audit: Auditor;
  /** The issuer for a request: config, the platform's canonical URL, or (dev) the loopback address served. */
  issuer(c: Ctx): string;
  /** WhoIs on a tailnet address, as the platform identifies callers. */
  whois(addr: string): Promise<Identification>;
  clock: Clock;
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

/** Answers an error as JSON; unexpected errors are logged and become `server_error`. */
export function sendError(c: Ctx, err: unknown, log: Pick<Logger, 'error'>): Response {
  const r = oauthErrorResponse(err);
  if (!(err instanceof OAuthError)) log.error({ err: (err as Error).message, stack: (err as Error).stack, path: c.req.path }, 'idp request failed');
  return c.body(r.body, r.status as 400, r.headers);
}

/** The registration budget of the caller of `c`, for `createClient`. */
export function budgetOf(c: Ctx, deps: Pick<IdpDeps, 'registrations'>): RegistrationBudget {
  return { limiter: deps.registrations, caller: c.get('caller') };
}

/**
 * The OAuth error for a client that cannot be created or saved (RFC 7591 §3.2.2 codes; a spent
 * registration budget is 429 with `Retry-After`); any other error is returned unchanged.
 */
export function clientFailure(err: unknown): unknown {
  if (err instanceof ClientInputError) return new OAuthError(err.kind === 'redirect_uris' ? 'invalid_redirect_uri' : 'invalid_client_metadata', err.message);
  if (err instanceof RegistrationLimitError) return new OAuthError('temporarily_unavailable', err.message, { status: 429, retryAfter: err.retryAfterSeconds });
  return err;
}

/** Refuses anonymous (Funnel) callers: the route needs the caller's tailnet identity (tsidp's 401). */
export function requireTailnet(c: Ctx): void {
  if (c.get('caller').kind === 'anonymous') throw new OAuthError('access_denied', 'not available over funnel', { status: 401 });
}

/** The caller's grant rules for the idp capability (malformed rules logged once and skipped). */
export function callerRules(c: Ctx, deps: Pick<IdpDeps, 'capName' | 'log'>): CapRule[] {
  return capValues(c.get('caller'), deps.capName, CapRuleSchema, deps.log);
}

/** 405 with an `Allow` header, as JSON. */
export function methodNotAllowed(allow: string): OAuthError {
  return new OAuthError('method_not_allowed', `method not allowed; use ${allow}`);
}

/** The issuer's host (for realish emails). */
export function issuerHost(issuer: string): string {
  return new URL(issuer).hostname;
}
