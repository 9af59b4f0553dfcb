/**
 * Turns a tailnet peer address into a Caller with WhoIs, the way tsnet apps call
 * `LocalClient().WhoIs(r.RemoteAddr)` on every request.
 *
 * Grant (CapMap) changes reach tailscaled without any IPN-bus event, so answers are reused for at
 * most `cacheMs` (a few seconds) and only per peer IP; a WhoIs that fails or takes longer than
 * `timeoutMs` fails closed with IdentityUnavailableError (the platform answers 503), and a 404
 * (not a tailnet peer) becomes `{kind: 'unknown'}` (403, or anonymous on Funnel paths).
 *
 * @example
 *   const ids = new WhoisResolver(client, { cacheMs: 2000 });
 *   const id = await ids.identify('100.64.0.3:51234'); // { kind: 'caller', caller: { login: 'alice@example.com', ... } }
 */
import { IdentityUnavailableError, makeCaller, type Caller } from '../identity.js';
import { PeerNotFoundError, type LocalApiClient } from './localapi.js';
import type { WhoIs } from './localapi-types.js';
import type { Identification } from './mode.js';

/**
 * Maps a WhoIs answer to a Caller.
 *
 * @example callerFromWhois(w, '100.64.0.3:51234').nodeName // 'alice-laptop'
 */
export function callerFromWhois(w: WhoIs, remoteAddr: string): Caller {
  const fqdn = w.Node.Name.replace(/\.$/, '');
  const tags = w.Node.Tags;
  return makeCaller({
    kind: tags.length > 0 ? 'tagged' : 'user',
    login: w.UserProfile.LoginName,
    displayName: w.UserProfile.DisplayName || w.UserProfile.LoginName,
    profilePicURL: w.UserProfile.ProfilePicURL,
    nodeName: w.Node.ComputedName || fqdn.split('.')[0] || '',
    nodeFQDN: fqdn,
    tags,
    addresses: w.Node.Addresses.map((a) => a.replace(/\/\d+$/, '')),
    remoteAddr,
    userId: String(w.UserProfile.ID),
    nodeId: String(w.Node.ID),
    nodeKey: w.Node.Key,
    groups: w.UserProfile.Groups,
    capMap: w.CapMap,
  });
}

/** The IP part of `ip:port` / `[v6]:port` (the cache key: WhoIs does not depend on the port). */
export function hostOf(addr: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(addr);
  if (m?.[1]) return m[1];
  const colons = addr.split(':').length - 1;
  return colons === 1 ? (addr.split(':')[0] ?? addr) : addr;
}

export interface WhoisResolverOptions {
  /** How long an answer may be reused (ms); 0 disables the cache. */
  cacheMs: number;
  /** Bound on one WhoIs call (ms). */
  timeoutMs?: number;
}

type Entry = { expires: number; result: Promise<WhoIs | null> };

export class WhoisResolver {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly client: LocalApiClient,
    private readonly opts: WhoisResolverOptions,
  ) {}

  /** Identifies the peer at `addr` (`ip:port`). Throws IdentityUnavailableError when WhoIs fails. */
  async identify(addr: string): Promise<Identification> {
    let w: WhoIs | null;
    try {
      w = await this.lookup(addr);
    } catch (err) {
      throw new IdentityUnavailableError(`whois ${addr}: ${(err as Error).message}`);
    }
    return w ? { kind: 'caller', caller: callerFromWhois(w, addr) } : { kind: 'unknown', remoteAddr: addr };
  }

  /** Forgets every cached answer (called when the node's netmap or state changes). */
  flush(): void {
    this.cache.clear();
  }

  private lookup(addr: string): Promise<WhoIs | null> {
    const key = hostOf(addr);
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.result;
    const result = this.client.whois(addr, { timeoutMs: this.opts.timeoutMs ?? 2000 }).then(
      (w) => w,
      (err: unknown) => {
        if (err instanceof PeerNotFoundError) return null;
        this.cache.delete(key);
        throw err;
      },
    );
    if (this.opts.cacheMs > 0) {
      if (this.cache.size > 4096) this.cache.clear();
      this.cache.set(key, { expires: now + this.opts.cacheMs, result });
    }
    return result;
  }
}
