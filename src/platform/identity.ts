/**
 * Who is calling: the `Caller` every request carries, and typed access to its grant capabilities.
 *
 * The tailnet layer (dev, managed or host mode) builds a Caller from WhoIs; apps read it with
 * `c.get('caller')` and parse their capability values with their own zod schema through `capValues`.
 *
 * @example
 *   const Admin = z.object({ admin: z.boolean().default(false) });
 *   const isAdmin = capValues(caller, capName, Admin, log).some((v) => v.admin);
 */
import type { Logger } from 'pino';
import type { z } from 'zod';

/** The login tailscale gives every tagged node (WhoIs `UserProfile.LoginName`). */
export const TAGGED_LOGIN = 'tagged-devices';

export type CapMap = Readonly<Record<string, readonly unknown[]>>;

export interface Caller {
  /** `user` for a person's node, `tagged` for a tagged node, `anonymous` for a public (Funnel) request. */
  readonly kind: 'user' | 'tagged' | 'anonymous';
  /** `alice@example.com`; `tagged-devices` for tagged nodes; `''` when anonymous. */
  readonly login: string;
  readonly displayName: string;
  readonly profilePicURL: string;
  /** The node's short name, e.g. `alice-laptop`. */
  readonly nodeName: string;
  /** The node's MagicDNS name without the trailing dot, e.g. `alice-laptop.tailnet.test`. */
  readonly nodeFQDN: string;
  readonly tags: readonly string[];
  readonly isTagged: boolean;
  /** The node's tailnet addresses (no prefix length). */
  readonly addresses: readonly string[];
  /** The `ip:port` the request came from, as the tailnet layer saw it. */
  readonly remoteAddr: string;
  /** The tailnet's numeric user ID in decimal (exact past 2^53), or `''` when unknown (dev mode). */
  readonly userId: string;
  /** The tailnet's numeric node ID in decimal, or `''` when unknown. */
  readonly nodeId: string;
  /** The node's public key (`nodekey:<hex>`), or `''` when unknown. */
  readonly nodeKey: string;
  /** Groups the control server reports for the user (WhoIs `UserProfile.Groups`); often none. */
  readonly groups: readonly string[];
  /** The raw grant values this caller holds for capability `name` (`[]` when none). */
  caps(name: string): readonly unknown[];
}

export interface CallerFields {
  kind: Caller['kind'];
  login: string;
  displayName?: string;
  profilePicURL?: string;
  nodeName?: string;
  nodeFQDN?: string;
  tags?: readonly string[];
  addresses?: readonly string[];
  remoteAddr?: string;
  userId?: string;
  nodeId?: string;
  nodeKey?: string;
  groups?: readonly string[];
  capMap?: CapMap | null;
}

/** Builds an immutable Caller. */
export function makeCaller(f: CallerFields): Caller {
  const capMap: CapMap = f.capMap ?? {};
  const tags = Object.freeze([...(f.tags ?? [])]);
  return Object.freeze({
    kind: f.kind,
    login: f.login,
    displayName: f.displayName ?? f.login,
    profilePicURL: f.profilePicURL ?? '',
    nodeName: f.nodeName ?? '',
    nodeFQDN: f.nodeFQDN ?? '',
    tags,
    isTagged: f.kind === 'tagged',
    addresses: Object.freeze([...(f.addresses ?? [])]),
    remoteAddr: f.remoteAddr ?? '',
    userId: f.userId ?? '',
    nodeId: f.nodeId ?? '',
    nodeKey: f.nodeKey ?? '',
    groups: Object.freeze([...(f.groups ?? [])]),
    caps: (name: string) => capMap[name] ?? [],
  });
}

/** The caller of a public (Funnel) request: no login, no capabilities. */
export function anonymousCaller(remoteAddr = ''): Caller {
  return makeCaller({ kind: 'anonymous', login: '', displayName: 'anonymous', remoteAddr });
}

/** Which malformed values were already logged, so a bad grant is reported once, not on every request. */
const reported = new Set<string>();

/**
 * The caller's values for capability `name` that match `schema`. A value that does not match is
 * logged once (per capability and value) and skipped: one bad grant must not break every request.
 */
export function capValues<S extends z.ZodType>(
  caller: Caller,
  name: string,
  schema: S,
  log?: Pick<Logger, 'warn'>,
): z.output<S>[] {
  const out: z.output<S>[] = [];
  for (const raw of caller.caps(name)) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push(parsed.data);
      continue;
    }
    const key = `${name}\u0000${safeJson(raw)}`;
    if (!reported.has(key)) {
      if (reported.size > 10_000) reported.clear();
      reported.add(key);
      log?.warn(
        { cap: name, caller: caller.login || caller.nodeName, problem: parsed.error.issues[0]?.message },
        'ignoring a malformed capability value',
      );
    }
  }
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Identity could not be established (WhoIs failed, timed out, or the node is down): answer 503. */
export class IdentityUnavailableError extends Error {
  override name = 'IdentityUnavailableError';
}
