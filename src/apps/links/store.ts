/**
 * The links database: links keyed by golink's normalised id, their edit history, click stats and
 * a full-text index, all in the app's own SQLite file.
 *
 * Every statement is prepared once. The redirect path's lookups are cached in memory (bounded);
 * the cache is dropped on every write through this store, and when SQLite's `data_version` shows
 * another connection wrote (the `tailyard links import` CLI on the same file), checked at most
 * once a second. Deletes are soft: a deleted link keeps its row (and history) until it is
 * recreated, and can be restored.
 *
 * @example
 *   const store = new LinkStore(db);
 *   store.save({ short: 'docs', long: 'https://docs.example/', owner: 'amy@example.com' }, 'amy@example.com');
 *   store.lookup('Docs') // { id: 'docs', short: 'docs', long: 'https://docs.example/' }
 */
import type { Database, Statement } from 'better-sqlite3';
import { NameTakenError } from './errors.js';
import { type Link, nowSeconds } from './link.js';
import { linkID } from './resolve.js';

/** A link row, including soft-deleted ones. */
export interface StoredLink extends Link {
  id: string;
  /** Unix seconds of the soft delete, or null for a live link. */
  deletedAt: number | null;
  deletedBy: string;
}

export type HistoryAction = 'create' | 'update' | 'rename' | 'delete' | 'restore' | 'import';

/** One change: who did what, and the link as it was afterwards. */
export interface HistoryEntry {
  at: number;
  actor: string;
  action: HistoryAction;
  short: string;
  long: string;
  description: string;
  owner: string;
}

/** What a save changes; `description` undefined keeps the stored one. */
export interface LinkInput {
  short: string;
  long: string;
  owner: string;
  description?: string;
}

interface Row {
  id: string;
  short: string;
  long: string;
  description: string;
  created: number;
  last_edit: number;
  owner: string;
  deleted_at: number | null;
  deleted_by: string;
}

const fromRow = (r: Row): StoredLink => ({
  id: r.id,
  short: r.short,
  long: r.long,
  description: r.description,
  created: r.created,
  lastEdit: r.last_edit,
  owner: r.owner,
  deletedAt: r.deleted_at,
  deletedBy: r.deleted_by,
});

/**
 * Turns free text into an FTS5 query: every word must match as a prefix. Control characters
 * separate words like spaces (FTS5 reads a NUL as the end of the query).
 *
 * @example ftsQuery('git hub"') // '"git"* "hub"*'
 */
export function ftsQuery(text: string): string {
  return text
    .split(/[\s\x00-\x1f\x7f]+/)
    .map((w) => w.replaceAll('"', ''))
    .filter((w) => w !== '')
    .map((w) => `"${w}"*`)
    .join(' ');
}

/** A live link as the redirect path needs it. */
export interface LookupHit {
  id: string;
  short: string;
  long: string;
}

/** Most lookups cached; beyond this the cache starts over. */
const MAX_CACHED = 50_000;

export class LinkStore {
  private readonly cache = new Map<string, LookupHit>();
  private cacheVersion = -1;
  private checkedAt = 0;
  private readonly dataVersion: Statement;
  private readonly s: Record<
    | 'lookup' | 'get' | 'all' | 'byOwner' | 'search' | 'searchOwner' | 'count' | 'names' | 'insert' | 'update' | 'rename'
    | 'renameHistory' | 'moveStats' | 'softDelete' | 'restore' | 'history' | 'addHistory' | 'deleteStats',
    Statement
  >;

