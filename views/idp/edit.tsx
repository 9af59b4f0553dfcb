/**
 * Pages for one client: creating it, its detail/edit page (settings, last use, live sign-ins
 * with revoke buttons, secret regeneration, delete), and the page that shows a new secret once.
 *
 * @example c.html(<EditClient client={client} sessions={sessions} login={login} limits={limits} values={values} />)
 */
import { ClientForm, type ClientFormLimits, type ClientFormValues } from './form.js';
import type { ClientView, SessionView } from './models.js';
import { Banner, IdpPage, type IdpViewer, When } from './page.js';

export function NewClient(props: { viewer: IdpViewer; values: ClientFormValues; limits: ClientFormLimits; error?: string }) {
  return (
    <IdpPage title="New client" viewer={props.viewer}>
      <h1>New client</h1>
      <Banner kind="error" message={props.error} />
      <ClientForm action="/new" values={props.values} limits={props.limits} submit="Create client" isNew={true} />
    </IdpPage>
  );
}

export function EditClient(props: {
  client: ClientView;
  sessions: SessionView[];
  viewer: IdpViewer;
  limits: ClientFormLimits;
  notice?: string;
  error?: string;
  /** What the form shows: the client's settings, or what was typed when they could not be saved. */
  values: ClientFormValues;
}) {
  const c = props.client;
  const action = `/edit/${c.clientId}`;
  return (
    <IdpPage title={c.name || c.clientId} viewer={props.viewer}>
      <h1>{c.name || '(unnamed client)'}</h1>
      <Banner kind="ok" message={props.notice} />
      <Banner kind="error" message={props.error} />
      <dl class="facts">
        <dt>Client ID</dt>
        <dd class="mono" id="client-id">
          {c.clientId}
        </dd>
        <dt>Type</dt>
        <dd>{c.authMethod === 'none' ? 'public (PKCE S256)' : `confidential (${c.authMethod})`}</dd>
        <dt>Created</dt>
        <dd>
          <When t={c.createdAt} /> {c.createdBy && `by ${c.createdBy}`} {c.dynamic && '(dynamic registration)'}
        </dd>
        <dt>Last used</dt>
        <dd>
          <When t={c.lastUsedAt} />
        </dd>
      </dl>
      <h2>Settings</h2>
      <ClientForm action={action} values={props.values} limits={props.limits} submit="Save" isNew={false} />
      <h2>Active sign-ins ({props.sessions.length})</h2>
      {props.sessions.length === 0 ? (
        <p class="muted">Nobody is signed in to this client.</p>
      ) : (
        <>
          <table class="responsive">
            <thead>
              <tr>
                <th>User</th>
                <th>Signed in</th>
                <th>Last refresh</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr>
                  <td data-label="User">{s.login}</td>
                  <td data-label="Signed in">
                    <When t={s.createdAt} />
                  </td>
                  <td data-label="Last refresh">
                    <When t={s.lastUsedAt} />
                  </td>
                  <td>
                    <form method="post" action={action} class="inline">
                      <input type="hidden" name="action" value="revoke_session" />
                      <input type="hidden" name="family" value={s.familyId} />
                      <button type="submit" class="secondary" aria-label={`Revoke ${s.login}'s sign-in`}>
                        Revoke
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={action} class="inline">
            <input type="hidden" name="action" value="revoke_sessions" />
            <button type="submit" class="secondary">
              Revoke all sign-ins
            </button>
          </form>
        </>
      )}
      <details class="danger">
        <summary>Danger zone</summary>
        {c.authMethod !== 'none' && (
          <form method="post" action={action} class="inline">
            <input type="hidden" name="action" value="regenerate_secret" />
            <button type="submit" class="secondary">
              Regenerate secret
            </button>
            <span class="muted">The current secret stops working at once.</span>
          </form>
        )}
        {/* A link to the confirmation page, not a form that deletes: every delete is confirmed. */}
        <p class="inline">
          <a class="button danger" href={`${action}/delete`}>
            Delete client…
          </a>{' '}
          <span class="muted">Its tokens stop working at once; this cannot be undone.</span>
        </p>
      </details>
    </IdpPage>
  );
}

/**
 * The question asked before a client is deleted. Deleting cannot be undone (the client's secret
 * hash and its tokens are gone, and a new registration gets a new ID), so the page says so.
 */
export function ConfirmDeleteClient(props: { client: Pick<ClientView, 'clientId' | 'name'>; viewer: IdpViewer }) {
  const { client } = props;
  const action = `/edit/${client.clientId}`;
  const name = client.name || client.clientId;
  return (
    <IdpPage title={`Delete ${name}`} viewer={props.viewer}>
      <h1>Delete {name}?</h1>
      <p class="banner" role="status">
        This cannot be undone. The client and its secret are removed and every token issued to it stops working at once; the apps that sign in
        with it must be registered again, under a new client ID.
      </p>
      <form method="post" action={action} class="inline">
        <input type="hidden" name="action" value="delete" />
        <button type="submit" class="danger" autofocus>
          Delete {name}
        </button>
        <a href={action}>Cancel</a>
      </form>
    </IdpPage>
  );
}

/** Shown once after creation or regeneration: the only time the secret is visible. */
export function SecretShown(props: { client: Pick<ClientView, 'clientId' | 'name'>; secret: string | undefined; viewer: IdpViewer; issuer: string }) {
  return (
    <IdpPage title="Client credentials" viewer={props.viewer}>
      <h1>{props.client.name || 'Client'} is ready</h1>
      <p class="banner">Copy the secret now: it is stored only as a hash and cannot be shown again.</p>
      <dl class="facts">
        <dt>Issuer</dt>
        <dd class="mono">{props.issuer}</dd>
        <dt>Client ID</dt>
        <dd class="mono" id="client-id">
          {props.client.clientId}
        </dd>
        <dt>Client secret</dt>
        <dd class="mono" id="client-secret">
          {props.secret ?? '(public client: no secret)'}
        </dd>
      </dl>
      <p>
        <a href={`/edit/${props.client.clientId}`}>Client settings</a>
      </p>
    </IdpPage>
  );
}
