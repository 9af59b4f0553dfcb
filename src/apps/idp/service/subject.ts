/**
 * The user a token speaks for: a snapshot of the caller's identity taken at `/authorize` (and
 * refreshed from WhoIs at every refresh), stored with codes, refresh-token families and access
 * tokens so that `/token` and `/userinfo` — where the caller is the relying party, not the user —
 * know whom to describe.
 *
 * tsidp's `sub` is `userid:<Tailscale user ID>`; relying parties have stored it, so it must never
 * change. Where the platform has no numeric ID (dev mode, or a control server that sends none) a
 * stable one is derived from the login, so `sub` still never changes for a login.
 *
 * @example
 *   const s = subjectOf(caller, capName); // { userId: '6789', login: 'alice@example.com', … }
 */
import { createHash } from 'node:crypto';
import type { Caller } from '../../../platform/identity.js';

export interface Subject {
  /** Decimal user ID (may exceed 2^53, so kept as a string). */
  userId: string;
  login: string;
  displayName: string;
  picture: string;
  /** Decimal node ID. */
  nodeId: string;
  /** `nodekey:<hex>`, or '' when the platform does not know it. */
  nodeKey: string;
  /** The node's MagicDNS name without the trailing dot. */
  nodeFQDN: string;
  /** Tailnet addresses without prefix length. */
  addresses: string[];
  tags: string[];
  /** Groups the tailnet reports for the user (WhoIs `UserProfile.Groups`), if any. */
  groups: string[];
  /** The raw grant values the user held for the idp capability. */
  caps: unknown[];
}

/**
 * A stable decimal ID derived from `text` (48 bits of its SHA-256), for identities that carry no
 * numeric ID.
 *
 * @example derivedId('alice@localhost') // '191264316418419' (always the same)
 */
export function derivedId(text: string): string {
  return BigInt(`0x${createHash('sha256').update(`tailyard idp id\n${text}`).digest('hex').slice(0, 12)}`).toString();
}

/** The snapshot of `caller` (a user node) for capability `capName`. */
export function subjectOf(caller: Caller, capName: string): Subject {
  return {
    userId: caller.userId || derivedId(`user\n${caller.login}`),
    login: caller.login,
    displayName: caller.displayName,
    picture: caller.profilePicURL,
    nodeId: caller.nodeId || derivedId(`node\n${caller.nodeFQDN || caller.nodeName}`),
    nodeKey: caller.nodeKey,
    nodeFQDN: caller.nodeFQDN,
    addresses: [...caller.addresses],
    tags: [...caller.tags],
    groups: [...caller.groups],
    caps: [...caller.caps(capName)],
  };
}

/** The address to look the user's node up by at refresh: its first tailnet address. */
export function nodeAddressOf(caller: Caller): string {
  return caller.addresses[0] ?? caller.remoteAddr;
}
