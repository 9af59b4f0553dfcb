/**
 * The identity provider's domain logic, the one entry the routes and the CLI call: no hono, no
 * request, no HTML. `IdpService.open` builds it from the app context (stores, the KEK and the
 * signing key ring, the registration budgets, the audit trail) and registers its maintenance
 * with the platform; each method is one thing a route does, implemented in an area module:
 *
 * - discovery documents and JWKS (`discovery.ts`, `keys.ts`);
 * - sign-in: `/authorize` (`authorize.ts`), `/token` (`token.ts` → `token-code.ts`,
 *   `token-refresh.ts`, `token-exchange.ts`, minting in `issue.ts`, `client-auth.ts`),
 *   `/userinfo`, `/introspect`, `/revoke` (`token-info.ts`), logout (`logout.ts`);
 * - clients: DCR, the `/clients/` API and the admin UI (`clients.ts` over `registry.ts`);
 * - offline work for the CLI: tsidp import and key rotation (`offline.ts`).
 *
 * Pure rules with their own tests sit beside them (`claims.ts`, `extra-claims.ts`, `pkce.ts`,
 * `scopes.ts`, `redirect-uris.ts`, `client-limits.ts`, `jwt.ts`, `subject.ts`, `tsidp-import.ts`).
 *
 * @example
 *   const service = await IdpService.open(ctx);
 *   const location = await service.authorize({ caller, params, resources: [], issuer });
 */
import type { AppContext } from '../../../platform/context.js';
import type { Caller } from '../../../platform/identity.js';
import { RateLimiter } from '../../../platform/ratelimit.js';
import type { IdpConfig } from '../config.js';
import { type AuthMethod, type Client, openStores, type Session } from '../store/index.js';
import { Auditor } from './audit.js';
import { type AuthorizeRequest, authorize } from './authorize.js';
import * as clients from './clients.js';
import type { ServiceDeps } from './deps.js';
import { authorizationServerMetadata, metadataJson, openidConfiguration } from './discovery.js';
import type { TokenResponse } from './issue.js';
import { KeyRing, openIdpKek } from './keys.js';
import { type LogoutOutcome, type LogoutRequest, logout } from './logout.js';
import { type IntrospectRequest, introspect, revoke, type TokenQuery, userinfo } from './token-info.js';
import { type TokenRequest, tokenGrant } from './token.js';
import { systemClock } from './tokens.js';

export { CLIENT_LIMITS } from './client-limits.js';
export type { ClientSettings } from './clients.js';
export type { TokenResponse } from './issue.js';
export type { LogoutOutcome } from './logout.js';
export { importTsidpDir, type OfflineOptions, rotateKeyOffline } from './offline.js';
export { splitRedirectUris } from './redirect-uris.js';
export type { AuthorizeRequest, IntrospectRequest, LogoutRequest, TokenQuery, TokenRequest };

/** How often expired codes and tokens are swept and the key schedule checked. */
const MAINTENANCE_MS = 10 * 60 * 1000;

/** Where a discovery request comes from: the issuer it is for, and whether it came over Funnel. */
export interface MetadataRequest {
  issuer: string;
  /** Anonymous (Funnel): no registration endpoint, as tsidp. */
  funnel: boolean;
}

export class IdpService {
  private constructor(private readonly d: ServiceDeps) {}

  /**
   * The service over the app's database and keys. A new database's first signing keys are made
   * in the background (`/healthz` shows the app not ready until they exist); expired codes and
   * tokens are swept and the key schedule checked every ten minutes, from start-up.
   */
  static async open(ctx: AppContext<IdpConfig>): Promise<IdpService> {
    const { db, log, config, tailnet } = ctx;
    db.pragma('secure_delete = ON');
    const stores = openStores(db);
    const kek = await openIdpKek(ctx.keys, config.kek, stores.keys.kekIds());
    const keys = await KeyRing.start(stores.keys, kek, { rotationDays: config.keyRotationDays, log });
    ctx.health(() => keys.health());
    const service = new IdpService({
      clients: stores.clients,
      tokens: stores.tokens,
      keys,
      registrations: new RateLimiter(config.registrationRateLimit),
      config,
      capName: ctx.capName,
      log,
      audit: new Auditor(ctx.audit),
      whois: (addr) => tailnet.whois(addr),
      clock: systemClock,
    });
    ctx.schedule('sweep tokens and check the key schedule', MAINTENANCE_MS, () => service.maintain(), { runAtStart: true });
    return service;
  }

