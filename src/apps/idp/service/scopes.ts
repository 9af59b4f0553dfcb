/**
 * Scopes: what `/authorize` grants from the requested `scope` parameter.
 *
 * tsidp answered any scope outside `openid email profile` with an `invalid_scope` redirect
 * (reference §0.4), which broke clients that ask for `offline_access`, `groups`, `address`…
 * OIDC Core §3.1.2.1 says unknown scopes SHOULD be ignored, so here they are dropped and the
 * granted set is reported in the token response. `openid` is not required (tsidp's rule); an
 * empty scope means `openid`.
 *
 * @example
 *   grantScopes('openid email offline_access groups') // ['openid', 'email', 'offline_access']
 */

/** The scopes the provider knows, in the order discovery lists them. */
export const SUPPORTED_SCOPES = ['openid', 'email', 'profile', 'offline_access'] as const;

const KNOWN = new Set<string>(SUPPORTED_SCOPES);

/** The known scopes among `raw` (space-separated), deduplicated, in request order; `['openid']` when empty. */
export function grantScopes(raw: string | undefined): string[] {
  const requested = (raw ?? '').split(/\s+/).filter(Boolean);
  if (requested.length === 0) return ['openid'];
  return [...new Set(requested.filter((s) => KNOWN.has(s)))];
}

/**
 * The scopes a refresh may keep: a requested subset of the original grant (RFC 6749 §6); a scope
 * that was not granted is `invalid_scope`. Undefined `raw` keeps the original.
 */
export function narrowScopes(original: readonly string[], raw: string | undefined): string[] | { invalid: string } {
  if (raw === undefined || raw.trim() === '') return [...original];
  const requested = [...new Set(raw.split(/\s+/).filter(Boolean))].filter((s) => KNOWN.has(s));
  const extra = requested.find((s) => !original.includes(s));
  if (extra !== undefined) return { invalid: extra };
  return requested;
}
