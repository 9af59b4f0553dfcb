/**
 * `POST /register`: dynamic client registration (RFC 7591; reference §3.8). Tailnet only (401
 * over Funnel), for holders of `allow_dcr`; CORS as tsidp. Stays behind the platform's
 * cross-origin guard: it acts on the caller's tailnet identity.
 *
 * Fixed: redirect URIs are validated, every field is bounded and registrations are limited per
 * caller (registry.ts: 400 `invalid_redirect_uri` / `invalid_client_metadata` naming the field,
 * 429 with `Retry-After`), the response has `client_id_issued_at` and
 * `client_secret_expires_at: 0` (openid-client refused tsidp's), and a public client
 * (`token_endpoint_auth_method: none`) gets no secret.
 *
 * @example POST /register {"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"none"}
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { budgetOf, callerRules, clientFailure, cors, type IdpDeps, methodNotAllowed, requireTailnet, sendError } from './deps.js';
import { OAuthError } from '../errors.js';
import { canRegister } from '../access.js';
import { clientRecord, createClient, RegistrationSchema } from '../service/registry.js';

export function registerRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/register', async (c) => {
    try {
      requireTailnet(c);
      cors(c, 'POST, OPTIONS');
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const caller = c.get('caller');
      if (!canRegister(callerRules(c, deps))) {
        await deps.audit.record({ action: 'client.register', user: caller.login, outcome: 'denied' });
        throw new OAuthError('access_denied', 'application capability not granted (allow_dcr)');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await c.req.text());
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
      let created: ReturnType<typeof createClient>;
      try {
        created = createClient(
          deps.clients,
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
          deps.clock(),
          budgetOf(c, deps),
        );
      } catch (err) {
        throw clientFailure(err);
      }
      await deps.audit.record({ action: 'client.register', user: caller.login, client: created.client.clientId, name: created.client.name });
      return c.body(JSON.stringify(clientRecord(created.client, created.secret)), 201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
  return app;
}
