/**
 * What `POST /token` does with a request (reference §3.5): one grant by `grant_type` — the
 * authorization code (token-code.ts), refresh (token-refresh.ts) or, behind `enableSts`, RFC 8693
 * token exchange (token-exchange.ts). The route reads the form; everything after is here.
 *
 * @example
 *   const body = await tokenGrant(d, { form, resources: [], audiences: [], authorization, caller, issuer });
 */
import type { Caller } from '../../../platform/identity.js';
import { OAuthError } from '../errors.js';
import type { ServiceDeps } from './deps.js';
import { TOKEN_EXCHANGE } from './discovery.js';
import type { TokenResponse } from './issue.js';
import { codeGrant } from './token-code.js';
import { exchangeGrant } from './token-exchange.js';
import { refreshGrant } from './token-refresh.js';

/** A token request as the route read it. */
export interface TokenRequest {
  /** Form fields: the body first, then the query string (Go's `FormValue`). */
  form: Record<string, string>;
  /** Every non-empty `resource` value (RFC 8707), body first. */
  resources: string[];
  /** Every non-empty `audience` value (RFC 8693), body first. */
  audiences: string[];
  /** The `Authorization` header, if sent (client credentials). */
  authorization: string | undefined;
  /** Who calls: the relying party's node, or anonymous over Funnel (the exchanger without credentials). */
  caller: Caller;
  issuer: string;
}

export async function tokenGrant(d: ServiceDeps, r: TokenRequest): Promise<TokenResponse> {
  switch (r.form.grant_type) {
    case 'authorization_code':
      return codeGrant(d, r);
    case 'refresh_token':
      return refreshGrant(d, r);
    case TOKEN_EXCHANGE:
      return exchangeGrant(d, r);
    case undefined:
    case '':
      throw new OAuthError('invalid_request', 'grant_type is required');
    default:
      throw new OAuthError('unsupported_grant_type', `grant_type "${r.form.grant_type}" is not supported`);
  }
}
