/**
 * What is done with clients, whichever door it comes through: dynamic registration (RFC 7591;
 * reference §3.8), the `/clients/` API (§3.9) and the admin UI (§3.10). Who may do it is checked
 * here (`allow_dcr`, `allow_admin_ui`; a refused tailnet caller is audited), every change is
 * audited, and every client is created and checked by registry.ts (bounds, redirect URIs, the
 * caller's registration budget).
 *
 * Fixed from tsidp: deleting a client revokes its tokens on every path, every client setting is
 * validated and bounded on every path, creations count against the caller's budget, the
 * registration answer has `client_id_issued_at` and `client_secret_expires_at: 0`.
 *
 * @example
 *   await requireAdmin(d, caller, { method: 'GET', path: '/clients/' });
 *   const record = await createApiClient(d, caller, 'grafana', ['https://grafana.example/cb']);
 */
import type { Caller } from '../../../platform/identity.js';
import { callerRules, canAdmin, canRegister, requireTailnet } from '../access.js';
import { ClientInputError, OAuthError } from '../errors.js';
import type { AuthMethod, Client, Session } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { checkClient, clientRecord, clientSummary, createClient, type RegistrationBudget, RegistrationSchema, regenerateSecret } from './registry.js';

const budgetOf = (d: ServiceDeps, caller: Caller): RegistrationBudget => ({ limiter: d.registrations, caller });

/** Throws unless the caller may administer clients (tsidp's 403); a refused tailnet caller is audited. */
export async function requireAdmin(d: ServiceDeps, caller: Caller, request: { method: string; path: string }): Promise<void> {
  requireTailnet(caller);
  if (canAdmin(callerRules(caller, d.capName, d.log))) return;
  await d.audit.record({ action: 'admin.denied', user: caller.login, node: caller.nodeFQDN, method: request.method, path: request.path });
  throw new OAuthError('access_denied', 'application capability not granted (allow_admin_ui)', { hint: `ask a tailnet admin for the ${d.capName} grant` });
}

