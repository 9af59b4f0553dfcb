/**
 * The identity provider: a tsidp-compatible OpenID Connect provider ("Sign in with Tailscale";
 * default hostname `idp`, dev port 8084, capability `tailscale.com/cap/tsidp`). Relying parties
 * configured for tsidp keep working; a tsidp state directory imports with `tailyard idp import`.
 *
 * Module map: `config.ts`; pure rules (`grants.ts`, `claims.ts`, `extra-claims.ts`, `pkce.ts`,
 * `scopes.ts`, `redirect-uris.ts`, `discovery.ts`, `tsidp-import.ts`, `jwt.ts`); storage
 * (`schema.ts`, `store/`); keys (`kek.ts`, `keys.ts`); grants at `/token` (`token-code.ts`,
 * `token-refresh.ts`, `token-exchange.ts`, `issue.ts`, `client-auth.ts`); clients
 * (`registry.ts`); errors → statuses in `errors.ts`; routes split by concern in `routes/`; pages
 * in `views/idp/`; `cli.ts` (`tailyard idp import|rotate-key`).
 *
 * @example
 *   tailyard serve --set apps.idp.enableSts=true
 */
import { Hono } from 'hono';
import { type AppEnv, defineApp } from '../../platform/app.js';
import type { NodeBindings } from '../../platform/middleware.js';
import { RateLimiter } from '../../platform/ratelimit.js';
import { Auditor } from './audit.js';
import { registerIdpCli } from './cli.js';
import { type IdpConfig, IdpConfigSchema } from './config.js';
import type { Ctx, IdpDeps } from './deps.js';
import { FULL_ACCESS_RULE, TSIDP_CAP } from './grants.js';
import { openIdpKek } from './kek.js';
import { KeyRing } from './keys.js';
import { adminRoutes } from './routes/admin.js';
import { authorizeRoutes } from './routes/authorize.js';
import { clientsApiRoutes } from './routes/clients-api.js';
import { discoveryRoutes } from './routes/discovery.js';
import { introspectRoutes } from './routes/introspect.js';
import { logoutRoutes } from './routes/logout.js';
import { registerRoutes } from './routes/register.js';
import { tokenRoutes } from './routes/token.js';
import { userinfoRoutes } from './routes/userinfo.js';
import { idpMigrations } from './schema.js';
import { ClientStore } from './store/clients.js';
import { KeyStore } from './store/keys.js';
import { TokenStore } from './store/tokens.js';
import { systemClock } from './tokens.js';

/** How often expired codes and tokens are swept and the key schedule checked. */
const MAINTENANCE_MS = 10 * 60 * 1000;

/** The issuer when nothing else names one: the loopback address and port this request came in on (dev mode). */
function loopbackIssuer(c: Ctx): string {
  const socket = (c.env as Partial<NodeBindings> | undefined)?.incoming?.socket;
  return `http://127.0.0.1:${socket?.localPort ?? 8084}`;
}

export const idpApp = defineApp<IdpConfig>({
  id: 'idp',
  title: 'Identity provider',
  defaultHostname: 'idp',
  defaultDevPort: 8084,
  defaultCapName: TSIDP_CAP,
  fullAccessCaps: [FULL_ACCESS_RULE],
  configSchema: IdpConfigSchema,
  // tsidp's Funnel rule (reference §2.4): discovery, JWKS, token, userinfo and introspection are
  // public; every other route refuses anonymous callers itself (the prefixes ignore the method).
  publicPathPrefixes: ['/.well-known/', '/token', '/userinfo', '/introspect', '/revoke'],
  // These authenticate the client (or bearer token) themselves and never act on the caller's
  // tailnet identity, so browser-based clients may call them cross-origin. /introspect without
  // credentials does use the identity; it ignores cross-site browser requests itself.
  csrfExempt: ['/token', '/userinfo', '/introspect', '/revoke'].map((path) => ({ method: 'POST', path })),
  flags: [
    { flag: 'idp-enable-sts', key: 'enableSts', kind: 'boolean', description: 'enable RFC 8693 token exchange (tsidp -enable-sts)' },
    { flag: 'idp-issuer', key: 'issuer', kind: 'string', description: 'the issuer URL (default: https://<app FQDN>, or http://127.0.0.1:<port> in dev mode)' },
  ],
  migrations: idpMigrations,
  async create(services) {
    const { db, log, config } = services;
    db.pragma('secure_delete = ON');
    const keyStore = new KeyStore(db);
    const kek = await openIdpKek(config.kek, { dataDir: services.dataDir, mode: services.mode, log, sealedBy: keyStore.kekIds() });
    const audit = new Auditor(services.audit);
    const keys = await KeyRing.start(keyStore, kek, { rotationDays: config.keyRotationDays, log });
    const tokens = new TokenStore(db);
    const maintain = async () => {
      tokens.sweep(systemClock(), config.refreshIdleSeconds);
      if (await keys.rotateIfDue()) await audit.record({ action: 'key.rotate', kid: keys.kids()[0], by: 'schedule' });
    };
    // The first run waits for nothing: on a new database the signing keys are still being made.
    const failed = (err: Error) => log.error({ err: err.message }, 'idp maintenance failed');
    maintain().catch(failed);
    const timer = setInterval(() => maintain().catch(failed), MAINTENANCE_MS);
    timer.unref();
    services.onClose(() => {
      clearInterval(timer);
      kek.close();
    });
    const { tailnet } = services;
    const deps: IdpDeps = {
      clients: new ClientStore(db),
      tokens,
      keys,
      registrations: new RateLimiter(config.registrationRateLimit),
      config,
      capName: services.capName,
      log,
      audit,
      issuer: (c) => config.issuer ?? tailnet.baseUrl() ?? loopbackIssuer(c),
      whois: (addr) => tailnet.whois(addr),
      clock: systemClock,
    };
    const app = new Hono<AppEnv>();
    for (const routes of [discoveryRoutes, authorizeRoutes, tokenRoutes, userinfoRoutes, introspectRoutes, registerRoutes, clientsApiRoutes, logoutRoutes, adminRoutes]) {
      app.route('/', routes(deps));
    }
    return app;
  },
  registerCli: registerIdpCli,
});
