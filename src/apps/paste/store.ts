/**
 * The paste database: pastes and their authors, tombstones, and the full-text index, all in the
 * app's own SQLite file. Every statement is prepared once.
 *
 * Removing a paste (delete, expiry, burn) leaves nothing readable behind: the connection runs
 * with `secure_delete` (freed cells and pages are zeroed), the FTS index has `secure-delete` on,
 * and every removal ends with a PASSIVE checkpoint, which copies the zeroed pages into the
 * database file without waiting for or blocking anyone. When that took in the whole write-ahead
 * log, one more small write makes SQLite start the log over, and `journal_size_limit` cuts it
 * back, so no old page image stays in it either. Never a TRUNCATE checkpoint: with Litestream
 * replicating (its read transaction open), one blocks every writer for the busy timeout and then
 * fails. While it replicates, its read transaction keeps the checkpoint partial, so the old page
 * images stay in the log until Litestream's own checkpoint, and in the replica until its
 * retention (docs/operations.md, "Erased content").
 *
 * @example
 *   const store = new PasteStore(db);
 *   store.insert({ id, createdAt, expiresAt: null, author, filename: 'a.go', language: 'go', content, unlisted: false, burn: false });
 *   store.get(id)?.content
 *   store.remove(id, 'deleted', new Date().toISOString());
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Author } from './author.js';
import { ftsQuery } from './search.js';

export type GoneReason = 'deleted' | 'expired' | 'burnt';

/** A paste without its content, for lists. */
export interface PasteSummary {
  id: string;
  createdAt: string;
  expiresAt: string | null;
  filename: string;
  language: string;
  size: number;
  unlisted: boolean;
  burn: boolean;
  /** The node it was pasted from. */
  node: string;
  author: Author;
}

export interface StoredPaste extends PasteSummary {
  content: string;
}

export interface NewPaste {
  id: string;
  createdAt: string;
  expiresAt: string | null;
  author: Author;
  filename: string;
  language: string;
  content: string;
  unlisted: boolean;
  burn: boolean;
}

export interface Page {
  limit: number;
  offset: number;
  /** Only pastes that have not expired at this instant (RFC 3339). */
  now: string;
}

/** A search query FTS5 cannot parse (the message says where). */
export class SearchSyntaxError extends Error {
  override name = 'SearchSyntaxError';
}

interface Row {
  id: string;
  created_at: string;
  expires_at: string | null;
  filename: string;
  language: string;
  size: number;
  unlisted: number;
  burn: number;
  node: string;
  author: string;
  login: string;
  display_name: string;
  author_node: string;
  tags: string;
  profile_pic_url: string;
  content?: string;
}

const SUMMARY_COLUMNS = `p.id, p.created_at, p.expires_at, p.filename, p.language, p.size, p.unlisted, p.burn, p.node, p.author,
  a.login, a.display_name, a.node AS author_node, a.tags, a.profile_pic_url`;
const LIVE = '(p.expires_at IS NULL OR p.expires_at > @now)';
/** How many opened pastes' summaries are kept (about half a KiB each). */
const OPENED_CACHE = 1024;

function toSummary(r: Row): PasteSummary {
  return {
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    filename: r.filename,
    language: r.language,
    size: r.size,
    unlisted: r.unlisted === 1,
    burn: r.burn === 1,
    node: r.node,
    author: { key: r.author, login: r.login, displayName: r.display_name, node: r.author_node, tags: r.tags ? r.tags.split(' ') : [], profilePicURL: r.profile_pic_url },
  };
}

export class PasteStore {
  private readonly s: Record<
    'upsertAuthor' | 'insert' | 'get' | 'meta' | 'content' | 'gone' | 'del' | 'bury' | 'unbury' | 'listed' | 'everything' | 'byAuthor' | 'search' | 'searchByAuthor' | 'expired' | 'count' | 'dataVersion',
    Statement
  >;

  /** The author profiles last written, so an unchanged one is not written again with every paste. */
  private readonly authors = new Map<string, string>();

  /**
   * Summaries of recently opened pastes. A paste never changes once stored, so an entry only
   * goes when the paste is removed or an author's profile changes, here, or when another
   * connection (another process on the same data directory) commits anything, which SQLite's
   * `data_version` tells for a fraction of a lookup's cost (measured: the lookup was a fifth of a
   * cached page view's cost).
   */
  private readonly opened = new Map<string, PasteSummary>();
  private openedAt = -1;

