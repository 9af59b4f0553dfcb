/**
 * The admin UI (reference §3.10): `/` (client list, 50 a page: `?page=N` from 0), `/new`,
 * `/edit/{id}` (settings, sign-ins, regenerate secret, delete), `/edit/{id}/delete` (the
 * confirmation a delete goes through; it says a delete cannot be undone), for holders of `allow_admin_ui`,
 * tailnet only, behind the platform's cross-origin guard. No blanket loopback admin outside dev
 * mode (tsidp gave it to every local process); in dev mode the dev identity holds the full grant
 * anyway.
 *
 * A refused caller, a form that cannot be read and an unknown client are thrown to the platform's
 * error renderer (a page in the suite's frame for browsers, text or JSON otherwise); settings
 * that cannot be saved show the form again with what was typed and the problem.
 *
 * Fixed from tsidp: `created_at` is recorded, deleting a client revokes its tokens on this path
 * too, every client setting is validated and bounded as on the API, creations count against the
 * admin's registration budget, the list is paged (tsidp's grew to megabytes), and a client page
 * shows its last use and live sign-ins with revoke buttons.
 *
 * @example GET /edit/0123456789abcdef0123456789abcdef
 */
import type { Hono } from 'hono';
import { ConfirmDeleteClient, EditClient, NewClient, SecretShown } from '../../../../views/idp/edit.js';
import type { ClientFormValues } from '../../../../views/idp/form.js';
import type { IdpViewer } from '../../../../views/idp/page.js';
import { ClientList } from '../../../../views/idp/list.js';
import type { AppEnv } from '../../../platform/app.js';
import { pageNumber } from '../../../platform/page-number.js';
import { ClientInputError, OAuthError, RegistrationLimitError } from '../errors.js';
import { CLIENT_LIMITS, type ClientSettings, splitRedirectUris } from '../service/index.js';
import type { Client } from '../store/index.js';
import { type Ctx, type Deps, readForm } from './deps.js';
import { clientFormValues, clientView, sessionView, submittedValues } from './present.js';

/** The admin looking at a page: their login (for the audit trail) and the page's suite frame. */
type AdminViewer = IdpViewer & { login: string };

/** Clients on a page of the admin list (`/?page=N`, from 0). */
export const CLIENTS_PER_PAGE = 50;

/** The settings a submitted form names (the service checks them). */
function settingsOf(v: ClientFormValues): ClientSettings {
  return {
    name: v.name,
    redirectUris: splitRedirectUris(v.redirectUris),
    postLogoutRedirectUris: splitRedirectUris(v.postLogoutRedirectUris ?? ''),
    allowedUsers: splitRedirectUris(v.allowedUsers ?? ''),
    accessTokenFormat: v.accessTokenFormat === 'jwt' ? 'jwt' : 'opaque',
  };
}

