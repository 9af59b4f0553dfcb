/**
 * The admin home: the registered clients, sorted by name (tsidp's order), a page at a time, with
 * their redirect URIs, last use and number of live sign-ins.
 *
 * @example c.html(<ClientList rows={rows} viewer={{ login: 'alice@example.com' }} paging={{ page: 0, pageSize: 50, total: 3 }} />)
 */
import type { ClientRow } from './models.js';
import { Banner, IdpPage, type IdpViewer, When } from './page.js';

export interface Paging {
  /** From 0. */
  page: number;
  pageSize: number;
  /** Clients in all. */
  total: number;
}

/** Prev / "Page N of M" / Next, when there is more than one page (or the page asked for is past the end). */
function Pager(props: { paging: Paging }) {
  const { page, pageSize, total } = props.paging;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1 && page === 0) return null;
  const past = page >= pages;
  return (
    <nav class="row" aria-label="pages">
      {page > 0 && <a href={`/?page=${past ? pages - 1 : page - 1}`}>← Prev</a>}
      <span class="muted">{past ? `No clients on this page (${pages} in all)` : `Page ${page + 1} of ${pages} (${total} clients)`}</span>
      {page + 1 < pages && <a href={`/?page=${page + 1}`}>Next →</a>}
    </nav>
  );
}

export function ClientList(props: { rows: ClientRow[]; viewer: IdpViewer; notice?: string; paging: Paging }) {
  return (
    <IdpPage title="Clients" viewer={props.viewer}>
      <Banner kind="ok" message={props.notice} />
      <div class="row">
        <h1>OIDC clients</h1>
        <a class="button" href="/new">
          New client
        </a>
      </div>
      {props.paging.total === 0 ? (
        <p>No clients yet. Register one for each app that should sign users in with the tailnet.</p>
      ) : props.rows.length === 0 ? null : (
        <table class="responsive">
          <thead>
            <tr>
              <th>Name</th>
              <th>Redirect URIs</th>
              <th>Last used</th>
              <th class="num">Sign-ins</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map(({ client, sessions }) => (
              <tr>
                <td data-label="Name">
                  <a href={`/edit/${client.clientId}`}>{client.name || '(unnamed)'}</a>
                  <span class="sub mono">{client.clientId}</span>
                  {client.dynamic && <span class="sub">registered dynamically</span>}
                </td>
                <td data-label="Redirect URIs">
                  {client.redirectUris.map((u) => (
                    <span class="sub mono">{u}</span>
                  ))}
                </td>
                <td data-label="Last used">
                  <When t={client.lastUsedAt} />
                </td>
                <td class="num" data-label="Sign-ins">
                  {sessions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager paging={props.paging} />
    </IdpPage>
  );
}
