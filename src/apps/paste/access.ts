/**
 * Who may do what with pastes, decided per request from the caller and its grants.
 *
 * Two policies (`apps.paste.policy`):
 * - `tclip` (default), tclip's own model: every tailnet user or tagged node may create, list and
 *   read every paste; authors delete their own.
 * - `grants`, the model of tclip's unfinished grants work (reference B.4.6): each value of the
 *   paste capability is `{"all": {"admin", "list", "read", "delete"}, "user": {"write", "read",
 *   "list"}}` (booleans, all optional). `all.*` applies to everyone's pastes, `user.*` to the
 *   caller's own; values are OR-ed over every grant the caller holds.
 *
 * Under either policy `all.admin` grants everything: deleting any paste and seeing unlisted ones
 * in lists. Deleting your own paste needs the right to create (`user.write`). Anonymous callers
 * (Funnel) hold nothing here; their one right, reading a paste by its link, is the route's.
 * Malformed grant values are skipped (and logged once) by `capValues`.
 *
 * @example
 *   const p = permissionsFor('user', capValues(caller, capName, PasteGrant, log), 'grants');
 *   if (!p.write) return forbidden();
 */
import { z } from 'zod';

/** tclip's capability name (its grants work); Headscale deployments rename it, e.g. `example.com/cap/tclip`. */
export const PASTE_CAP = 'tailscale.com/cap/tclip';

export const POLICIES = ['tclip', 'grants'] as const;
export type PolicyName = (typeof POLICIES)[number];

/** One grant value of the paste capability. Unknown keys are ignored; wrong types make it malformed. */
export const PasteGrant = z.object({
  all: z
    .object({ admin: z.boolean(), list: z.boolean(), read: z.boolean(), delete: z.boolean() })
    .partial()
    .optional(),
  user: z.object({ write: z.boolean(), read: z.boolean(), list: z.boolean() }).partial().optional(),
});
export type PasteGrant = z.output<typeof PasteGrant>;

/** The grant value that allows everything (the dev caller's default). */
export const FULL_ACCESS_GRANT = { all: { admin: true, list: true, read: true, delete: true }, user: { write: true, read: true, list: true } };

export interface Permissions {
  /** Delete any paste, see unlisted pastes in lists. */
  admin: boolean;
  /** List and search everyone's listed pastes. */
  listAll: boolean;
  /** Read anyone's paste by its link. */
  readAll: boolean;
  /** Delete anyone's paste. */
  deleteAll: boolean;
  /** Create pastes (and delete one's own). */
  write: boolean;
  readOwn: boolean;
  listOwn: boolean;
}

const NONE: Permissions = { admin: false, listAll: false, readAll: false, deleteAll: false, write: false, readOwn: false, listOwn: false };

/**
 * The caller's permissions under `policy`.
 *
 * @example permissionsFor('user', [{ all: { read: true } }], 'grants').readAll // true
 */
export function permissionsFor(kind: 'user' | 'tagged' | 'anonymous', grants: readonly PasteGrant[], policy: PolicyName): Permissions {
  if (kind === 'anonymous') return NONE;
  const admin = grants.some((g) => g.all?.admin === true);
  if (admin) return { admin, listAll: true, readAll: true, deleteAll: true, write: true, readOwn: true, listOwn: true };
  if (policy === 'tclip') return { ...NONE, listAll: true, readAll: true, write: true, readOwn: true, listOwn: true };
  const any = (f: (g: PasteGrant) => boolean | undefined) => grants.some((g) => f(g) === true);
  return {
    admin: false,
    listAll: any((g) => g.all?.list),
    readAll: any((g) => g.all?.read),
    deleteAll: any((g) => g.all?.delete),
    write: any((g) => g.user?.write),
    readOwn: any((g) => g.user?.read),
    listOwn: any((g) => g.user?.list),
  };
}

/** Whether the caller may read a paste (its own, or anyone's). */
export function canRead(p: Permissions, own: boolean): boolean {
  return p.readAll || (own && p.readOwn);
}

/** Whether the caller may delete a paste. */
export function canDelete(p: Permissions, own: boolean): boolean {
  return p.deleteAll || (own && p.write);
}

/** Whether the caller may list its own pastes (`/paste/mine`). */
export function canListOwn(p: Permissions): boolean {
  return p.listOwn || p.listAll;
}
