/**
 * The `/clients/` JSON API (reference §3.9), for holders of `allow_admin_ui`; tailnet only.
 *
 *   GET    /clients/      → 200 [{client_id, client_name, redirect_uris, created_at, redirect_uri: ""}]
 *   POST   /clients/new   → 200 the full record with the secret (form `name`, `redirect_uri` newline-separated)
 *   GET    /clients/{id}  → 200 one summary
 *   DELETE /clients/{id}  → 204, and everything issued to the client is revoked
 *
 * Fixed: JSON `Content-Type` on every answer, the real `created_at`, validated and bounded
 * clients, created within the caller's registration budget (registry.ts).
 *
 * @example curl -X DELETE http://idp/clients/0123…
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { budgetOf, callerRules, clientFailure, type Ctx, type IdpDeps, methodNotAllowed, readForm, requireTailnet, sendError } from './deps.js';
import { OAuthError } from '../errors.js';
import { canAdmin } from '../access.js';
import { splitRedirectUris } from '../service/redirect-uris.js';
import { clientRecord, clientSummary, createClient } from '../service/registry.js';

/** Throws unless the caller may administer clients (tsidp's 403); a refused tailnet caller is audited. */
export async function requireAdmin(c: Ctx, deps: IdpDeps): Promise<void> {
  requireTailnet(c);
  if (canAdmin(callerRules(c, deps))) return;
  await deps.audit.record({ action: 'admin.denied', user: c.get('caller').login, node: c.get('caller').nodeFQDN, method: c.req.method, path: c.req.path });
  throw new OAuthError('access_denied', 'application capability not granted (allow_admin_ui)');
}

/** The client id in a path segment; one that does not decode (`%zz`) names no client. */
function decodedId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

const json = (c: Ctx, body: unknown, status = 200) => c.body(JSON.stringify(body), status as 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });

export function clientsApiRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/clients/*', async (c) => {
    try {
      await requireAdmin(c, deps);
      const rest = c.req.path.slice('/clients/'.length);
      const login = c.get('caller').login;
      if (rest === '') {
        if (c.req.method !== 'GET') throw methodNotAllowed('GET');
        return json(c, deps.clients.list().map(clientSummary));
      }
      if (rest === 'new') {
        if (c.req.method !== 'POST') throw methodNotAllowed('POST');
        const form = await readForm(c);
        const name = (form.name ?? '').trim();
        const uris = splitRedirectUris(form.redirect_uri ?? form.redirect_uris ?? '');
        if (!name || uris.length === 0) throw new OAuthError('invalid_request', 'name and redirect_uri are required');
        let created: ReturnType<typeof createClient>;
        try {
          created = createClient(deps.clients, { name, redirectUris: uris, dynamic: false, createdBy: login }, deps.clock(), budgetOf(c, deps));
        } catch (err) {
          throw clientFailure(err);
        }
        const { client, secret } = created;
        await deps.audit.record({ action: 'client.create', user: login, client: client.clientId, name, via: 'api' });
        return json(c, clientRecord(client, secret));
      }
      const client = deps.clients.get(decodedId(rest));
      if (c.req.method === 'GET') {
        if (!client) throw new OAuthError('not_found', 'no such client');
        return json(c, clientSummary(client));
      }
      if (c.req.method === 'DELETE') {
        if (!client || !deps.clients.delete(client.clientId)) throw new OAuthError('not_found', 'no such client');
        await deps.audit.record({ action: 'client.delete', user: login, client: client.clientId, via: 'api' });
        return c.body(null, 204);
      }
      throw methodNotAllowed('GET or DELETE');
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
  app.all('/clients', (c) => c.redirect('/clients/', 301));
  return app;
}
