/**
 * Listings and search (`/.all`, `/.search`): the `owner:` filter, and pages of at most
 * {@link PAGE_SIZE} rows, so pages (and memory) stay bounded with 100 000 links.
 *
 * @example
 *   listLinks(store, stats, 'owner:amy@example.com wiki', 1) // { rows, total: 3, page: 1, pages: 1, clicks }
 */
import type { ClickStats } from '../stats.js';
import type { LinkStore, StoredLink } from '../store.js';

/** Rows per listing page. */
export const PAGE_SIZE = 1000;

/** One page of a listing or search. */
export interface ListPage {
  rows: StoredLink[];
  /** Matching links in all. */
  total: number;
  /** 1-based, within 1..pages. */
  page: number;
  pages: number;
  /** All-time clicks by link id. */
  clicks: Map<string, number>;
}

/**
 * Splits a search query into its `owner:` filter and free text.
 *
 * @example parseSearch('owner:amy@example.com wiki') // { owner: 'amy@example.com', text: 'wiki' }
 */
export function parseSearch(q: string): { owner?: string; text: string } {
  let owner: string | undefined;
  const text = q
    .split(/\s+/)
    .filter((w) => {
      const m = /^owner:(.+)$/i.exec(w);
      if (m) owner = m[1];
      return !m;
    })
    .join(' ');
  return { owner, text };
}

/** Page `page` (clamped to the pages there are) of every live link, or of those matching `q`. */
export function listLinks(store: LinkStore, stats: ClickStats, q: string, page: number): ListPage {
  const { owner, text } = parseSearch(q);
  const all = text === '' && owner === undefined ? store.all() : store.search(text, owner);
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const current = Math.min(pages, Math.max(1, page));
  const rows = all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return { rows, total: all.length, page: current, pages, clicks: stats.totals() };
}
