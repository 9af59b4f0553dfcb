/**
 * The identity provider's errors: every OAuth/OIDC error it answers, the one table that maps each
 * to its HTTP status, and the domain errors of clients (a client that cannot be accepted, a
 * caller over their registration budget) with the OAuth code each becomes. Bodies are always
 * `application/json` (`{"error","error_description"}`, RFC 6749 §5.2), whatever the client's
 * `Accept` says: tsidp sent them as `text/plain`, which strict clients (openid-client,
 * oauth4webapi) reject (reference §0.1). Descriptions never carry a secret, a code or a token.
 *
 * The OAuth routes answer through {@link oauthErrorResponse} themselves (that is their wire
 * format). The admin pages and the logout page throw, and the platform's renderer answers with
 * what {@link errors} makes of it: a page in the suite's frame, JSON or text by `Accept`, with the
 * error's `hint` (what to do) where it has one.
 *
 * @example
 *   throw new OAuthError('invalid_grant', 'code not found');
 *   oauthErrorResponse(err) // → { status: 400, body: '{"error":"invalid_grant","error_description":"code not found"}\n', ... }
 */
import type { AppFailure } from '../../platform/errors.js';

/** The error codes used (RFC 6749, 6750, 7591, 7662, 8707, 8693, OIDC Core). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'access_denied'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_client_metadata'
  | 'invalid_redirect_uri'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'not_found'
  | 'method_not_allowed'
  | 'temporarily_unavailable'
  | 'server_error';

const STATUS: Readonly<Record<OAuthErrorCode, number>> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  unsupported_token_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  access_denied: 403,
  invalid_token: 401,
  insufficient_scope: 403,
  invalid_client_metadata: 400,
  invalid_redirect_uri: 400,
  request_not_supported: 400,
  request_uri_not_supported: 400,
  not_found: 404,
  method_not_allowed: 405,
  temporarily_unavailable: 503,
  server_error: 500,
};

/**
 * An expected OAuth failure. `status` overrides the table (e.g. 401 for "not available over
 * Funnel", 429 for a rate limit); `wwwAuthenticate` adds that header (RFC 6750 §3 for bearer
 * errors, Basic for clients), `retryAfter` a `Retry-After` in seconds. `hint` says what to do; only
 * pages show it (the wire body is tsidp's two fields).
 *
 * @example
 *   throw new OAuthError('invalid_token', 'token expired', { wwwAuthenticate: 'Bearer' });
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly description: string;
  readonly status: number;
  readonly wwwAuthenticate: string | undefined;
  readonly retryAfter: number | undefined;
  readonly hint: string | undefined;

  constructor(code: OAuthErrorCode, description: string, opts: { status?: number; wwwAuthenticate?: string; retryAfter?: number; hint?: string } = {}) {
    // Expected outcomes need no stack trace (bad codes are common under load).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${code}: ${description}`);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.description = description;
    this.status = opts.status ?? STATUS[code];
    this.wwwAuthenticate = opts.wwwAuthenticate;
    this.retryAfter = opts.retryAfter;
    this.hint = opts.hint;
  }

  override get name(): string {
    return 'OAuthError';
  }
}

/** What to send for a failure. */
export interface ErrorResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  code: OAuthErrorCode;
}

/**
 * Maps any thrown value to a JSON error response: an {@link OAuthError} by its code, a client
 * error by {@link asOAuthError}, anything else to a generic `server_error` 500 (the caller logs it).
 *
 * @example
 *   const r = oauthErrorResponse(new OAuthError('invalid_client', 'bad secret'));
 *   // r.status === 401, r.headers['WWW-Authenticate'] === undefined
 */
export function oauthErrorResponse(err: unknown): ErrorResponse {
  const known = asOAuthError(err);
  const e = known instanceof OAuthError ? known : new OAuthError('server_error', 'internal error');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  };
  if (e.wwwAuthenticate) headers['WWW-Authenticate'] = e.wwwAuthenticate;
  if (e.retryAfter !== undefined) headers['Retry-After'] = String(e.retryAfter);
  return { status: e.status, body: `${JSON.stringify({ error: e.code, error_description: e.description })}\n`, headers, code: e.code };
}

/** Client metadata that cannot be accepted; `kind` says which error code DCR answers with. */
export class ClientInputError extends Error {
  override name = 'ClientInputError';
  constructor(
    message: string,
    readonly kind: 'redirect_uris' | 'metadata',
  ) {
    super(message);
  }
}

/** A caller who created too many clients too fast; `retryAfterSeconds` says when one more fits. */
export class RegistrationLimitError extends Error {
  override name = 'RegistrationLimitError';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many clients registered by you in a short time; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * The OAuth error a client error is (RFC 7591 §3.2.2 codes; a spent registration budget is 429
 * with `Retry-After`); any other error is returned unchanged.
 *
 * @example asOAuthError(new ClientInputError('redirect_uris: …', 'redirect_uris')).code // 'invalid_redirect_uri'
 */
export function asOAuthError(err: unknown): unknown {
  if (err instanceof ClientInputError) return new OAuthError(err.kind === 'redirect_uris' ? 'invalid_redirect_uri' : 'invalid_client_metadata', err.message);
  if (err instanceof RegistrationLimitError) return new OAuthError('temporarily_unavailable', err.message, { status: 429, retryAfter: err.retryAfterSeconds });
  return err;
}

/** The app's errors for the platform's renderer (see the module comment). */
export function errors(err: unknown): AppFailure | undefined {
  const e = asOAuthError(err);
  if (!(e instanceof OAuthError)) return undefined;
  const headers: Record<string, string> = {};
  if (e.wwwAuthenticate) headers['WWW-Authenticate'] = e.wwwAuthenticate;
  if (e.retryAfter !== undefined) headers['Retry-After'] = String(e.retryAfter);
  return { status: e.status, code: e.code, message: e.description, hint: e.hint, headers };
}
