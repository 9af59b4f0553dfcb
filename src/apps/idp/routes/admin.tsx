/**
 * The admin UI (reference §3.10): `/` (client list, 50 a page: `?page=N` from 0), `/new`,
 * `/edit/{id}` (settings, sign-ins, regenerate secret, delete), for holders of `allow_admin_ui`,
 * tailnet only, behind the platform's cross-origin guard. No blanket loopback admin outside dev mode (tsidp gave it to
 * every local process); in dev mode the dev identity holds the full grant anyway.
 *
 * Fixed from tsidp: `created_at` is recorded, deleting a client revokes its tokens on this path
 * too, every client setting is validated and bounded as on the API (registry.ts), creations count
 * against the admin's registration budget, the list is paged (tsidp's grew to megabytes), and a
 * client page shows its last use and live sign-ins with revoke buttons.
 *
 * @example GET /edit/0123456789abcdef0123456789abcdef
 */
import { Hono } from 'hono';
import { EditClient, formValues, NewClient, SecretShown } from '../../../../views/idp/edit.js';
import type { ClientFormValues } from '../../../../views/idp/form.js';
import { ClientList } from '../../../../views/idp/list.js';
import { MessagePage } from '../../../../views/idp/page.js';
import type { AppEnv } from '../../../platform/app.js';
import { pageNumber } from '../../../platform/page-number.js';
import { CLIENT_LIMITS } from '../service/client-limits.js';
import { budgetOf, type Ctx, type IdpDeps, readForm } from './deps.js';
import { OAuthError } from '../errors.js';
import { splitRedirectUris } from '../service/redirect-uris.js';
import { checkClient, ClientInputError, createClient, RegistrationLimitError, regenerateSecret } from '../service/registry.js';
import type { AuthMethod, Client } from '../store/clients.js';
import { requireAdmin } from './clients-api.js';

/** Clients on a page of the admin list (`/?page=N`, from 0). */
export const CLIENTS_PER_PAGE = 50;

function valuesOf(form: Record<string, string>): ClientFormValues {
  return {
    name: (form.name ?? '').trim(),
    redirectUris: form.redirect_uris ?? '',
    postLogoutRedirectUris: form.post_logout_redirect_uris ?? '',
    allowedUsers: form.allowed_users ?? '',
    authMethod: form.auth_method,
    accessTokenFormat: form.access_token_format,
  };
}

/** The settings a form sets, validated as every client is (registry.ts); throws ClientInputError. */
function settingsOf(v: ClientFormValues) {
  if (!v.name) throw new ClientInputError('client_name: a name is required', 'metadata');
  const settings = {
    name: v.name,
    redirectUris: splitRedirectUris(v.redirectUris),
    postLogoutRedirectUris: splitRedirectUris(v.postLogoutRedirectUris ?? ''),
    allowedUsers: splitRedirectUris(v.allowedUsers ?? ''),
    accessTokenFormat: v.accessTokenFormat === 'jwt' ? ('jwt' as const) : ('opaque' as const),
  };
  checkClient(settings);
  return settings;
}

