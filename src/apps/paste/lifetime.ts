/**
 * Paste lifetimes: the choices a paste can expire after, the server's default and cap, and the
 * expiry instant as an RFC 3339 UTC string (what the store keeps and the JSON API returns).
 *
 * @example
 *   const life = resolveLifetime('1d', { default: 'never', max: '1w' }); // '1d'
 *   expiresAt(life, new Date('2024-05-01T00:00:00Z'))                     // '2024-05-02T00:00:00.000Z'
 */

/** The lifetimes a paste can have, shortest first; `never` keeps it until it is deleted. */
export const LIFETIMES = ['1h', '1d', '1w', '30d', 'never'] as const;
export type Lifetime = (typeof LIFETIMES)[number];

const SECONDS: Readonly<Record<Lifetime, number>> = {
  '1h': 3600,
  '1d': 86_400,
  '1w': 7 * 86_400,
  '30d': 30 * 86_400,
  never: Number.POSITIVE_INFINITY,
};


/** Spellings accepted from forms, the CLI and the API, besides the canonical ones. */
const ALIASES: Readonly<Record<string, Lifetime>> = {
  '60m': '1h',
  '24h': '1d',
  '7d': '1w',
  '1month': '30d',
  '1mo': '30d',
  '0': 'never',
  none: 'never',
  forever: 'never',
};

/** A lifetime the server does not offer (the message names the choices). */
export class LifetimeError extends Error {
  override name = 'LifetimeError';
}

export function isLifetime(v: string): v is Lifetime {
  return (LIFETIMES as readonly string[]).includes(v);
}

/**
 * Parses a requested lifetime (case-insensitive, a few aliases such as `24h`, `7d`).
 *
 * @example parseLifetime('7D') // '1w'
 */
export function parseLifetime(raw: string): Lifetime {
  const v = raw.trim().toLowerCase();
  if (isLifetime(v)) return v;
  const alias = ALIASES[v];
  if (alias) return alias;
  throw new LifetimeError(`unknown expiry "${raw}": choose one of ${LIFETIMES.join(', ')}`);
}

export interface LifetimePolicy {
  /** Used when the request names none. */
  default: Lifetime;
  /** The longest lifetime the server allows; longer requests are shortened to it. */
  max: Lifetime;
}

/**
 * The lifetime a new paste gets: the requested one (or the default), capped at the maximum.
 *
 * @example resolveLifetime('never', { default: '1d', max: '30d' }) // '30d'
 */
export function resolveLifetime(requested: string | undefined, policy: LifetimePolicy): Lifetime {
  const wanted = requested === undefined || requested.trim() === '' ? policy.default : parseLifetime(requested);
  return SECONDS[wanted] > SECONDS[policy.max] ? policy.max : wanted;
}

/** The lifetimes a form should offer under `max`. */
export function offeredLifetimes(max: Lifetime): Lifetime[] {
  return LIFETIMES.filter((l) => SECONDS[l] <= SECONDS[max]);
}

/**
 * When a paste created at `now` with `lifetime` expires, as RFC 3339 UTC; null for never.
 *
 * @example expiresAt('1h', new Date('2024-05-01T00:00:00Z')) // '2024-05-01T01:00:00.000Z'
 */
export function expiresAt(lifetime: Lifetime, now: Date): string | null {
  const s = SECONDS[lifetime];
  return Number.isFinite(s) ? new Date(now.getTime() + s * 1000).toISOString() : null;
}

/** Whether a paste with `expires` (RFC 3339 or null) has expired at `now`. */
export function isExpired(expires: string | null, now: Date): boolean {
  return expires !== null && Date.parse(expires) <= now.getTime();
}
