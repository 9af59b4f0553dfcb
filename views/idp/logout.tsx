/**
 * The logout pages (RP-initiated logout): the question asked when no valid `id_token_hint` says
 * who is signing out (so a cross-site link cannot sign anyone out), and the result.
 *
 * @example c.html(<ConfirmLogout client={{ clientId, name: 'grafana' }} params={params} />)
 */
import type { ClientView } from './models.js';
import { type IdpViewer, MessagePage } from './page.js';

type ClientName = Pick<ClientView, 'clientId' | 'name'>;

/** The form that confirms signing out of `client` (every app when undefined), carrying the request's parameters. */
export function ConfirmLogout(props: { client: ClientName | undefined; params: Record<string, string>; viewer?: IdpViewer }) {
  const keep = ['client_id', 'post_logout_redirect_uri', 'state', 'id_token_hint'] as const;
  return (
    <MessagePage title="Sign out?" viewer={props.viewer} message={`Sign out of ${props.client ? props.client.name || props.client.clientId : 'every app that uses this identity provider'}?`}>
      <form method="post" action="/logout" class="inline">
        {keep.map((k) => (props.params[k] ? <input type="hidden" name={k} value={props.params[k]} /> : null))}
        {props.client && !props.params.client_id && <input type="hidden" name="client_id" value={props.client.clientId} />}
        <input type="hidden" name="confirm" value="1" />
        <button type="submit">Sign out</button>
      </form>
    </MessagePage>
  );
}

/** The page after signing out of `client` (every app when undefined) with no redirect back. */
export function SignedOut(props: { client: ClientName | undefined; ended: number; viewer?: IdpViewer }) {
  const n = props.ended;
  return <MessagePage title="Signed out" viewer={props.viewer} message={`You are signed out of ${props.client ? props.client.name || props.client.clientId : 'every app'} (${n} sign-in${n === 1 ? '' : 's'} ended).`} />;
}
