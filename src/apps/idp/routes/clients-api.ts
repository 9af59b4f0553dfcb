/**
 * The `/clients/` JSON API (reference §3.9), for holders of `allow_admin_ui`; tailnet only.
 *
 *   GET    /clients/      → 200 [{client_id, client_name, redirect_uris, created_at, redirect_uri: ""}]
 *   POST   /clients/new   → 200 the full record with the secret (form `name`, `redirect_uri` newline-separated)
 *   GET    /clients/{id}  → 200 one summary
 *   DELETE /clients/{id}  → 204, and everything issued to the client is revoked
 *
 * Fixed: JSON `Content-Type` on every answer, the real `created_at`, validated and bounded
 * clients, created within the caller's registration budget (service/clients.ts).
 *
 * @example curl -X DELETE http://idp/clients/0123…
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { splitRedirectUris } from '../service/index.js';
import { type Ctx, type Deps, methodNotAllowed, readForm, sendError } from './deps.js';

/** The client id in a path segment; one that does not decode (`%zz`) names no client. */
function decodedId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

const json = (c: Ctx, body: unknown, status = 200) => c.body(JSON.stringify(body), status as 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });

export function clientsApiRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { service } = deps;
  app.all('/clients/*', async (c) => {
    try {
      const caller = c.get('caller');
      await service.requireAdmin(caller, { method: c.req.method, path: c.req.path });
      const rest = c.req.path.slice('/clients/'.length);
      if (rest === '') {
        if (c.req.method !== 'GET') throw methodNotAllowed('GET');
        return json(c, service.clientSummaries());
      }
      if (rest === 'new') {
        if (c.req.method !== 'POST') throw methodNotAllowed('POST');
        const form = await readForm(c);
        const uris = splitRedirectUris(form.redirect_uri ?? form.redirect_uris ?? '');
        return json(c, await service.createApiClient(caller, (form.name ?? '').trim(), uris));
      }
      const id = decodedId(rest);
      if (c.req.method === 'GET') return json(c, service.clientSummary(id));
      if (c.req.method === 'DELETE') {
        await service.deleteClient(caller.login, id, 'api');
        return c.body(null, 204);
      }
      throw methodNotAllowed('GET or DELETE');
    } catch (err) {
      return sendError(c, err, deps.log);
    }
  });
  app.all('/clients', (c) => c.redirect('/clients/', 301));
}
