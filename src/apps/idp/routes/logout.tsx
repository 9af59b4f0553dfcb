/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), new: `end_session_endpoint`.
 *
 * The provider has no login session of its own (the tailnet says who the browser is), so
 * signing out means ending the caller's sign-ins (token families) at the relying party: its
 * refresh and access tokens stop working. With a valid `id_token_hint` for the caller (signed by
 * one of our keys; an expired one is fine) this happens at once; otherwise a confirmation form is
 * shown, so a cross-site link cannot sign anyone out. `post_logout_redirect_uri` must be one the
 * client registered, and gets `state` back.
 *
 * @example GET /logout?id_token_hint=…&post_logout_redirect_uri=https://rp.example/bye&state=s
 */
import { Hono } from 'hono';
import { MessagePage } from '../../../../views/idp/page.js';
import type { AppEnv } from '../../../platform/app.js';
import { type Ctx, type IdpDeps, readForm, requireTailnet, sendError } from './deps.js';
import { OAuthError } from '../errors.js';
import { withParams } from '../service/redirect-uris.js';
import type { Client } from '../store/clients.js';
import { subjectOf } from '../service/subject.js';

interface Hint {
  sub: string;
  clientId: string;
}

/** The `sub` and client of an ID token we signed, or undefined if it is not one. */
async function readHint(deps: IdpDeps, token: string | undefined): Promise<Hint | undefined> {
  if (!token) return undefined;
  try {
    const { compactVerify, decodeProtectedHeader } = await import('jose'); // on demand: a rare route
    const { kid } = decodeProtectedHeader(token);
    const key = kid ? await deps.keys.publicKey(kid) : undefined;
    if (!key) return undefined;
    const { payload } = await compactVerify(token, key);
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { sub?: string; aud?: string[] | string; azp?: string };
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    const clientId = claims.azp ?? aud;
    return claims.sub && clientId ? { sub: claims.sub, clientId } : undefined;
  } catch {
    return undefined;
  }
}

export function logoutRoutes(deps: IdpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.on(['GET', 'POST'], '/logout', async (c) => {
    try {
      requireTailnet(c);
      const p = await readForm(c);
      const hint = await readHint(deps, p.id_token_hint);
      const clientId = hint?.clientId ?? p.client_id;
      const client = clientId ? deps.clients.get(clientId) : undefined;
      if (p.client_id && hint && p.client_id !== hint.clientId) throw new OAuthError('invalid_request', 'client_id does not match the id_token_hint');
      const redirect = p.post_logout_redirect_uri;
      if (redirect && !client?.postLogoutRedirectUris.includes(redirect)) {
        throw new OAuthError('invalid_request', 'post_logout_redirect_uri is not registered for this client (name the client with id_token_hint or client_id)');
      }
      const me = `userid:${subjectOf(c.get('caller'), deps.capName).userId}`;
      const confirmed = (hint !== undefined && hint.sub === me) || (c.req.method === 'POST' && p.confirm === '1');
      if (!confirmed) return c.html(<ConfirmLogout client={client} params={p} />);
      const n = signOut(c, deps, client);
      await deps.audit.record({ action: 'logout', user: c.get('caller').login, client: client?.clientId ?? '*', sessions: n });
      if (redirect) return c.redirect(withParams(redirect, { state: p.state }), 303);
      return c.html(<MessagePage title="Signed out" message={`You are signed out of ${client ? client.name || client.clientId : 'every app'} (${n} sign-in${n === 1 ? '' : 's'} ended).`} />);
    } catch (err) {
      if (err instanceof OAuthError && err.code !== 'server_error') return c.html(<MessagePage title="Cannot sign out" message={err.description} />, err.status as 400);
      return sendError(c, err, deps.log);
    }
  });
  return app;
}

/** Ends the caller's sign-ins at `client`, or at every client. */
function signOut(c: Ctx, deps: IdpDeps, client: Client | undefined): number {
  const login = c.get('caller').login;
  const now = deps.clock();
  const targets = client ? [client] : deps.clients.list();
  return targets.reduce((n, t) => n + deps.tokens.revokeSessions(t.clientId, login, 'signed out', now), 0);
}

function ConfirmLogout(props: { client: Client | undefined; params: Record<string, string> }) {
  const keep = ['client_id', 'post_logout_redirect_uri', 'state', 'id_token_hint'] as const;
  return (
    <MessagePage title="Sign out?" message={`Sign out of ${props.client ? props.client.name || props.client.clientId : 'every app that uses this identity provider'}?`}>
      <form method="post" action="/logout" class="inline">
        {keep.map((k) => (props.params[k] ? <input type="hidden" name={k} value={props.params[k]} /> : null))}
        {props.client && !props.params.client_id && <input type="hidden" name="client_id" value={props.client.clientId} />}
        <input type="hidden" name="confirm" value="1" />
        <button type="submit">Sign out</button>
      </form>
    </MessagePage>
  );
}
