/**
 * Turns a tailnet peer address into a Caller with WhoIs, the way tsnet apps call
 * `LocalClient().WhoIs(r.RemoteAddr)` on every request.
 *
 * Grant (CapMap) changes reach tailscaled without any IPN-bus event (since v1.100), so answers
 * are reused for at most `cacheMs` (1 s by default) and only per peer IP, besides being flushed on
 * the bus events that do come (node and state changes); a WhoIs that fails or takes longer than
 * `timeoutMs` fails closed with IdentityUnavailableError (the platform answers 503), and a 404
 * (not a tailnet peer) becomes `{kind: 'unknown'}` (403, or anonymous on Funnel paths).
 *
 * @example
 *   const ids = new WhoisResolver(client, { cacheMs: 1000 });
 *   const id = await ids.identify('100.64.0.3:51234'); // { kind: 'caller', caller: { login: 'alice@example.com', ... } }
 */
import { IdentityUnavailableError, makeCaller, type Caller } from '../identity.js';
import { PeerNotFoundError, type LocalApiClient } from './localapi.js';
import type { WhoIs } from './whois-decode.js';
import { hostOf } from './http-server.js';
import type { Identification } from './mode.js';

/**
 * Maps a WhoIs answer to a Caller.
 *
 * @example callerFromWhois(w, '100.64.0.3:51234').nodeName // 'alice-laptop'
 */
export function callerFromWhois(w: WhoIs, remoteAddr: string): Caller {
  const name = w.Node.Name;
  const fqdn = name.endsWith('.') ? name.slice(0, -1) : name;
  const tags = w.Node.Tags;
  return makeCaller({
    kind: tags.length > 0 ? 'tagged' : 'user',
    login: w.UserProfile.LoginName,
    displayName: w.UserProfile.DisplayName || w.UserProfile.LoginName,
    profilePicURL: w.UserProfile.ProfilePicURL,
    nodeName: w.Node.ComputedName || firstLabel(fqdn),
    nodeFQDN: fqdn,
    tags,
    addresses: w.Node.Addresses.map(withoutPrefixLength),
    remoteAddr,
    userId: String(w.UserProfile.ID),
    nodeId: String(w.Node.ID),
    nodeKey: w.Node.Key,
    groups: w.UserProfile.Groups,
    capMap: w.CapMap,
  });
}

function firstLabel(fqdn: string): string {
  const dot = fqdn.indexOf('.');
  return dot < 0 ? fqdn : fqdn.slice(0, dot);
}

/** `100.64.0.3/32` → `100.64.0.3`. */
function withoutPrefixLength(cidr: string): string {
  const slash = cidr.indexOf('/');
  return slash < 0 ? cidr : cidr.slice(0, slash);
}

export interface WhoisResolverOptions {
  /** How long an answer may be reused (ms); 0 disables the cache. */
  cacheMs: number;
  /** Bound on one WhoIs call (ms). */
  timeoutMs?: number;
  /** Ask for the grants towards this Tailscale Service (`svc:name`) rather than the node. */
  service?: string;
}

type Entry = { expires: number; result: Promise<WhoIs | null> };

/** A 404 means "not a tailnet peer" (null); anything else is an error. */
function notFoundAsNull(err: unknown): null {
  if (err instanceof PeerNotFoundError) return null;
  throw err;
}

export class WhoisResolver {
  private readonly cache = new Map<string, Entry>();
  /** The same options object for every call (nothing per request that can be built once). */
  private readonly callOpts: { timeoutMs: number; service?: string };

  constructor(
    private readonly client: LocalApiClient,
    private readonly opts: WhoisResolverOptions,
  ) {
    this.callOpts = { timeoutMs: opts.timeoutMs ?? 2000, ...(opts.service ? { service: opts.service } : {}) };
  }

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

  /** How often the cache was flushed (tests and the bench see which bus events arrive). */
  flushes = 0;

  /** Forgets every cached answer (called when the node's netmap or state changes). */
  flush(): void {
    this.flushes++;
    this.cache.clear();
  }

  private lookup(addr: string): Promise<WhoIs | null> {
    if (this.opts.cacheMs <= 0) return this.client.whois(addr, this.callOpts).catch(notFoundAsNull);
    const key = hostOf(addr);
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.result;
    const result = this.client.whois(addr, this.callOpts).catch((err: unknown) => {
      // A failure is not kept: the next request asks again (a 404 is an answer, and is kept).
      if (!(err instanceof PeerNotFoundError)) this.cache.delete(key);
      return notFoundAsNull(err);
    });
    if (this.cache.size > 4096) this.cache.clear();
    this.cache.set(key, { expires: now + this.opts.cacheMs, result });
    return result;
  }
}