  /** Sweeps expired codes and tokens, and rotates the signing key when it is due. */
  async maintain(): Promise<void> {
    const { d } = this;
    d.tokens.sweep(d.clock(), d.config.refreshIdleSeconds);
    if (await d.keys.rotateIfDue()) await d.audit.record({ action: 'key.rotate', kid: d.keys.kids()[0], by: 'schedule' });
  }

  /** `/.well-known/openid-configuration`, as sent. */
  openidConfiguration(r: MetadataRequest): string {
    return metadataJson(openidConfiguration({ ...r, sts: this.d.config.enableSts }));
  }

  /** `/.well-known/oauth-authorization-server`, as sent. */
  authorizationServerMetadata(r: MetadataRequest): string {
    return metadataJson(authorizationServerMetadata({ ...r, sts: this.d.config.enableSts }));
  }

  /** `/.well-known/jwks.json`, as sent. */
  jwks(): Promise<string> {
    return this.d.keys.jwks();
  }

  /** The redirect `/authorize` answers with (a code or an error); throws while the redirect URI is not trusted. */
  authorize(r: AuthorizeRequest): Promise<string> {
    return authorize(this.d, r);
  }

  /** The body `/token` answers with. */
  token(r: TokenRequest): Promise<TokenResponse> {
    return tokenGrant(this.d, r);
  }

  userinfo(token: string, issuer: string): Record<string, unknown> {
    return userinfo(this.d, token, issuer);
  }

  introspect(r: IntrospectRequest): Record<string, unknown> {
    return introspect(this.d, r);
  }

  revoke(r: TokenQuery): Promise<void> {
    return revoke(this.d, r);
  }

  logout(r: LogoutRequest): Promise<LogoutOutcome> {
    return logout(this.d, r);
  }

  /** Throws unless the caller may use the admin UI and the `/clients/` API (a refusal is audited). */
  requireAdmin(caller: Caller, request: { method: string; path: string }): Promise<void> {
    return clients.requireAdmin(this.d, caller, request);
  }

  /** Dynamic client registration of a JSON body: the full record. */
  register(caller: Caller, body: string): Promise<Record<string, unknown>> {
    return clients.registerClient(this.d, caller, body);
  }

  clientSummaries(): Record<string, unknown>[] {
    return clients.clientSummaries(this.d);
  }

  clientSummary(clientId: string): Record<string, unknown> {
    return clients.clientSummaryOf(this.d, clientId);
  }

  createApiClient(caller: Caller, name: string, redirectUris: string[]): Promise<Record<string, unknown>> {
    return clients.createApiClient(this.d, caller, name, redirectUris);
  }

  deleteClient(login: string, clientId: string, via: 'api' | 'ui'): Promise<void> {
    return clients.deleteClient(this.d, login, clientId, via);
  }

  /** The client with this id, if there is one. */
  client(clientId: string): Client | undefined {
    return this.d.clients.get(clientId);
  }

  clientPage(page: number, perPage: number): { rows: Array<{ client: Client; sessions: number }>; total: number } {
    return clients.clientPage(this.d, page, perPage);
  }

  clientDetails(clientId: string): { client: Client; sessions: Session[] } | undefined {
    return clients.clientDetails(this.d, clientId);
  }

  createUiClient(caller: Caller, settings: clients.ClientSettings & { authMethod: AuthMethod }): Promise<{ client: Client; secret: string | undefined }> {
    return clients.createUiClient(this.d, caller, settings);
  }

  updateClient(login: string, client: Client, settings: clients.ClientSettings): Promise<void> {
    return clients.updateClient(this.d, login, client, settings);
  }

  newClientSecret(login: string, client: Client): Promise<string> {
    return clients.newClientSecret(this.d, login, client);
  }

  revokeSessions(login: string, clientId: string): Promise<number> {
    return clients.revokeSessions(this.d, login, clientId);
  }

  revokeSession(login: string, clientId: string, familyId: string): Promise<string | undefined> {
    return clients.revokeSession(this.d, login, clientId, familyId);
  }
}
