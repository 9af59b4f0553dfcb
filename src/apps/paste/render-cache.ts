/**
 * The rendered-HTML cache: highlighting or rendering a paste costs far more than serving it, so
 * each rendering is kept, keyed by paste id, view (language or markup) and renderer version,
 * least recently used first out, bounded by total size. Dropping a paste (delete, expiry, burn)
 * drops every rendering of it, so deleted content does not linger in memory.
 *
 * Renderings are kept as UTF-8 bytes: exactly as large as they look (a string built piece by
 * piece is a rope several times its length, and one non-Latin-1 character doubles a flat one),
 * and ready to send without encoding them again.
 *
 * Written here rather than taken from `lru-cache`: that package needs Node 20 too, but the
 * per-paste drop and the size accounting would be half the code anyway, and a `Map` keeps
 * insertion order, which is all an LRU needs.
 *
 * @example
 *   const cache = new RenderCache(16 << 20);
 *   const html = cache.get(id, 'go') ?? cache.set(id, 'go', Buffer.from(render()));
 *   cache.drop(id);
 */

/** Bump when the rendered HTML changes shape, so old entries are never served. */
export const RENDERER_VERSION = 2;

interface Entry {
  id: string;
  html: Buffer;
}

export class RenderCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byPaste = new Map<string, Set<string>>();
  private total = 0;
  /** Counters for tests and metrics. */
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  private static key(id: string, view: string): string {
    return `${id}\u0000${view}\u0000${RENDERER_VERSION}`;
  }

  get(id: string, view: string): Buffer | undefined {
    const key = RenderCache.key(id, view);
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-insert to mark it most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.html;
  }

  /** Stores a rendering (unless it alone exceeds the budget) and returns it. */
  set(id: string, view: string, html: Buffer): Buffer {
    const key = RenderCache.key(id, view);
    this.remove(key);
    const bytes = html.byteLength;
    if (bytes > this.maxBytes) return html;
    this.entries.set(key, { id, html });
    let keys = this.byPaste.get(id);
    if (!keys) {
      keys = new Set();
      this.byPaste.set(id, keys);
    }
    keys.add(key);
    this.total += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.total <= this.maxBytes) break;
      this.remove(oldest);
    }
    return html;
  }

  /** Forgets every rendering of paste `id`. */
  drop(id: string): void {
    for (const key of this.byPaste.get(id) ?? []) this.remove(key);
  }

  /** Bytes of rendered HTML held. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.html.byteLength;
    const keys = this.byPaste.get(e.id);
    keys?.delete(key);
    if (keys?.size === 0) this.byPaste.delete(e.id);
  }
}