  constructor(private readonly db: Database) {
    db.pragma('secure_delete = ON');
    // When a write starts the WAL over, cut it back to that write: old page images go with it.
    db.pragma('journal_size_limit = 0');
    const prepare = (sql: string) => db.prepare(sql);
    this.s = {
      upsertAuthor: prepare(`INSERT INTO authors (key, login, display_name, node, tags, profile_pic_url) VALUES (@key, @login, @displayName, @node, @tags, @profilePicURL)
        ON CONFLICT (key) DO UPDATE SET login = excluded.login, display_name = excluded.display_name, node = excluded.node, tags = excluded.tags, profile_pic_url = excluded.profile_pic_url`),
      insert: prepare(`INSERT INTO pastes (id, created_at, expires_at, author, node, filename, language, size, unlisted, burn, content)
        VALUES (@id, @createdAt, @expiresAt, @author, @node, @filename, @language, @size, @unlisted, @burn, @content)`),
      get: prepare(`SELECT ${SUMMARY_COLUMNS}, p.content FROM pastes p JOIN authors a ON a.key = p.author WHERE p.id = ?`),
      meta: prepare(`SELECT ${SUMMARY_COLUMNS} FROM pastes p JOIN authors a ON a.key = p.author WHERE p.id = ?`),
      content: prepare('SELECT content FROM pastes WHERE id = ?').pluck(),
      gone: prepare('SELECT reason, at FROM gone WHERE id = ?'),
      del: prepare('DELETE FROM pastes WHERE id = ?'),
      bury: prepare('INSERT OR REPLACE INTO gone (id, reason, at) VALUES (?, ?, ?)'),
      unbury: prepare('DELETE FROM gone WHERE id = ?'),
      listed: prepare(`SELECT ${SUMMARY_COLUMNS} FROM pastes p JOIN authors a ON a.key = p.author
        WHERE p.unlisted = 0 AND p.burn = 0 AND ${LIVE} ORDER BY p.seq DESC LIMIT @limit OFFSET @offset`),
      everything: prepare(`SELECT ${SUMMARY_COLUMNS} FROM pastes p JOIN authors a ON a.key = p.author
        WHERE ${LIVE} ORDER BY p.seq DESC LIMIT @limit OFFSET @offset`),
      byAuthor: prepare(`SELECT ${SUMMARY_COLUMNS} FROM pastes p JOIN authors a ON a.key = p.author
        WHERE p.author = @author AND ${LIVE} ORDER BY p.seq DESC LIMIT @limit OFFSET @offset`),
      search: prepare(`SELECT ${SUMMARY_COLUMNS} FROM pastes_fts f JOIN pastes p ON p.seq = f.rowid JOIN authors a ON a.key = p.author
        WHERE pastes_fts MATCH @q AND ${LIVE} ORDER BY bm25(pastes_fts, 5.0, 1.0), p.seq DESC LIMIT @limit OFFSET @offset`),
      searchByAuthor: prepare(`SELECT ${SUMMARY_COLUMNS} FROM pastes_fts f JOIN pastes p ON p.seq = f.rowid JOIN authors a ON a.key = p.author
        WHERE pastes_fts MATCH @q AND p.author = @author AND ${LIVE} ORDER BY bm25(pastes_fts, 5.0, 1.0), p.seq DESC LIMIT @limit OFFSET @offset`),
      expired: prepare('SELECT id FROM pastes WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT 500'),
      count: prepare('SELECT count(*) AS n FROM pastes'),
      dataVersion: prepare('PRAGMA data_version').pluck(),
    };
  }

  /** Stores a new paste (and refreshes its author's profile when it changed). */
  insert(p: NewPaste): void {
    const author = { ...p.author, tags: p.author.tags.join(' ') };
    const profile = JSON.stringify(author);
    this.db.transaction(() => {
      if (this.authors.get(author.key) !== profile) {
        this.s.upsertAuthor.run(author);
        this.opened.clear();
      }
      this.s.insert.run({
        id: p.id,
        createdAt: p.createdAt,
        expiresAt: p.expiresAt,
        author: p.author.key,
        node: p.author.node,
        filename: p.filename,
        language: p.language,
        size: Buffer.byteLength(p.content),
        unlisted: p.unlisted ? 1 : 0,
        burn: p.burn ? 1 : 0,
        content: p.content,
      });
    })();
    if (this.authors.size > 10_000) this.authors.clear();
    this.authors.set(author.key, profile);
  }

  /** A paste with its content. */
  get(id: string): StoredPaste | undefined {
    const r = this.s.get.get(id) as Row | undefined;
    return r ? { ...toSummary(r), content: r.content ?? '' } : undefined;
  }