export function adminRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { service } = deps;
  /** A page for admins only: anyone else gets the refusal (audited) through the renderer. */
  const admin = (page: (c: Ctx, viewer: AdminViewer) => Promise<Response> | Response) => async (c: Ctx) => {
    await service.requireAdmin(c.get('caller'), { method: c.req.method, path: c.req.path });
    return page(c, { login: c.get('caller').login, frame: c.get('frame') });
  };
  const known = (c: Ctx): Client => {
    const client = service.client(c.req.param('id') ?? '');
    if (!client) throw new OAuthError('not_found', 'no client has this ID', { hint: 'the clients are listed at /' });
    return client;
  };

  app.get(
    '/',
    admin((c, viewer) => {
      const page = pageNumber(c.req.query('page'), CLIENTS_PER_PAGE);
      const { rows, total } = service.clientPage(page, CLIENTS_PER_PAGE);
      const notice = c.req.query('deleted') ? 'Client deleted; its tokens no longer work. This cannot be undone.' : undefined;
      const list = rows.map((r) => ({ client: clientView(r.client), sessions: r.sessions }));
      return c.html(<ClientList rows={list} viewer={viewer} notice={notice} paging={{ page, pageSize: CLIENTS_PER_PAGE, total }} />);
    }),
  );

  app.get(
    '/new',
    admin((c, viewer) => c.html(<NewClient viewer={viewer} limits={CLIENT_LIMITS} values={{ name: '', redirectUris: '' }} />)),
  );
  app.post(
    '/new',
    admin(async (c, viewer) => {
      const values = submittedValues(await readForm(c));
      try {
        const authMethod = values.authMethod === 'none' ? 'none' : 'client_secret_basic';
        const { client, secret } = await service.createUiClient(c.get('caller'), { ...settingsOf(values), authMethod });
        return c.html(<SecretShown client={clientView(client)} secret={secret} viewer={viewer} issuer={deps.issuer(c)} />, 201);
      } catch (err) {
        const again = (error: string) => <NewClient viewer={viewer} limits={CLIENT_LIMITS} values={values} error={error} />;
        if (err instanceof ClientInputError) return c.html(again(err.message), 400);
        if (err instanceof RegistrationLimitError) return c.html(again(err.message), 429, { 'Retry-After': String(err.retryAfterSeconds) });
        throw err;
      }
    }),
  );

  app.get(
    '/edit/:id',
    admin((c) => c.html(editPage(c, deps, known(c), { notice: c.req.query('saved') ? 'Saved.' : undefined }))),
  );
  app.get(
    '/edit/:id/delete',
    admin((c, viewer) => c.html(<ConfirmDeleteClient client={clientView(known(c))} viewer={viewer} />)),
  );
  app.post(
    '/edit/:id',
    admin(async (c, viewer) => {
      const client = known(c);
      const form = await readForm(c);
      switch (form.action) {
        case 'delete':
          await service.deleteClient(viewer.login, client.clientId, 'ui');
          return c.redirect('/?deleted=1', 303);
        case 'regenerate_secret':
          try {
            const secret = await service.newClientSecret(viewer.login, client);
            return c.html(<SecretShown client={clientView(client)} secret={secret} viewer={viewer} issuer={deps.issuer(c)} />);
          } catch (err) {
            if (err instanceof ClientInputError) return c.html(editPage(c, deps, client, { error: err.message }), 400);
            throw err;
          }
        case 'revoke_sessions': {
          const n = await service.revokeSessions(viewer.login, client.clientId);
          return c.html(editPage(c, deps, client, { notice: `Revoked ${n} sign-in${n === 1 ? '' : 's'}.` }));
        }
        case 'revoke_session': {
          const of = await service.revokeSession(viewer.login, client.clientId, form.family ?? '');
          return c.html(editPage(c, deps, client, { notice: of ? `Revoked ${of}'s sign-in.` : undefined }));
        }
        default: {
          const values = submittedValues(form);
          try {
            await service.updateClient(viewer.login, client, settingsOf(values));
            return c.redirect(`/edit/${client.clientId}?saved=1`, 303);
          } catch (err) {
            if (err instanceof ClientInputError) return c.html(editPage(c, deps, client, { error: err.message, values }), 400);
            throw err;
          }
        }
      }
    }),
  );
}

/** A client's page as it is now (the form showing `values` when given, else its settings). */
function editPage(c: Ctx, deps: Deps, client: Client, o: { notice?: string; error?: string; values?: ClientFormValues }) {
  const { client: now, sessions } = deps.service.clientDetails(client.clientId) ?? { client, sessions: [] };
  return (
    <EditClient
      client={clientView(now)}
      sessions={sessions.map(sessionView)}
      viewer={{ login: c.get('caller').login, frame: c.get('frame') }}
      limits={CLIENT_LIMITS}
      notice={o.notice}
      error={o.error}
      values={o.values ?? clientFormValues(now)}
    />
  );
}