/** Dynamic registration of the JSON `body`: the full record, with the secret (shown once). */
export async function registerClient(d: ServiceDeps, caller: Caller, body: string): Promise<Record<string, unknown>> {
  if (!canRegister(callerRules(caller, d.capName, d.log))) {
    await d.audit.record({ action: 'client.register', user: caller.login, outcome: 'denied' });
    throw new OAuthError('access_denied', 'application capability not granted (allow_dcr)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new OAuthError('invalid_request', 'the body must be a JSON object');
  }
  const parsed = RegistrationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OAuthError('invalid_client_metadata', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const r = parsed.data;
  const metadata: Record<string, unknown> = {};
  for (const k of ['client_uri', 'logo_uri', 'scope', 'contacts'] as const) if (r[k] !== undefined) metadata[k] = r[k];
  const { client, secret } = createClient(
    d.clients,
    {
      name: r.client_name ?? '',
      redirectUris: r.redirect_uris,
      postLogoutRedirectUris: r.post_logout_redirect_uris,
      authMethod: r.token_endpoint_auth_method,
      grantTypes: r.grant_types ?? ['authorization_code'],
      responseTypes: r.response_types ?? ['code'],
      applicationType: r.application_type,
      accessTokenFormat: r.access_token_format,
      metadata,
      dynamic: true,
      createdBy: caller.login,
    },
    d.clock(),
    budgetOf(d, caller),
  );
  await d.audit.record({ action: 'client.register', user: caller.login, client: client.clientId, name: client.name });
  return clientRecord(client, secret);
}

/** `GET /clients/`: every client in tsidp's list shape. */
export function clientSummaries(d: ServiceDeps): Record<string, unknown>[] {
  return d.clients.list().map(clientSummary);
}

/** `GET /clients/{id}`: one summary, or `404 not_found`. */
export function clientSummaryOf(d: ServiceDeps, clientId: string): Record<string, unknown> {
  const client = d.clients.get(clientId);
  if (!client) throw new OAuthError('not_found', 'no such client');
  return clientSummary(client);
}

/** `POST /clients/new`: a confidential client named `name`; the full record with its secret. */
export async function createApiClient(d: ServiceDeps, caller: Caller, name: string, redirectUris: string[]): Promise<Record<string, unknown>> {
  if (!name || redirectUris.length === 0) throw new OAuthError('invalid_request', 'name and redirect_uri are required');
  const { client, secret } = createClient(d.clients, { name, redirectUris, dynamic: false, createdBy: caller.login }, d.clock(), budgetOf(d, caller));
  await d.audit.record({ action: 'client.create', user: caller.login, client: client.clientId, name, via: 'api' });
  return clientRecord(client, secret);
}

/** Deletes a client and everything issued to it; `404 not_found` if there is none. */
export async function deleteClient(d: ServiceDeps, login: string, clientId: string, via: 'api' | 'ui'): Promise<void> {
  if (!d.clients.delete(clientId)) throw new OAuthError('not_found', 'no such client');
  await d.audit.record({ action: 'client.delete', user: login, client: clientId, via });
}

/** What the admin UI's form sets on a client. */
export interface ClientSettings {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  allowedUsers: string[];
  accessTokenFormat: 'opaque' | 'jwt';
}

/** Throws {@link ClientInputError} for settings the admin UI may not save (a name is required there). */
function checkSettings(s: ClientSettings): void {
  if (!s.name) throw new ClientInputError('client_name: a name is required', 'metadata');
  checkClient(s);
}

/** Creates a client from the admin UI; the secret is returned once (undefined for public clients). */
export async function createUiClient(d: ServiceDeps, caller: Caller, s: ClientSettings & { authMethod: AuthMethod }): Promise<{ client: Client; secret: string | undefined }> {
  checkSettings(s);
  const created = createClient(d.clients, { ...s, dynamic: false, createdBy: caller.login }, d.clock(), budgetOf(d, caller));
  await d.audit.record({ action: 'client.create', user: caller.login, client: created.client.clientId, name: created.client.name, via: 'ui' });
  return created;
}

/** Saves the admin UI's settings of `client`. */
export async function updateClient(d: ServiceDeps, login: string, client: Client, s: ClientSettings): Promise<void> {
  checkSettings(s);
  d.clients.update({ ...client, ...s });
  await d.audit.record({ action: 'client.update', user: login, client: client.clientId, via: 'ui' });
}

/** A page of the admin list (by name), each client with its number of live sign-ins. */
export function clientPage(d: ServiceDeps, page: number, perPage: number): { rows: Array<{ client: Client; sessions: number }>; total: number } {
  const now = d.clock();
  const rows = d.clients.page(page * perPage, perPage).map((client) => ({ client, sessions: d.tokens.sessionCount(client.clientId, now, now - d.config.refreshIdleSeconds) }));
  return { rows, total: d.clients.count() };
}

/** A client with its live sign-ins, or undefined. */
export function clientDetails(d: ServiceDeps, clientId: string): { client: Client; sessions: Session[] } | undefined {
  const client = d.clients.get(clientId);
  if (!client) return undefined;
  const now = d.clock();
  return { client, sessions: d.tokens.sessions(clientId, now, now - d.config.refreshIdleSeconds) };
}

/** Gives a confidential client a new secret (the old one stops working at once); a public client has none. */
export async function newClientSecret(d: ServiceDeps, login: string, client: Client): Promise<string> {
  // The page offers no button for a public client, but a hand-made form may ask.
  if (client.authMethod === 'none') throw new ClientInputError('A public client has no secret to regenerate.', 'metadata');
  const secret = regenerateSecret(d.clients, client);
  await d.audit.record({ action: 'client.secret', user: login, client: client.clientId });
  return secret;
}

/** Ends every sign-in at the client; how many there were. */
export async function revokeSessions(d: ServiceDeps, login: string, clientId: string): Promise<number> {
  const n = d.tokens.revokeSessions(clientId, undefined, 'revoked by an admin', d.clock());
  await d.audit.record({ action: 'session.revoke', user: login, client: clientId, count: n });
  return n;
}

/** Ends one sign-in at the client; the login whose sign-in it was, or undefined if it is not the client's. */
export async function revokeSession(d: ServiceDeps, login: string, clientId: string, familyId: string): Promise<string | undefined> {
  const family = d.tokens.family(familyId);
  if (!family || family.clientId !== clientId) return undefined;
  d.tokens.revokeFamily(family.id, 'revoked by an admin', d.clock());
  await d.audit.record({ action: 'session.revoke', user: login, client: clientId, of: family.login, count: 1 });
  return family.login;
}
