/**
 * The `tailscale.com/cap/tsidp` grant (reference §2.1): what each rule allows and how rules
 * combine. Deny by default; rules only add access, OR-ed together.
 *
 *   { "allow_admin_ui": true, "allow_dcr": true, "users": ["*"], "resources": ["https://mcp.example"],
 *     "extraClaims": { "groups": ["ops"] }, "includeInUserInfo": true }
 *
 * A malformed rule is skipped (and logged once), never fatal: tsidp failed every token request
 * when one rule did not parse (§2.3). Apart from grants, tsidp's Funnel rule: only the OAuth
 * endpoints a relying party calls are public; everything else needs a tailnet caller.
 *
 * @example
 *   const rules = callerRules(caller, capName, log);
 *   canAdmin(rules)                                            // true if any rule has allow_admin_ui
 *   allowedResources(rules, 'alice@example.com', ['https://mcp.example']) // the allowed subset
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Caller, capValues } from '../../platform/identity.js';
import { OAuthError } from './errors.js';

export const CapRuleSchema = z.looseObject({
  allow_admin_ui: z.boolean().optional(),
  allow_dcr: z.boolean().optional(),
  users: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  extraClaims: z.record(z.string(), z.unknown()).optional(),
  includeInUserInfo: z.boolean().optional(),
});

export type CapRule = z.output<typeof CapRuleSchema>;

/** The tsidp capability name (configurable per deployment as `apps.idp.capName`). */
export const TSIDP_CAP = 'tailscale.com/cap/tsidp';

/** Every capability a full-access (dev) caller holds. */
export const FULL_ACCESS_RULE: CapRule = { allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['*'] };

/**
 * The well-formed rules among raw grant values, plus how many were malformed.
 *
 * @example parseRules([{ allow_dcr: true }, 'junk']) // { rules: [{ allow_dcr: true }], malformed: 1 }
 */
export function parseRules(raw: readonly unknown[]): { rules: CapRule[]; malformed: number } {
  const rules: CapRule[] = [];
  let malformed = 0;
  for (const v of raw) {
    const r = CapRuleSchema.safeParse(v);
    if (r.success) rules.push(r.data);
    else malformed++;
  }
  return { rules, malformed };
}

/** The caller's grant rules for the idp capability (malformed rules logged once and skipped). */
export function callerRules(caller: Caller, capName: string, log: Pick<Logger, 'warn'>): CapRule[] {
  return capValues(caller, capName, CapRuleSchema, log);
}

/** Refuses anonymous (Funnel) callers: the route needs the caller's tailnet identity (tsidp's 401). */
export function requireTailnet(caller: Caller): void {
  if (caller.kind === 'anonymous') throw new OAuthError('access_denied', 'not available over funnel', { status: 401, hint: 'open it from a device on the tailnet' });
}

/** Whether any rule grants the admin UI and the `/clients/` API. */
export function canAdmin(rules: readonly CapRule[]): boolean {
  return rules.some((r) => r.allow_admin_ui === true);
}

/** Whether any rule allows dynamic client registration. */
export function canRegister(rules: readonly CapRule[]): boolean {
  return rules.some((r) => r.allow_dcr === true);
}

/** Whether a rule applies to `login` (`users` holds `*` or the login). */
function appliesTo(rule: CapRule, login: string): boolean {
  return (rule.users ?? []).some((u) => u === '*' || u === login);
}

/**
 * The requested resources (audiences) `login` may get tokens for: each must be allowed by a rule
 * that applies to the user, exactly or through `*`. Order and duplicates follow the request.
 *
 * @example allowedResources([{ users: ['*'], resources: ['https://a'] }], 'bob@x', ['https://a', 'https://b']) // ['https://a']
 */
export function allowedResources(rules: readonly CapRule[], login: string, requested: readonly string[]): string[] {
  const applicable = rules.filter((r) => appliesTo(r, login));
  return requested.filter((res) => applicable.some((r) => (r.resources ?? []).some((x) => x === '*' || x === res)));
}

/**
 * The `extraClaims` objects to merge, in rule order: every rule's for the ID token, only
 * `includeInUserInfo` rules' for userinfo (tsidp's rule, §4.3).
 */
export function extraClaimSources(rules: readonly CapRule[], target: 'id_token' | 'userinfo'): Record<string, unknown>[] {
  return rules.filter((r) => r.extraClaims && (target === 'id_token' || r.includeInUserInfo === true)).map((r) => r.extraClaims as Record<string, unknown>);
}
