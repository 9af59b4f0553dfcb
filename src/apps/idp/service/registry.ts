/**
 * Creating and describing clients, the one place the admin UI, the `/clients/` API, dynamic
 * registration (RFC 7591) and the tsidp import share: every client is checked here (its size,
 * client-limits.ts; its redirect URIs, redirect-uris.ts; tsidp checked URIs only in the UI), a
 * creation a caller asks for is charged to that caller's registration budget (tsidp accepted
 * 3 000 in 4 s from one caller), and secrets are generated here, shown once and stored hashed.
 *
 * @example
 *   const { client, secret } = createClient(store, { name: 'grafana', redirectUris: ['https://g/cb'], dynamic: false, createdBy: 'alice@example.com' }, now);
 */
import { z } from 'zod';
import type { Caller } from '../../../platform/identity.js';
import type { RateLimiter } from '../../../platform/ratelimit.js';
import { ClientInputError, RegistrationLimitError } from '../errors.js';
import type { AuthMethod, Client, ClientStore } from '../store/index.js';
import { type ClientSizes, clientSizeProblem } from './client-limits.js';
import { redirectUriProblem } from './redirect-uris.js';
import type { Subject } from './subject.js';
import { hashToken, randomHex } from './tokens.js';

/** Whose budget a creation is charged to: a person by login, a tagged node (login `tagged-devices`) as itself. */
export function registrantKey(caller: Caller): string {
  return caller.kind === 'tagged' ? `node:${caller.nodeFQDN || caller.nodeName || caller.remoteAddr}` : caller.login;
}

/** The budget of the caller a creation is for (see {@link createClient}). */
export interface RegistrationBudget {
  limiter: RateLimiter;
  caller: Caller;
}

export interface NewClient {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  authMethod?: AuthMethod;
  grantTypes?: string[];
  responseTypes?: string[];
  applicationType?: string;
  accessTokenFormat?: 'opaque' | 'jwt';
  allowedUsers?: string[];
  metadata?: Record<string, unknown>;
  dynamic: boolean;
  createdBy: string;
  /** Import only: keep tsidp's id and (plaintext) secret. */
  clientId?: string;
  secret?: string;
  createdAt?: number;
}

function checkRedirectUris(uris: readonly string[], field: string): void {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new ClientInputError(`${field}: ${problem}`, 'redirect_uris');
  }
}

/**
 * Throws {@link ClientInputError} for the first field of a new or edited client that is too
 * large (client-limits.ts) or a redirect URI that may not be registered.
 */
export function checkClient(c: ClientSizes): void {
  if (c.redirectUris.length === 0) throw new ClientInputError('redirect_uris: at least one redirect URI is required', 'redirect_uris');
  const size = clientSizeProblem(c);
  if (size) throw new ClientInputError(size.message, size.kind);
  checkRedirectUris(c.redirectUris, 'redirect_uris');
  checkRedirectUris(c.postLogoutRedirectUris ?? [], 'post_logout_redirect_uris');
}

/**
 * Validates and stores a new client; the plaintext secret is returned once (undefined for public
 * clients). With a `budget` (every creation a caller asks for over HTTP) the client is charged to
 * the caller once it is valid, and {@link RegistrationLimitError} says when the budget is spent.
 */
