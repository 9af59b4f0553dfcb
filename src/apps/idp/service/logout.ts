/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), new: `end_session_endpoint`.
 *
 * The provider has no login session of its own (the tailnet says who the browser is), so
 * signing out means ending the caller's sign-ins (token families) at the relying party: its
 * refresh and access tokens stop working. With a valid `id_token_hint` for the caller (signed by
 * one of our keys; an expired one is fine) this happens at once; otherwise the caller is asked
 * to confirm, so a cross-site link cannot sign anyone out. `post_logout_redirect_uri` must be one
 * the client registered, and gets `state` back.
 *
 * @example
 *   const outcome = await logout(d, { caller, params, confirmed: false });
 *   if (outcome.kind === 'confirm') … // ask first
 */
import type { Caller } from '../../../platform/identity.js';
import { OAuthError } from '../errors.js';
import type { Client } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { withParams } from './redirect-uris.js';
import { subjectOf } from './subject.js';

export interface LogoutRequest {
  caller: Caller;
  /** The query, or the POST form body then the query. */
  params: Record<string, string>;
  /** The caller confirmed on the provider's own form (a POST with `confirm=1`). */
  confirmed: boolean;
}

export type LogoutOutcome =
  /** Nothing done yet: ask the caller to confirm signing out of `client` (every client when undefined). */
  | { kind: 'confirm'; client: Client | undefined }
  /** Signed out: `ended` sign-ins; go to `redirect` (the registered URI with `state`) if there is one. */
  | { kind: 'done'; client: Client | undefined; ended: number; redirect: string | undefined };

interface Hint {
  sub: string;
  clientId: string;
}

/** The `sub` and client of an ID token we signed, or undefined if it is not one. */
async function readHint(d: ServiceDeps, token: string | undefined): Promise<Hint | undefined> {
  if (!token) return undefined;
  try {
    const { compactVerify, decodeProtectedHeader } = await import('jose'); // on demand: a rare route
    const { kid } = decodeProtectedHeader(token);
    const key = kid ? await d.keys.publicKey(kid) : undefined;
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

export async function logout(d: ServiceDeps, r: LogoutRequest): Promise<LogoutOutcome> {
  const p = r.params;
  const hint = await readHint(d, p.id_token_hint);
  const clientId = hint?.clientId ?? p.client_id;
  const client = clientId ? d.clients.get(clientId) : undefined;
  if (p.client_id && hint && p.client_id !== hint.clientId) throw new OAuthError('invalid_request', 'client_id does not match the id_token_hint');
  const redirect = p.post_logout_redirect_uri;
  if (redirect && !client?.postLogoutRedirectUris.includes(redirect)) {
    throw new OAuthError('invalid_request', 'post_logout_redirect_uri is not registered for this client', { hint: 'name the client with id_token_hint or client_id' });
  }
  const me = `userid:${subjectOf(r.caller, d.capName).userId}`;
  if (!(hint?.sub === me || r.confirmed)) return { kind: 'confirm', client };
  const ended = signOut(d, r.caller.login, client);
  await d.audit.record({ action: 'logout', user: r.caller.login, client: client?.clientId ?? '*', sessions: ended });
  return { kind: 'done', client, ended, redirect: redirect ? withParams(redirect, { state: p.state }) : undefined };
}

/** Ends the user's sign-ins at `client`, or at every client. */
function signOut(d: ServiceDeps, login: string, client: Client | undefined): number {
  const now = d.clock();
  const targets = client ? [client] : d.clients.list();
  return targets.reduce((n, t) => n + d.tokens.revokeSessions(t.clientId, login, 'signed out', now), 0);
}