  /**
   * A paste whose content is read on first use: a page served from the render cache never needs
   * it, and reading it is most of the cost of a lookup. (Removed meanwhile, it reads as empty.)
   */
  open(id: string): StoredPaste | undefined {
    const version = this.s.dataVersion.get() as number;
    if (version !== this.openedAt) {
      this.opened.clear();
      this.openedAt = version;
    }
    let summary = this.opened.get(id);
    if (!summary) {
      const r = this.s.meta.get(id) as Row | undefined;
      if (!r) return undefined;
      summary = toSummary(r);
      if (this.opened.size >= OPENED_CACHE) this.opened.delete(this.opened.keys().next().value as string);
      this.opened.set(id, summary);
    }
    const read = this.s.content;
    let content: string | undefined;
    const copy: PasteSummary = { ...summary, author: { ...summary.author, tags: [...summary.author.tags] } };
    return Object.defineProperty(copy, 'content', {
      enumerable: true,
      get: () => {
        content ??= (read.get(id) as string | undefined) ?? '';
        return content;
      },
    }) as StoredPaste;
  }

  /** Why a paste is gone, if it once existed. */
  gone(id: string): { reason: GoneReason; at: string } | undefined {
    return this.s.gone.get(id) as { reason: GoneReason; at: string } | undefined;
  }

  /** Removes pastes for good (leaving a tombstone each); returns how many existed. */
  remove(ids: readonly string[], reason: GoneReason, at: string): number {
    const removed = this.db.transaction(() => {
      const out: string[] = [];
      for (const id of ids) {
        this.opened.delete(id);
        if (this.s.del.run(id).changes === 0) continue;
        this.s.bury.run(id, reason, at);
        out.push(id);
      }
      return out;
    })();
    if (removed.length > 0) this.scrub(removed[0] as string);
    return removed.length;
  }

  /** Reads and removes a paste in one transaction: only one caller ever gets a burnt paste. */
  take(id: string, reason: GoneReason, at: string): StoredPaste | undefined {
    this.opened.delete(id);
    const p = this.db.transaction(() => {
      const found = this.get(id);
      if (found) {
        this.s.del.run(id);
        this.s.bury.run(id, reason, at);
      }
      return found;
    })();
    if (p) this.scrub(id);
    return p;
  }

  /** Listed pastes (or every paste, for admins), newest first. */
  list(page: Page, includeUnlisted = false): PasteSummary[] {
    return (this.s[includeUnlisted ? 'everything' : 'listed'].all(page) as Row[]).map(toSummary);
  }

  /** One author's pastes (listed or not), newest first. */
  byAuthor(author: string, page: Page): PasteSummary[] {
    return (this.s.byAuthor.all({ ...page, author }) as Row[]).map(toSummary);
  }

  /**
   * Full-text search over listed pastes (see search.ts for the syntax), optionally one author's.
   * Throws SearchSyntaxError when the query does not parse.
   */
  search(input: string, page: Page, author?: string): PasteSummary[] {
    const q = ftsQuery(input);
    try {
      const rows = author === undefined ? this.s.search.all({ ...page, q }) : this.s.searchByAuthor.all({ ...page, q, author });
      return (rows as Row[]).map(toSummary);
    } catch (err) {
      // The statements are prepared, so an error here comes from the MATCH expression.
      if ((err as { code?: string }).code === 'SQLITE_ERROR') throw new SearchSyntaxError((err as Error).message.replace(/^fts5: /, ''));
      throw err;
    }
  }

  /** Ids of pastes expired at `now` (at most 500 at a time). */
  expiredIds(now: string): string[] {
    return (this.s.expired.all(now) as Array<{ id: string }>).map((r) => r.id);
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }

  /**
   * Writes a tombstone again, unchanged: the small write that starts the WAL over. Deleted and
   * inserted, because SQLite writes no page for an update (or a replace) that changes no byte.
   */
  private rewriteTombstone(id: string): void {
    this.db.transaction(() => {
      const t = this.gone(id);
      if (!t) return;
      this.s.unbury.run(id);
      this.s.bury.run(id, t.reason, t.at);
    })();
  }

  /** Moves the zeroed pages into the database file, and the old page images out of the WAL (see the module comment). */
  private scrub(tombstone: string): void {
    const [r] = this.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (r?.busy === 0 && r.log === r.checkpointed) this.rewriteTombstone(tombstone);
  }
}
