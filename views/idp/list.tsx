/**
 * The admin home: every registered client, sorted by name (tsidp's order), with its redirect
 * URIs, last use and number of live sign-ins.
 *
 * @example c.html(<ClientList clients={rows} login="alice@example.com" />)
 */
import type { Client } from '../../src/apps/idp/store/clients.js';
import { Banner, IdpPage, When } from './page.js';

export interface ClientRow {
  client: Client;
  sessions: number;
}

export function ClientList(props: { rows: ClientRow[]; login: string; notice?: string }) {
  return (
    <IdpPage title="Clients" login={props.login}>
      <Banner kind="ok" message={props.notice} />
      <div class="row">
        <h1>OIDC clients</h1>
        <a class="button" href="/new">
          New client
        </a>
      </div>
      {props.rows.length === 0 ? (
        <p>No clients yet. Register one for each app that should sign users in with the tailnet.</p>
      ) : (
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
    </IdpPage>
  );
}
