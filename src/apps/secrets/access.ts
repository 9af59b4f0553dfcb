/**
 * setec's access model (reference §2): who may do what to which secret.
 *
 * A caller's rules are the grant values of the secrets capability, each
 * `{"action": [...], "secret": [...]}`. A request is allowed iff some rule lists the action and
 * has a secret pattern matching the name. Patterns are setec's: `*` matches any run of
 * characters, `/` included; nothing else is special; the match is anchored and case-sensitive.
 * No action implies another, there is no action wildcard and there are no deny rules.
 *
 * Grant values decode like Go's `encoding/json` into setec's `acl.Rule` (case-insensitive keys,
 * `null` as empty). Unlike setec, which fails every request of a caller holding one malformed
 * value, the platform's `capValues` skips (and logs) a value that {@link SecretsCap} rejects.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Caller, capValues } from '../../platform/identity.js';
import { type Endpoint, goFieldFor } from './wire.js';

/** setec's capability name. Deployments may rename it; the `https://` twin is always tried too. */
export const SECRETS_CAP = 'tailscale.com/cap/secrets';

/** The actions a grant can give. */
export const ACTIONS = ['get', 'info', 'put', 'create-version', 'activate', 'delete'] as const;

/** One action, e.g. `activate`. */
export type Action = (typeof ACTIONS)[number];

/** Which action each endpoint needs: `list` filters by `info`, `delete-version` needs `delete`. */
const ENDPOINT_ACTION: Readonly<Record<Endpoint, Action>> = {
  list: 'info',
  get: 'get',
  info: 'info',
  put: 'put',
  'create-version': 'create-version',
  activate: 'activate',
  delete: 'delete',
  'delete-version': 'delete',
};

/** A list of strings as Go decodes `[]string`: `null` is empty, a `null` element is `""`. */
const GoStrings = z
  .array(z.string().nullable())
  .nullish()
  .transform((list) => (list ?? []).map((s) => s ?? ''));

/**
 * Schema of one grant value of the secrets capability; pass it to `capValues`.
 * Unknown action strings are kept (they just never match), as in setec.
 *
 * @example
 *   SecretsCap.parse({ Action: ['get'], secret: ['dev/*'] }) // → { action: ['get'], secret: ['dev/*'] }
 *   SecretsCap.safeParse({ action: 'get' }).success         // → false: not a list
 */
export const SecretsCap = z.preprocess(
  (raw) => (raw === null ? {} : goKeys(raw, ['action', 'secret'])),
  z.object({ action: GoStrings, secret: GoStrings }),
);

/** One decoded grant value. */
export type Rule = z.output<typeof SecretsCap>;

/** Renames an object's keys to the struct fields Go would match them to; other values pass through. */
function goKeys(raw: unknown, fields: readonly string[]): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = goFieldFor(key, fields);
    if (field !== undefined) out[field] = value;
  }
  return out;
}

/**
 * The caller's rules: the values of `capName`, or, if it yields none, of `https://` + `capName`
 * (setec's migration shim). Malformed values are skipped and logged once by `capValues`.
 *
 * @example
 *   const rules = callerRules(c.get('caller'), services.capName, log);
 */
export function callerRules(caller: Caller, capName: string, log?: Pick<Logger, 'warn'>): Rule[] {
  const rules = capValues(caller, capName, SecretsCap, log);
  return rules.length > 0 ? rules : capValues(caller, `https://${capName}`, SecretsCap, log);
}

/**
 * Whether `rules` allow `action` on the secret `name`.
 *
 * @example
 *   allowed([{ action: ['get'], secret: ['prod/*'] }], 'get', 'prod/db') // → true
 *   allowed([{ action: ['get'], secret: ['prod/*'] }], 'info', 'prod/db') // → false
 */
export function allowed(rules: readonly Rule[], action: Action, name: string): boolean {
  return rules.some((r) => r.action.includes(action) && r.secret.some((p) => matchSecret(p, name)));
}

/**
 * setec's pattern match (`mstr.Match`): `*` matches zero or more characters of any kind; every
 * other character matches itself; the whole name must match.
 *
 * @example
 *   matchSecret('dev/*', 'dev/a/b') // → true
 *   matchSecret('dev/*', 'dev')     // → false
 */
export function matchSecret(pattern: string, name: string): boolean {
  const pieces = pattern.split('*');
  const head = pieces.shift() ?? '';
  if (pieces.length === 0) return name === pattern;
  const tail = pieces.pop() ?? '';
  const end = name.length - tail.length;
  if (end < head.length || !name.startsWith(head) || !name.endsWith(tail)) return false;
  let at = head.length;
  for (const piece of pieces) {
    const found = name.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * The action an endpoint's ACL check needs.
 *
 * @example
 *   requiredAction('delete-version') // → 'delete'
 */
export function requiredAction(endpoint: Endpoint): Action {
  return ENDPOINT_ACTION[endpoint];
}
