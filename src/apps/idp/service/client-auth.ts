/**
 * Client authentication at `/token`, `/introspect` and `/revoke` (reference §3.5).
 *
 * As tsidp: an `Authorization: Basic` header wins over form `client_id`/`client_secret`, either
 * method works for every client, secrets compare in constant time, a missing or wrong credential is
 * `401 invalid_client`. Fixed: Basic credentials are URL-decoded (RFC 6749 §2.3.1; the raw form is
 * still accepted, so clients that never encoded keep working), public clients
 * (`token_endpoint_auth_method: none`) authenticate with their `client_id` alone, and the
 * submitted secret is never logged.
 *
 * @example
 *   const client = authenticateClient(d.clients, clientCredentials(request.authorization, request.form));
 */
import { OAuthError } from '../errors.js';
import type { Client, ClientStore } from '../store/index.js';
import { secretMatches } from './tokens.js';

export interface ClientCredentials {
  clientId: string;
  secret: string | undefined;
  /** Where they came from; Basic failures get a `WWW-Authenticate` challenge. */
  via: 'basic' | 'post';
  /** The undecoded Basic values, tried when the decoded ones fail. */
  raw?: { clientId: string; secret: string };
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** The credentials a request presents, or undefined when it presents none. Throws on a malformed Basic header. */
export function clientCredentials(authorization: string | undefined, form: Record<string, string>): ClientCredentials | undefined {
  if (authorization && /^basic /i.test(authorization)) {
    const text = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'malformed Basic credentials', { wwwAuthenticate: 'Basic realm="idp"' });
    const rawId = text.slice(0, colon);
    const rawSecret = text.slice(colon + 1);
    return { clientId: decode(rawId), secret: decode(rawSecret), via: 'basic', raw: { clientId: rawId, secret: rawSecret } };
  }
  if (!form.client_id) return undefined;
  return { clientId: form.client_id, secret: form.client_secret || undefined, via: 'post' };
}

/** The client the credentials authenticate; throws `401 invalid_client` otherwise. */
export function authenticateClient(clients: ClientStore, creds: ClientCredentials | undefined): Client {
  const fail = (why: string) =>
    new OAuthError('invalid_client', why, creds?.via === 'basic' ? { wwwAuthenticate: 'Basic realm="idp"' } : {});
  if (!creds) throw fail('client authentication is required');
  const client = clients.get(creds.clientId) ?? (creds.raw ? clients.get(creds.raw.clientId) : undefined);
  if (!client) throw fail('invalid client credentials');
  if (client.authMethod === 'none') {
    if (creds.secret) throw fail('this is a public client: send no client_secret');
    return client;
  }
  if (!creds.secret) throw fail('client_secret is required');
  const ok = secretMatches(creds.secret, client.secretHash) || (creds.raw !== undefined && secretMatches(creds.raw.secret, client.secretHash));
  if (!ok) throw fail('invalid client credentials');
  return client;
}
