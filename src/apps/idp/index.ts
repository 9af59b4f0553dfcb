/**
 * The identity provider: a tsidp-compatible OpenID Connect provider ("Sign in with Tailscale";
 * default hostname `idp`, dev port 8084, capability `tailscale.com/cap/tsidp`). Relying parties
 * configured for tsidp keep working; a tsidp state directory imports with `tailyard idp import`.
 *
 * Module map:
 * - `index.ts` — this declaration;
 * - `config.ts` — `apps.idp` (lifetimes, introspection, the KEK, registration limits) and flags;
 * - `schema.ts` — the numbered migrations of `idp.db`;
 * - `store/` — SQL only: clients, codes and tokens (by hash), sealed signing keys;
 * - `service/` — the domain logic the routes and the CLI call (`service/index.ts`): discovery,
 *   authorize, the grants at `/token`, userinfo/introspection/revocation, logout, clients (DCR,
 *   API, admin UI), signing keys sealed through `ctx.keys`, offline import and rotation, with the
 *   pure rules (claims, PKCE, scopes, redirect URIs, client limits, JWTs) and their tests;
 * - `access.ts` — what a `tailscale.com/cap/tsidp` grant allows, and the Funnel rule;
 * - `errors.ts` — OAuth errors and their statuses, client errors, the `errors` mapping for the
 *   platform's renderer (the OAuth routes answer in their own JSON);
 * - `routes/` — one file per area (`routes/index.ts` mounts them), `present.ts` the view models;
 *   pages in `views/idp/`;
 * - `cli.ts` — `tailyard idp import|rotate-key`.
 *
 * Maintenance (sweeping expired tokens, the key schedule) is a platform-scheduled task;
 * `/healthz` shows the app not ready until its first signing keys exist. `idp.db*` and `idp.key*`
 * are private files: no SQL source may open them.
 *
 * @example
 *   tailyard serve --set apps.idp.enableSts=true
 */
import { defineApp } from '../../platform/app.js';
import { FULL_ACCESS_RULE, TSIDP_CAP } from './access.js';
import { registerIdpCli } from './cli.js';
import { type IdpConfig, IdpConfigSchema } from './config.js';
import { errors } from './errors.js';
import { idpRoutes } from './routes/index.js';
import { assetFiles } from '../../../views/assets.js';
import { migrations } from './schema.js';
import { IdpService } from './service/index.js';

export const idpApp = defineApp<IdpConfig>({
  apiVersion: 1,
  id: 'idp',
  title: 'identity provider',
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
  assets: assetFiles(['idp-favicon.svg']),
  async create(ctx) {
    return idpRoutes(await IdpService.open(ctx), ctx);
  },
  registerCli: registerIdpCli,
});