export function createClient(store: ClientStore, n: NewClient, now: number, budget?: RegistrationBudget): { client: Client; secret: string | undefined } {
  checkClient(n);
  if (budget) {
    const taken = budget.limiter.take(registrantKey(budget.caller));
    if (!taken.ok) throw new RegistrationLimitError(taken.retryAfterSeconds);
  }
  const authMethod = n.authMethod ?? 'client_secret_basic';
  const secret = authMethod === 'none' ? undefined : (n.secret ?? randomHex(32));
  const client: Client = {
    clientId: n.clientId ?? randomHex(16),
    secretHash: secret === undefined ? null : hashToken(secret),
    name: n.name,
    redirectUris: [...n.redirectUris],
    postLogoutRedirectUris: [...(n.postLogoutRedirectUris ?? [])],
    authMethod,
    grantTypes: n.grantTypes ?? ['authorization_code', 'refresh_token'],
    responseTypes: n.responseTypes ?? ['code'],
    applicationType: n.applicationType ?? 'web',
    accessTokenFormat: n.accessTokenFormat ?? 'opaque',
    allowedUsers: [...(n.allowedUsers ?? [])],
    metadata: n.metadata ?? {},
    dynamic: n.dynamic,
    createdAt: n.createdAt ?? now,
    createdBy: n.createdBy,
    lastUsedAt: null,
  };
  store.insert(client);
  return { client, secret };
}

/** Gives a confidential client a new secret (the old one stops working at once) and returns it. */
export function regenerateSecret(store: ClientStore, client: Client): string {
  if (client.authMethod === 'none') throw new ClientInputError('a public client has no secret', 'metadata');
  const secret = randomHex(32);
  store.update({ ...client, secretHash: hashToken(secret) });
  return secret;
}

const rfc3339 = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** tsidp's list/get shape (no secret; `redirect_uri` empty, as tsidp sends it). */
export function clientSummary(c: Client): Record<string, unknown> {
  return { client_id: c.clientId, client_name: c.name, redirect_uris: c.redirectUris, created_at: rfc3339(c.createdAt), redirect_uri: '' };
}

/** The full record (DCR 201, `POST /clients/new`): tsidp's fields plus RFC 7591's `client_id_issued_at` and `client_secret_expires_at`. */
export function clientRecord(c: Client, secret: string | undefined): Record<string, unknown> {
  return {
    client_id: c.clientId,
    ...(secret !== undefined ? { client_secret: secret } : {}),
    client_name: c.name,
    redirect_uris: c.redirectUris,
    token_endpoint_auth_method: c.authMethod,
    grant_types: c.grantTypes,
    response_types: c.responseTypes,
    application_type: c.applicationType,
    dynamically_registered: c.dynamic,
    created_at: rfc3339(c.createdAt),
    redirect_uri: c.redirectUris[0] ?? '',
    client_id_issued_at: c.createdAt,
    ...(secret !== undefined ? { client_secret_expires_at: 0 } : {}),
    ...(c.postLogoutRedirectUris.length ? { post_logout_redirect_uris: c.postLogoutRedirectUris } : {}),
    ...c.metadata,
  };
}

/** RFC 7591 registration request (the fields tsidp reads, plus logout URIs and the token format). */
export const RegistrationSchema = z.looseObject({
  redirect_uris: z.array(z.string()).min(1, 'redirect_uris must list at least one URI'),
  token_endpoint_auth_method: z.enum(['client_secret_basic', 'client_secret_post', 'none']).optional(),
  grant_types: z.array(z.enum(['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange'])).optional(),
  response_types: z.array(z.literal('code')).optional(),
  // Sizes are checked with every other path's, in checkClient.
  client_name: z.string().optional(),
  client_uri: z.string().optional(),
  logo_uri: z.string().optional(),
  scope: z.string().optional(),
  contacts: z.array(z.string()).optional(),
  application_type: z.enum(['web', 'native']).optional(),
  post_logout_redirect_uris: z.array(z.string()).optional(),
  access_token_format: z.enum(['opaque', 'jwt']).optional(),
});

/**
 * The client's allowed users: empty allows everyone; else a login or `group:<name>` must match.
 *
 * @example userAllowed({ allowedUsers: ['group:eng'] }, { login: 'a@x', groups: ['eng'] }) // true
 */
export function userAllowed(client: Pick<Client, 'allowedUsers'>, subject: Pick<Subject, 'login' | 'groups'>): boolean {
  if (client.allowedUsers.length === 0) return true;
  return client.allowedUsers.some((u) => u === subject.login || (u.startsWith('group:') && subject.groups.includes(u.slice(6))));
}
