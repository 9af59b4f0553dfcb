/**
 * Who may query which source (reference §3): tailsql's default policy unless the caller holds
 * grant values for the capability; then `{"src": ["main", "prod-*"]}` decides.
 *
 * - Default (no values at all): logged-in users may query every configured source; tagged nodes
 *   may not (`tagged node is not authorized`). App sources (`links`, `paste`) are never open under
 *   the default policy.
 * - Grants: the caller may query a source some value's pattern matches (tailsql's `MatchSource`:
 *   `*` matches everything, `prefix*` a prefix, anything else exactly), tagged or not. A value that
 *   does not parse is skipped and logged; holding only malformed values still means grant mode
 *   (nothing is allowed), so a typo in a restrictive grant never falls back to the open default.
 *
 * @example
 *   const access = accessOf(caller, capName, log);
 *   decide(access, 'prod-eu', { appSource: false }) // → { ok: true } for {"src": ["prod-*"]}
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Caller, capValues } from '../../platform/identity.js';

export const TAILSQL_CAP = 'tailscale.com/cap/tailsql';

/** One grant value, decoded as Go decodes it (case-insensitive key, `null` as empty). */
export const TailsqlGrant = z.preprocess(
  (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
    const entry = Object.entries(raw).find(([k]) => k.toLowerCase() === 'src');
    return { src: entry ? entry[1] : null };
  },
  z.object({ src: z.array(z.string()).nullable().transform((v) => v ?? []) }),
);

export type Access =
  | { mode: 'default'; tagged: boolean; anonymous: boolean }
  | { mode: 'grants'; patterns: string[] };

/** Parsed grants by the caller's raw value list (the identity layer hands out the same list for the same grants). */
const parsed = new WeakMap<readonly unknown[], string[]>();

/** The caller's access, read once per request. */
export function accessOf(caller: Caller, capName: string, log?: Pick<Logger, 'warn'>): Access {
  const raw = caller.caps(capName);
  if (raw.length === 0) return { mode: 'default', tagged: caller.isTagged, anonymous: caller.kind === 'anonymous' };
  let patterns = parsed.get(raw);
  if (!patterns) {
    patterns = capValues(caller, capName, TailsqlGrant, log).flatMap((g) => g.src);
    parsed.set(raw, patterns);
  }
  return { mode: 'grants', patterns };
}

/**
 * tailsql's `MatchSource`.
 *
 * @example matchSource('shard*', 'shard7') // → true; matchSource('foo*', 'fo') // → false
 */
export function matchSource(pattern: string, src: string): boolean {
  if (pattern === '*') return true;
  if (pattern.length > 1 && pattern.endsWith('*')) return src.startsWith(pattern.slice(0, -1));
  return pattern === src;
}

export type Decision = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** May this caller query `src`? `appSource` marks the links/paste databases (grant-only). */
export function decide(access: Access, src: string, opts: { appSource: boolean }): Decision {
  if (access.mode === 'default') {
    if (access.anonymous) return { ok: false, status: 401, message: 'not logged in' };
    if (access.tagged) return { ok: false, status: 403, message: 'tagged node is not authorized' };
    if (opts.appSource) return { ok: false, status: 403, message: `not authorized for access to "${src}": app databases need an explicit grant` };
    return { ok: true };
  }
  if (access.patterns.length === 0) return { ok: false, status: 403, message: 'not authorized for access to tailsql' };
  if (access.patterns.some((p) => matchSource(p, src))) return { ok: true };
  return { ok: false, status: 403, message: `not authorized for access to "${src}"` };
}
