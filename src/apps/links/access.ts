/**
 * Who may change a link: golink's `canEditLink` rules, with admin through the grant capability.
 *
 * In order: nothing is editable in read-only mode; a new or unowned link is editable by anyone
 * (anyone identified, or anonymous callers with `--links-allow-unknown-users`); admins and the
 * owner may edit; otherwise the link is editable only when its owner "has left".
 *
 * "Has left": golink asks its netmap whether the owner still owns a visible node. tailyard has no
 * such list in dev mode, and a user who owns no node the service can see has not necessarily
 * left, so the rule here is: the owner `tagged-devices` (golink's owner for links made from
 * tagged nodes) and the empty owner count as gone; any other login is treated as a current user.
 * Admins can transfer or take over anything else.
 *
 * @example
 *   canEdit(link, { login: 'bob@example.com', admin: false }, false) // true only if bob owns it, or it is unowned
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Caller, capValues, TAGGED_LOGIN } from '../../platform/identity.js';

/** golink's capability value: `{"admin": true}` under `tailscale.com/cap/golink`. */
export const GolinkCap = z.object({ admin: z.boolean().default(false) });

/** The acting user as far as ownership is concerned. */
export interface Actor {
  /** Login; `''` when the caller could not be identified. */
  login: string;
  admin: boolean;
}

/**
 * The actor behind a request: its login, and admin when any grant value has `admin: true`.
 *
 * @example actorOf(caller, 'tailscale.com/cap/golink') // { login: 'amy@example.com', admin: true }
 */
export function actorOf(caller: Caller, capName: string, log?: Pick<Logger, 'warn'>): Actor {
  const login = caller.kind === 'anonymous' ? '' : caller.login;
  return { login, admin: capValues(caller, capName, GolinkCap, log).some((v) => v.admin) };
}

/**
 * Whether `login` is a current user who can own links (see the module comment for the rule).
 *
 * @example userExists('tagged-devices') // false
 */
export function userExists(login: string): boolean {
  return login !== '' && login !== TAGGED_LOGIN;
}

/**
 * golink's `canEditLink`. `link` is undefined for a new link.
 *
 * @example canEdit({ owner: '' }, { login: 'x@y', admin: false }, false) // true
 */
export function canEdit(link: { owner: string } | undefined, actor: Actor, readonly: boolean): boolean {
  if (readonly) return false;
  if (!link || link.owner === '') return true;
  if (actor.admin || (actor.login !== '' && link.owner === actor.login)) return true;
  return !userExists(link.owner);
}

/**
 * Checks a requested new owner: empty means "me"; otherwise it must be a current user and look
 * like a login (no spaces or control characters). Returns the owner to store, or an error text.
 *
 * @example resolveOwner('', { login: 'amy@example.com', admin: false }) // { owner: 'amy@example.com' }
 */
export function resolveOwner(requested: string, actor: Actor): { owner: string } | { error: string } {
  const owner = requested.trim();
  if (owner === '') return { owner: actor.login };
  if (!userExists(owner) || /[\s\x00-\x1f\x7f]/.test(owner)) return { error: `new owner not a valid user: ${owner}` };
  return { owner };
}
