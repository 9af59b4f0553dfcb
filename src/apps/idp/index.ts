/**
 * The identity provider: a tsidp-compatible OpenID Connect provider ("Sign in with Tailscale";
 * default hostname `idp`, dev port 8084, capability `tailscale.com/cap/tsidp`). Relying parties
 * configured for tsidp keep working; a tsidp state directory imports with `tailyard idp import`.
 *
 * Module map: `config.ts`; pure rules (`grants.ts`, `claims.ts`, `extra-claims.ts`, `pkce.ts`,
 * `scopes.ts`, `redirect-uris.ts`, `discovery.ts`, `tsidp-import.ts`, `jwt.ts`); storage
 * (`schema.ts`, `store/`); signing keys (`keys.ts`, sealed through `ctx.keys`); grants at
 * `/token` (`token-code.ts`, `token-refresh.ts`, `token-exchange.ts`, `issue.ts`,
 * `client-auth.ts`); clients (`registry.ts`); errors → statuses in `errors.ts` (OAuth's JSON on
 * the OAuth routes, and the `errors` mapping for the platform's renderer); routes split by
 * concern in `routes/`; pages in `views/idp/`; `cli.ts` (`tailyard idp import|rotate-key`);
 * `offline.ts` (what the CLI does). Maintenance (sweeping expired tokens, the key schedule) is a
 * platform-scheduled task; `/healthz` shows the app not ready until its first signing keys exist.
 * `idp.db*` and `idp.key*` are private files: no SQL source may open them.
 *
 * @example
 *   tailyard serve --set apps.idp.enableSts=true
 */
import { Hono } from 'hono';
import { type AppEnv, defineApp } from '../../platform/app.js';
import { RateLimiter } from '../../platform/ratelimit.js';
import { localPort } from '../../platform/request.js';
import { Auditor } from './service/audit.js';
import { registerIdpCli } from './cli.js';
import { type IdpConfig, IdpConfigSchema } from './config.js';
import type { Ctx, IdpDeps } from './routes/deps.js';
import { errors } from './errors.js';
import { FULL_ACCESS_RULE, TSIDP_CAP } from './access.js';
import { KeyRing, openIdpKek } from './service/keys.js';
import { adminRoutes } from './routes/admin.js';
import { authorizeRoutes } from './routes/authorize.js';
import { clientsApiRoutes } from './routes/clients-api.js';
import { discoveryRoutes } from './routes/discovery.js';
import { introspectRoutes } from './routes/introspect.js';
import { logoutRoutes } from './routes/logout.js';
import { registerRoutes } from './routes/register.js';
import { tokenRoutes } from './routes/token.js';
import { userinfoRoutes } from './routes/userinfo.js';
import { migrations } from './schema.js';
import { ClientStore } from './store/clients.js';
import { KeyStore } from './store/keys.js';
import { TokenStore } from './store/tokens.js';
import { systemClock } from './service/tokens.js';

/** How often expired codes and tokens are swept and the key schedule checked. */
const MAINTENANCE_MS = 10 * 60 * 1000;

/** The issuer when nothing else names one: the loopback address and port this request came in on (dev mode). */
function loopbackIssuer(c: Ctx): string {
  return `http://127.0.0.1:${localPort(c) ?? 8084}`;
}

export const idpApp = defineApp<IdpConfig>({
  apiVersion: 1,
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
  migrations,
  privateFiles: { holds: 'identity provider', files: ['idp.db*', 'idp.key*'] },
  errors,
  async create(ctx) {
    const { db, log, config } = ctx;
    db.pragma('secure_delete = ON');
    const keyStore = new KeyStore(db);
    const kek = await openIdpKek(ctx.keys, config.kek, keyStore.kekIds());
    const audit = new Auditor(ctx.audit);
    const keys = await KeyRing.start(keyStore, kek, { rotationDays: config.keyRotationDays, log });
    ctx.health(() => keys.health());
    const tokens = new TokenStore(db);
    // The first run waits for nothing: on a new database the signing keys are still being made.
    ctx.schedule(
      'sweep tokens and check the key schedule',
      MAINTENANCE_MS,
      async () => {
        tokens.sweep(systemClock(), config.refreshIdleSeconds);
        if (await keys.rotateIfDue()) await audit.record({ action: 'key.rotate', kid: keys.kids()[0], by: 'schedule' });
      },
      { runAtStart: true },
    );
    const { tailnet } = ctx;
    const deps: IdpDeps = {
      clients: new ClientStore(db),
      tokens,
      keys,
      registrations: new RateLimiter(config.registrationRateLimit),
      config,
      capName: ctx.capName,
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
