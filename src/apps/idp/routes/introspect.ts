/**
 * `POST /introspect` (RFC 7662, reference §3.7) and `POST /revoke` (RFC 7009, new).
 *
 * Introspection is open to any tailnet caller, as in tsidp (its MCP examples introspect without
 * credentials from a tailnet node), unless `apps.idp.introspection` is `clients`; client
 * credentials always work and are checked when sent. Anonymous (Funnel) callers without
 * credentials, and cross-site browser requests relying on the tailnet identity, get
 * `{"active":false}`. Answers keep tsidp's fields, including the bare-decimal `sub`.
 *
 * Revocation authenticates the client, and revokes only what was issued to it: a refresh token
 * ends its whole sign-in (family), an access token just itself. Unknown tokens answer 200 too.
 *
 * @example POST /introspect token=<access token>
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { crossOriginGuard } from '../../../platform/csrf.js';
import { nodeRequest } from '../../../platform/request.js';
import { introspectionClaims } from '../service/claims.js';
import { authenticateClient, clientCredentials } from '../service/client-auth.js';
import { type Ctx, cors, type IdpDeps, jsonNoStore, methodNotAllowed, readForm, sendError } from './deps.js';
import { OAuthError } from '../errors.js';
import { hashToken } from '../service/tokens.js';

const browserCrossSite = crossOriginGuard([]);

/** Whether the caller may introspect; throws 401 for bad credentials or (in `clients` mode) none. */
function introspector(c: Ctx, deps: IdpDeps, form: Record<string, string>): boolean {
  const creds = clientCredentials(c.req.header('authorization'), form);
  if (creds) {
    authenticateClient(deps.clients, creds);
    return true;
  }
  if (deps.config.introspection === 'clients') throw new OAuthError('invalid_client', 'client authentication is required');
  if (c.get('caller').kind === 'anonymous') return false;
  const incoming = nodeRequest(c);
  return !incoming || browserCrossSite(c.req.method, c.req.path, incoming.headers) === undefined;
}

export function introspectRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/introspect', async (c) => {
    try {
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const form = await readForm(c);
      if (!form.token) throw new OAuthError('invalid_request', 'token is required');
      if (!introspector(c, deps, form)) return jsonNoStore(c, { active: false });
      const a = deps.tokens.access(hashToken(form.token), deps.clock());
      if (!a) return jsonNoStore(c, { active: false });
      return jsonNoStore(
        c,
        introspectionClaims({
          issuer: deps.issuer(c),
          clientId: a.clientId,
          subject: a.subject,
          scopes: a.scopes,
          audience: a.audience,
          iat: a.issuedAt,
          exp: a.expiresAt,
          jti: a.kind === 'access' ? a.jti : undefined,
          act: a.act,
          subFormat: deps.config.introspectionSub,
        }),
      );
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });

  app.all('/revoke', async (c) => {
    cors(c, 'POST, OPTIONS');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    try {
      if (c.req.method !== 'POST') throw methodNotAllowed('POST');
      const form = await readForm(c);
      const client = authenticateClient(deps.clients, clientCredentials(c.req.header('authorization'), form));
      if (!form.token) throw new OAuthError('invalid_request', 'token is required');
      const hash = hashToken(form.token);
      const now = deps.clock();
      const refresh = deps.tokens.familyOfRefresh(hash);
      if (refresh && refresh.family.clientId === client.clientId) {
        deps.tokens.revokeFamily(refresh.family.id, 'revoked by the client', now);
        await deps.audit.record({ action: 'token.revoke', client: client.clientId, user: refresh.family.login, kind: 'refresh_token' });
      } else {
        const access = deps.tokens.access(hash, now);
        if (access && access.clientId === client.clientId && deps.tokens.revokeAccess(hash)) {
          await deps.audit.record({ action: 'token.revoke', client: client.clientId, user: access.subject.login, kind: 'access_token' });
        }
      }
      return c.body(null, 200, { 'Cache-Control': 'no-store' });
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
  return app;
}
