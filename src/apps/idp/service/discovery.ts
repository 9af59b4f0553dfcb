/**
 * The two metadata documents (reference §3.1, §3.2) with tsidp's keys, values and key order,
 * followed by what this provider adds (revocation, logout, public clients, RFC 9207 `iss`).
 * Over Funnel `registration_endpoint` is left out, as tsidp does.
 *
 * Changed values, each a fix: `response_types_supported` is `["code"]` (tsidp also listed
 * `id_token` but always issued a code), `token_endpoint_auth_methods_supported` adds `none`
 * (public clients), `scopes_supported` adds `offline_access`.
 *
 * @example
 *   openidConfiguration({ issuer: 'https://idp.tail1234.ts.net', sts: true, funnel: false })
 */
import { SUPPORTED_SCOPES } from './scopes.js';

export interface MetadataOptions {
  issuer: string;
  /** Token exchange enabled (`enableSts`). */
  sts: boolean;
  /** The request came over Funnel (anonymous): no registration endpoint. */
  funnel: boolean;
}

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** tsidp's list, plus the claims added here. */
const CLAIMS_SUPPORTED = [
  'sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'username', 'email', 'key', 'addresses', 'nid', 'node', 'tailnet', 'tags', 'user', 'uid',
  'name', 'preferred_username', 'picture', 'email_verified', 'groups', 'auth_time', 'nonce', 'at_hash', 'azp',
];

const AUTH_METHODS = ['client_secret_post', 'client_secret_basic', 'none'];

function grantTypes(sts: boolean): string[] {
  return ['authorization_code', 'refresh_token', ...(sts ? [TOKEN_EXCHANGE] : [])];
}

function endpoints(issuer: string) {
  return {
    authorization: `${issuer}/authorize`,
    token: `${issuer}/token`,
    userinfo: `${issuer}/userinfo`,
    introspection: `${issuer}/introspect`,
    registration: `${issuer}/register`,
    jwks: `${issuer}/.well-known/jwks.json`,
    revocation: `${issuer}/revoke`,
    endSession: `${issuer}/logout`,
  };
}

/** Keys both documents add after tsidp's. */
function additions(e: ReturnType<typeof endpoints>) {
  return {
    revocation_endpoint: e.revocation,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS.filter((m) => m !== 'none'),
    end_session_endpoint: e.endSession,
    response_modes_supported: ['query'],
    authorization_response_iss_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    claims_parameter_supported: false,
  };
}

/** `/.well-known/openid-configuration`. */
export function openidConfiguration(o: MetadataOptions): Record<string, unknown> {
  const e = endpoints(o.issuer);
  return {
    issuer: o.issuer,
    authorization_endpoint: e.authorization,
    token_endpoint: e.token,
    userinfo_endpoint: e.userinfo,
    introspection_endpoint: e.introspection,
    ...(o.funnel ? {} : { registration_endpoint: e.registration }),
    jwks_uri: e.jwks,
    scopes_supported: [...SUPPORTED_SCOPES],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    claims_supported: CLAIMS_SUPPORTED,
    id_token_signing_alg_values_supported: ['RS256'],
    grant_types_supported: grantTypes(o.sts),
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    code_challenge_methods_supported: ['plain', 'S256'],
    ...additions(e),
  };
}

/** `/.well-known/oauth-authorization-server` (RFC 8414), tsidp's keys and order. */
export function authorizationServerMetadata(o: MetadataOptions): Record<string, unknown> {
  const e = endpoints(o.issuer);
  return {
    issuer: o.issuer,
    authorization_endpoint: e.authorization,
    token_endpoint: e.token,
    introspection_endpoint: e.introspection,
    ...(o.funnel ? {} : { registration_endpoint: e.registration }),
    jwks_uri: e.jwks,
    response_types_supported: ['code'],
    grant_types_supported: grantTypes(o.sts),
    scopes_supported: [...SUPPORTED_SCOPES],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    // Not standard names, but tsidp sends them and MCP clients may read them (reference §3.2).
    authorization_details_types_supported: ['resource_indicators'],
    resource_indicators_supported: true,
    code_challenge_methods_supported: ['plain', 'S256'],
    ...additions(e),
  };
}

/** tsidp's document format: 2-space indented JSON and a newline. */
export function metadataJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
