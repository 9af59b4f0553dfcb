/**
 * Who a paste belongs to. People are their login; a tagged node (which tailscale reports as the
 * shared login `tagged-devices`) is the node itself, keyed by its MagicDNS name, so two CI
 * runners never own each other's pastes and a paste shows which machine made it. tclip keys
 * tagged nodes by node id and shows "tagged node <host>: <tag>"; this shows "<host> (<tags>)".
 *
 * @example
 *   authorOf(caller) // { key: 'node:ci-runner.tailnet.test', login: 'tagged-devices', displayName: 'ci-runner (tag:ci)', … }
 */
import type { Caller } from '../../platform/identity.js';

export interface Author {
  /** Ownership key: the login, or `node:<fqdn>` for a tagged node. */
  key: string;
  login: string;
  displayName: string;
  /** The node's short name. */
  node: string;
  tags: readonly string[];
  profilePicURL: string;
}

/** The author a paste by `caller` gets; undefined for anonymous callers, who cannot paste. */
export function authorOf(caller: Caller): Author | undefined {
  if (caller.kind === 'anonymous') return undefined;
  if (caller.kind === 'tagged') {
    const node = caller.nodeName || caller.nodeFQDN || caller.remoteAddr;
    return {
      key: `node:${caller.nodeFQDN || node}`,
      login: caller.login,
      displayName: caller.tags.length ? `${node} (${caller.tags.join(', ')})` : node,
      node,
      tags: caller.tags,
      profilePicURL: '',
    };
  }
  return { key: caller.login, login: caller.login, displayName: caller.displayName || caller.login, node: caller.nodeName, tags: [], profilePicURL: caller.profilePicURL };
}

/** The ownership key of `caller` (`''` for anonymous callers, who own nothing). */
export function ownerKey(caller: Caller): string {
  return authorOf(caller)?.key ?? '';
}