export function adminRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = async (c: Ctx, page: () => Promise<Response> | Response): Promise<Response> => {
    try {
      await requireAdmin(c, deps);
    } catch (err) {
      const e = err as OAuthError;
      return c.html(<MessagePage title="Access denied" message={`${e.description}. Ask a tailnet admin for the ${deps.capName} grant.`} />, e.status as 401 | 403);
    }
    try {
      return await page();
    } catch (err) {
      // A request the page cannot read (a malformed form body): a page naming the problem.
      if (!(err instanceof OAuthError)) throw err;
      return c.html(<MessagePage title="Bad request" message={err.description} />, err.status as 400);
    }
  };
  const login = (c: Ctx) => c.get('caller').login;

  app.get('/', (c) =>
    guard(c, () => {
      const now = deps.clock();
      const paging = { page: pageNumber(c.req.query('page'), CLIENTS_PER_PAGE), pageSize: CLIENTS_PER_PAGE, total: deps.clients.count() };
      const rows = deps.clients
        .page(paging.page * CLIENTS_PER_PAGE, CLIENTS_PER_PAGE)
        .map((client) => ({ client, sessions: deps.tokens.sessionCount(client.clientId, now, now - deps.config.refreshIdleSeconds) }));
      const notice = c.req.query('deleted') ? 'Client deleted; its tokens no longer work.' : undefined;
      return c.html(<ClientList rows={rows} login={login(c)} notice={notice} paging={paging} />);
    }),
  );

  app.get('/new', (c) => guard(c, () => c.html(<NewClient login={login(c)} limits={CLIENT_LIMITS} values={{ name: '', redirectUris: '' }} />)));
  app.post('/new', (c) =>
    guard(c, async () => {
      const values = valuesOf(await readForm(c));
      try {
        const s = settingsOf(values);
        const authMethod: AuthMethod = values.authMethod === 'none' ? 'none' : 'client_secret_basic';
        const { client, secret } = createClient(deps.clients, { ...s, authMethod, dynamic: false, createdBy: login(c) }, deps.clock(), budgetOf(c, deps));
        await deps.audit.record({ action: 'client.create', user: login(c), client: client.clientId, name: client.name, via: 'ui' });
        return c.html(<SecretShown client={client} secret={secret} login={login(c)} issuer={deps.issuer(c)} />, 201);
      } catch (err) {
        if (err instanceof ClientInputError) return c.html(<NewClient login={login(c)} limits={CLIENT_LIMITS} values={values} error={err.message} />, 400);
        if (err instanceof RegistrationLimitError) {
          return c.html(<NewClient login={login(c)} limits={CLIENT_LIMITS} values={values} error={err.message} />, 429, { 'Retry-After': String(err.retryAfterSeconds) });
        }
        throw err;
      }
    }),
  );

  app.get('/edit/:id', (c) =>
    guard(c, () => {
      const client = deps.clients.get(c.req.param('id'));
      if (!client) return c.html(<MessagePage title="Not found" message="No client has this ID." />, 404);
      return c.html(editPage(c, deps, client, c.req.query('saved') ? 'Saved.' : undefined));
    }),
  );
  app.post('/edit/:id', (c) =>
    guard(c, async () => {
      const client = deps.clients.get(c.req.param('id'));
      if (!client) return c.html(<MessagePage title="Not found" message="No client has this ID." />, 404);
      const form = await readForm(c);
      const now = deps.clock();
      const who = login(c);
      switch (form.action) {
        case 'delete':
          deps.clients.delete(client.clientId);
          await deps.audit.record({ action: 'client.delete', user: who, client: client.clientId, via: 'ui' });
          return c.redirect('/?deleted=1', 303);
        case 'regenerate_secret': {
          // The page offers no button for a public client, but a hand-made form may ask.
          if (client.authMethod === 'none') return c.html(editPage(c, deps, client, undefined, 'A public client has no secret to regenerate.'), 400);
          const secret = regenerateSecret(deps.clients, client);
          await deps.audit.record({ action: 'client.secret', user: who, client: client.clientId });
          return c.html(<SecretShown client={client} secret={secret} login={who} issuer={deps.issuer(c)} />);
        }
        case 'revoke_sessions': {
          const n = deps.tokens.revokeSessions(client.clientId, undefined, 'revoked by an admin', now);
          await deps.audit.record({ action: 'session.revoke', user: who, client: client.clientId, count: n });
          return c.html(editPage(c, deps, client, `Revoked ${n} sign-in${n === 1 ? '' : 's'}.`));
        }
        case 'revoke_session': {
          const family = deps.tokens.family(form.family ?? '');
          if (family && family.clientId === client.clientId) {
            deps.tokens.revokeFamily(family.id, 'revoked by an admin', now);
            await deps.audit.record({ action: 'session.revoke', user: who, client: client.clientId, of: family.login, count: 1 });
          }
          return c.html(editPage(c, deps, client, family ? `Revoked ${family.login}'s sign-in.` : undefined));
        }
        default:
          return saveSettings(c, deps, client, valuesOf(form));
      }
    }),
  );
  return app;
}

async function saveSettings(c: Ctx, deps: IdpDeps, client: Client, values: ClientFormValues): Promise<Response> {
  try {
    const s = settingsOf(values);
    deps.clients.update({ ...client, ...s });
    await deps.audit.record({ action: 'client.update', user: c.get('caller').login, client: client.clientId, via: 'ui' });
    return c.redirect(`/edit/${client.clientId}?saved=1`, 303);
  } catch (err) {
    if (err instanceof ClientInputError) return c.html(editPage(c, deps, client, undefined, err.message, values), 400);
    throw err;
  }
}

function editPage(c: Ctx, deps: IdpDeps, client: Client, notice?: string, error?: string, values?: ClientFormValues) {
  const now = deps.clock();
  const fresh = deps.clients.get(client.clientId) ?? client;
  const sessions = deps.tokens.sessions(client.clientId, now, now - deps.config.refreshIdleSeconds);
  return <EditClient client={fresh} sessions={sessions} login={c.get('caller').login} limits={CLIENT_LIMITS} notice={notice} error={error} values={values ?? formValues(fresh)} />;
}