  constructor(private readonly db: Database) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    const live = 'deleted_at IS NULL';
    const search = `SELECT * FROM links WHERE ${live} AND (rowid IN (SELECT rowid FROM links_fts WHERE links_fts MATCH @q) OR id LIKE @id ESCAPE '\\')`;
    this.s = {
      lookup: db.prepare(`SELECT id, short, long FROM links WHERE id = ? AND ${live}`),
      get: db.prepare('SELECT * FROM links WHERE id = ?'),
      all: db.prepare(`SELECT * FROM links WHERE ${live} ORDER BY short`),
      byOwner: db.prepare(`SELECT * FROM links WHERE ${live} AND lower(owner) = lower(?) ORDER BY short`),
      search: db.prepare(`${search} ORDER BY short`),
      searchOwner: db.prepare(`${search} AND lower(owner) = lower(@owner) ORDER BY short`),
      count: db.prepare(`SELECT count(*) FROM links WHERE ${live}`).pluck(),
      names: db.prepare(`SELECT short FROM links WHERE ${live}`).pluck(),
      insert: db.prepare(
        `INSERT INTO links (id, short, long, description, created, last_edit, owner) VALUES (@id, @short, @long, @description, @created, @lastEdit, @owner)
         ON CONFLICT (id) DO UPDATE SET short = excluded.short, long = excluded.long, description = excluded.description,
           created = excluded.created, last_edit = excluded.last_edit, owner = excluded.owner, deleted_at = NULL, deleted_by = ''`,
      ),
      update: db.prepare('UPDATE links SET short = @short, long = @long, description = @description, last_edit = @lastEdit, owner = @owner WHERE id = @id'),
      rename: db.prepare('UPDATE links SET id = @newId WHERE id = @id'),
      renameHistory: db.prepare('UPDATE history SET id = @newId WHERE id = @id'),
      moveStats: db.prepare('UPDATE stats SET id = @newId WHERE id = @id'),
      softDelete: db.prepare(`UPDATE links SET deleted_at = ?, deleted_by = ? WHERE id = ? AND ${live}`),
      restore: db.prepare("UPDATE links SET deleted_at = NULL, deleted_by = '' WHERE id = ? AND deleted_at IS NOT NULL"),
      history: db.prepare('SELECT at, actor, action, short, long, description, owner FROM history WHERE id = ? ORDER BY seq DESC LIMIT ?'),
      addHistory: db.prepare(
        'INSERT INTO history (id, at, actor, action, short, long, description, owner) VALUES (@id, @at, @actor, @action, @short, @long, @description, @owner)',
      ),
      deleteStats: db.prepare('DELETE FROM stats WHERE id = ?'),
    };
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    this.cache.clear();
    return this.db.transaction(fn)();
  }

  /**
   * The hot path: a live link's spelling and destination by any spelling of its name.
   *
   * @example store.lookup('meeting-notes') // { id: 'meetingnotes', short: 'MeetingNotes', long: 'https://…' }
   */
  lookup(short: string): LookupHit | undefined {
    const now = Date.now();
    if (now - this.checkedAt >= 1000) {
      this.checkedAt = now;
      const v = this.dataVersion.get() as number;
      if (v !== this.cacheVersion) {
        this.cache.clear();
        this.cacheVersion = v;
      }
    }
    const id = linkID(short);
    let hit = this.cache.get(id);
    if (!hit) {
      hit = this.s.lookup.get(id) as LookupHit | undefined;
      if (hit) {
        if (this.cache.size >= MAX_CACHED) this.cache.clear();
        this.cache.set(id, hit);
      }
    }
    return hit;
  }

  /** A link by any spelling, live or deleted. */
  get(short: string): StoredLink | undefined {
    const r = this.s.get.get(linkID(short)) as Row | undefined;
    return r && fromRow(r);
  }

  /** A live link by any spelling. */
  getLive(short: string): StoredLink | undefined {
    const l = this.get(short);
    return l && l.deletedAt === null ? l : undefined;
  }

  /** Every live link, sorted by `Short` in byte order (as golink's `/.all` and `/.export`). */
  all(): StoredLink[] {
    return (this.s.all.all() as Row[]).map(fromRow);
  }

  /** Live links owned by `owner` (case-insensitive, as golink's `GetLinksByOwner`). */
  byOwner(owner: string): StoredLink[] {
    return (this.s.byOwner.all(owner) as Row[]).map(fromRow);
  }

  /**
   * Full-text search over name, destination, description and owner (word prefixes), plus names
   * that start with the normalised text; optionally only links of `owner`.
   */
  search(text: string, owner?: string): StoredLink[] {
    const q = ftsQuery(text);
    if (q === '') return owner === undefined ? this.all() : this.byOwner(owner);
    const id = `${linkID(text.trim()).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const rows = owner === undefined ? this.s.search.all({ q, id }) : this.s.searchOwner.all({ q, id, owner });
    return (rows as Row[]).map(fromRow);
  }

  count(): number {
    return this.s.count.get() as number;
  }

  /** The names of every live link (for "did you mean"). */
  names(): string[] {
    return this.s.names.all() as string[];
  }

  /**
   * golink's save: creates the link, or updates the one with the same id (a soft-deleted one is
   * replaced by a new link). `created` and `lastEdit` default to now. Returns the stored link and
   * whether it is new.
   */
  save(input: LinkInput & { created?: number; lastEdit?: number }, actor: string, action?: HistoryAction): { link: StoredLink; created: boolean } {
    return this.transaction(() => {
      const id = linkID(input.short);
      const old = this.get(input.short);
      const now = nowSeconds();
      const isNew = !old || old.deletedAt !== null;
      const link: StoredLink = {
        id,
        short: input.short,
        long: input.long,
        description: input.description ?? (isNew ? '' : (old?.description ?? '')),
        created: input.created ?? (isNew ? now : (old?.created ?? now)),
        lastEdit: input.lastEdit ?? now,
        owner: input.owner,
        deletedAt: null,
        deletedBy: '',
      };
      if (old && old.deletedAt !== null) this.s.deleteStats.run(id);
      this.s.insert.run(link);
      this.record(link, actor, action ?? (isNew ? 'create' : 'update'));
      return { link, created: isNew };
    });
  }

  /**
   * Edits a live link, renaming it when `input.short` has another id (history and stats move
   * with it). Throws NameTakenError when the new name belongs to another link, live or deleted.
   */
  edit(current: StoredLink, input: LinkInput, actor: string): StoredLink {
    return this.transaction(() => {
      const newId = linkID(input.short);
      const renamed = newId !== current.id;
      if (renamed) {
        if (this.s.get.get(newId)) throw new NameTakenError(`go/${input.short} already exists (it may be deleted: restore it or pick another name)`);
        this.s.rename.run({ id: current.id, newId });
        this.s.renameHistory.run({ id: current.id, newId });
        this.s.moveStats.run({ id: current.id, newId });
      }
      const link: StoredLink = {
        ...current,
        id: newId,
        short: input.short,
        long: input.long,
        owner: input.owner,
        description: input.description ?? current.description,
        lastEdit: nowSeconds(),
      };
      this.s.update.run(link);
      this.record(link, actor, renamed || input.short !== current.short ? 'rename' : 'update');
      return link;
    });
  }

  /** Soft-deletes a live link; false when there is none. */
  softDelete(link: StoredLink, actor: string): boolean {
    return this.transaction(() => {
      if (this.s.softDelete.run(nowSeconds(), actor, link.id).changes !== 1) return false;
      this.record(link, actor, 'delete');
      return true;
    });
  }

  /** Restores a soft-deleted link; false when it is not deleted. */
  restore(link: StoredLink, actor: string): boolean {
    return this.transaction(() => {
      if (this.s.restore.run(link.id).changes !== 1) return false;
      this.record(link, actor, 'restore');
      return true;
    });
  }

  /** The latest changes to a link, newest first. */
  history(id: string, limit = 100): HistoryEntry[] {
    return this.s.history.all(id, limit) as HistoryEntry[];
  }

  private record(link: Link & { id: string }, actor: string, action: HistoryAction): void {
    this.s.addHistory.run({
      id: link.id,
      at: nowSeconds(),
      actor,
      action,
      short: link.short,
      long: link.long,
      description: link.description,
      owner: link.owner,
    });
  }
}
