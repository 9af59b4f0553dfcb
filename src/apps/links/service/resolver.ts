/**
 * Where go/ links lead: golink's `serveGo` for a visit (the hot path), alias chains for
 * `/.resolve/` and the detail page, and the same chains offline for the CLI (`resolveIn`). A
 * destination that cannot be followed fails with the LinkError golink answers with (errors.ts
 * `resolutionError`): 401 for a template that needs a user, 508 for a loop, 503 when templates
 * get no more CPU, 500 for a broken template or URL.
 *
 * @example
 *   const resolver = new LinkResolver({ store, stats, expander, lane, config, brand: 'go', notFound });
 *   resolver.visit('/docs/setup', '', 'amy@example.com', 'go') // { kind: 'found', location: 'https://docs.example/setup' }
 *   resolver.resolveFrom('go/chat/x', 'go') // { url: 'https://meet.example/x', chain: ['chat', 'meet'] }
 */
import type { LinksConfig } from '../config.js';
import { LinkError, resolutionError } from '../errors.js';
import type { LinkExpander } from '../expand.js';
import { LinkLoopError, type Resolution, type ResolveOptions, resolveChain, splitRequestPath, suggest } from '../resolve.js';
import type { ClickStats } from '../stats.js';
import type { LinkStore, StoredLink } from '../store.js';
import { fromByteString, toByteString } from '../template/goescape.js';
import { GoURLError, parseGoURL } from '../template/gourl.js';
import { isNoUserError } from '../template/index.js';
import type { TemplateLane } from '../template-lane.js';

export interface ResolverDeps {
  store: LinkStore;
  stats: ClickStats;
  expander: LinkExpander;
  /** Where template expansions run, so expensive ones get a bounded share of the CPU. */
  lane: TemplateLane;
  config: Pick<LinksConfig, 'followAliases'>;
  /** The name users type (`go`), for alias detection. */
  brand: string;
  /** Counts unknown names (golink_not_found_total). */
  notFound: { inc(): void };
}

/** A visit to go/<path>: golink's redirect, its `name+` shortcut to the detail page, or a miss. */
export type Visit =
  | { kind: 'found'; location: string | Promise<string> }
  | { kind: 'detail'; short: string }
  | { kind: 'missing'; short: string; suggestions: string[] };

/**
 * Where `start` leads among the store's live links (resolve.ts's `resolveChain`).
 *
 * @example resolveIn(store, 'go/chat/x', { hostname: 'go' }).url // 'https://meet.example/x'
 */
export function resolveIn(store: LinkStore, start: string, options: ResolveOptions): Resolution {
  return resolveChain(start, (s) => store.lookup(s)?.long, options);
}

export class LinkResolver {
  constructor(private readonly d: ResolverDeps) {}

  /**
   * golink's `serveGo` for a request path (text, without the query) and raw query: counts a
   * click and expands the destination (templates in the fair-share lane); `location` is a byte
   * string for the `Location` header. A failed expansion throws (or rejects with) its LinkError.
   */
  visit(path: string, query: string, user: string, host: string): Visit {
    const req = splitRequestPath(path);
    if (req.detail) return { kind: 'detail', short: req.short };
    let found: { id: string; long: string } | undefined;
    for (const candidate of req.candidates) {
      found = this.d.store.lookup(candidate);
      if (found) break;
    }
    if (!found) {
      this.d.notFound.inc();
      return { kind: 'missing', short: req.short, suggestions: suggest(req.short, this.d.store.names()) };
    }
    this.d.stats.click(found.id);
    const { id, long } = found;
    const locate = (): string => {
      const location = this.d.expander.location(long, { path: req.remainder, query, user });
      if (!this.d.config.followAliases) return location;
      const self = new Set([this.d.brand.toLowerCase(), host.toLowerCase()]);
      const text = fromByteString(location);
      return isLocal(text, self) ? toByteString(this.followChain(text, self)) : location;
    };
    try {
      const location = long.includes('{{') ? this.d.lane.run(id, locate, req.remainder.length + query.length) : locate();
      return { kind: 'found', location: typeof location === 'string' ? location : location.catch(rethrowResolution) };
    } catch (err) {
      return rethrowResolution(err);
    }
  }

  /** Where `start` (a link, `go/name/path?query`, or a URL to this service) finally leads; 400 when it is no URL. */
  resolveFrom(start: string, host: string): Resolution {
    try {
      parseGoURL(start);
    } catch (err) {
      throw err instanceof GoURLError ? new LinkError(400, err.message) : err;
    }
    try {
      return this.chain(start, host);
    } catch (err) {
      return rethrowResolution(err);
    }
  }

  /** Where a link ends up with no path and no user, or why it cannot be told (for its detail page). */
  resolution(link: StoredLink, host: string): { url: string; chain: string[] } | { problem: string } {
    try {
      return this.chain(link.short, host);
    } catch (err) {
      if (isNoUserError(err)) return { problem: 'depends on the visitor (.User)' };
      const known = resolutionError(err);
      if (known) return { problem: known.message };
      throw err;
    }
  }

  private chain(start: string, host: string): Resolution {
    return resolveIn(this.d.store, start, { hostname: this.d.brand, aliases: [host] });
  }

  /** Follows an alias chain server-side; a missing link leaves the location as it was. */
  private followChain(location: string, self: Set<string>): string {
    try {
      return resolveIn(this.d.store, location, { hostname: this.d.brand, aliases: [...self] }).url;
    } catch (err) {
      if (err instanceof LinkLoopError) throw err;
      return location;
    }
  }
}

/** Rethrows an expansion's failure as the LinkError golink answers with, if it is one. */
function rethrowResolution(err: unknown): never {
  throw resolutionError(err) ?? err;
}

function isLocal(url: string, self: Set<string>): boolean {
  try {
    const u = parseGoURL(url);
    if (u.scheme === '') return true;
    return (u.scheme === 'http' || u.scheme === 'https') && self.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}
