/**
 * What go/ links does, apart from HTTP. `LinksService` (here): save (create or update, in
 * golink's order of checks), edit with rename, soft delete and restore, import, and the reads
 * the pages need; `resolver.ts`: where links lead (a visit to go/name, the hot path, and alias
 * chains); `listing.ts`: listings and search. Every write is checked against what the caller may
 * do (access.ts), kept in the link's history (store.ts) and in the audit log, and fails with a
 * LinkError carrying golink's status and text (errors.ts). The routes (routes/) and the CLI
 * (cli.ts) call it; it knows nothing of requests, responses or pages.
 *
 * As in golink, a write is refused before its body is read: a route calls `writable()` (read-only
 * mode) and, for an existing link, `changeable()` (it exists, and the caller may change it)
 * first, then reads the fields and hands them over.
 *
 * @example
 *   const links = new LinksService({ store, stats, audit, config });
 *   links.save(actor, { short: 'docs', long: 'https://docs.example/' }) // { link, created: true }
 *   links.remove(actor, 'docs') // the link, now soft-deleted
 */
import type { AuditSink } from '../../../platform/app.js';
import { recordDone } from '../../../platform/audit.js';
import { type Actor, canEdit, resolveOwner, userExists } from '../access.js';
import type { LinksConfig } from '../config.js';
import { type LinkFields, validateLink } from '../destination.js';
import { ADMIN_ONLY_MESSAGE, InputError, LinkError, NOT_FOUND_MESSAGE, READONLY_MESSAGE, UNKNOWN_USER_MESSAGE } from '../errors.js';
import { exportSnapshot, type ImportReport, importLinks, type MergePolicy, parseSnapshot } from '../snapshot.js';
import type { ClickStats, PopularWindow } from '../stats.js';
import type { HistoryEntry, LinkStore, StoredLink } from '../store.js';
import { type ListPage, listLinks } from './listing.js';

export { type ListPage, PAGE_SIZE, parseSearch } from './listing.js';
export { LinkResolver, type ResolverDeps, resolveIn, type Visit } from './resolver.js';

export interface ServiceDeps {
  store: LinkStore;
  stats: ClickStats;
  audit: AuditSink;
  config: Pick<LinksConfig, 'readonly' | 'allowUnknownUsers'>;
}

/** What a save did: stored the link, or found one under the name and left it (`keepExisting`). */
export type SaveOutcome = { link: StoredLink; created: boolean } | { existing: StoredLink };

/**
 * The fields an edit stores: those sent, the link's own for the others (an empty name keeps it).
 *
 * @example editedFields(link, { long: 'https://new.example/' }) // { short: link.short, long: 'https://new.example/', … }
 */
export function editedFields(current: StoredLink, sent: Partial<Record<keyof LinkFields, string>>): Required<LinkFields> {
  return {
    short: sent.short || current.short,
    long: sent.long ?? current.long,
    description: sent.description ?? current.description,
    owner: sent.owner ?? current.owner,
  };
}

/** Who an import is recorded as in the audit log, and what to say if that record fails. */
export interface ImportAudit {
  sink: AuditSink;
  actor: string;
  /** How it came in when not over HTTP (`cli`). */
  via?: string;
  /** What was done, for the error when the audit entry cannot be written. */
  done: string;
}

/**
 * Records an import (not a dry run) in the audit log: the one entry both `POST /.import` and
 * `tailyard links import` write. Throws AuditLogError, naming `done`, when it cannot be written.
 *
 * @example recordImport({ sink, actor: 'root', via: 'cli', done: 'the import of links.jsonl is done' }, 'skip', report)
 */
export function recordImport(audit: ImportAudit, policy: MergePolicy, report: ImportReport): void {
  const event = { action: 'links.import', actor: audit.actor, ...(audit.via ? { via: audit.via } : {}), policy };
  recordDone(audit.sink, audit.done, { ...event, added: report.added.length, updated: report.updated.length });
}

/** The merge policy named by a request; anything else is a 400. */
export function mergePolicy(name: string): MergePolicy {
  if (name === 'skip' || name === 'overwrite') return name;
  throw new InputError(400, `policy must be "skip" or "overwrite", not "${name}"`);
}

export class LinksService {
  constructor(private readonly d: ServiceDeps) {}

  get readonly(): boolean {
    return this.d.config.readonly;
  }

  /** Refuses every write in read-only mode (405). */
  writable(): void {
    if (this.d.config.readonly) throw new LinkError(405, READONLY_MESSAGE);
  }

  /**
   * The link `short` names, which `actor` may change (golink's checks, in its order): 404 when
   * there is none (a deleted one counts only for `restore`), 403 for a caller without a login
   * (unless unknown users are allowed) or one `canEdit` refuses.
   */
  changeable(actor: Actor, short: string, verb: 'update' | 'delete' | 'restore'): StoredLink {
    const link = verb === 'restore' ? this.d.store.get(short) : this.d.store.getLive(short);
    if (!link) throw new LinkError(404, NOT_FOUND_MESSAGE);
    this.identified(actor);
    if (!canEdit(link, actor, false)) throw new LinkError(403, `cannot ${verb} link owned by "${link.owner}"`);
    return link;
  }

  /**
   * golink's `serveSave` (reference §A.1.1): creates the link or updates the one of that name,
   * in golink's order of checks. With `keepExisting` (a browser's create form) an existing link
   * is left as it is and returned as `existing`.
   */
  save(actor: Actor, fields: LinkFields, options: { keepExisting?: boolean } = {}): SaveOutcome {
    this.writable();
    valid(fields);
    this.identified(actor);
    const existing = this.d.store.getLive(fields.short);
    if (!canEdit(existing, actor, false)) throw new LinkError(403, `cannot update link owned by "${existing?.owner}"`);
    if (existing && options.keepExisting) return { existing };
    const owner = ownerFor(fields.owner ?? '', actor);
    const saved = this.d.store.save({ short: fields.short, long: fields.long, owner, description: fields.description }, actor.login);
    this.record(saved.created ? 'create' : 'update', actor, saved.link);
    return saved;
  }

  /** Edits (and renames, when the name has another id) `current`, a link from `changeable`. */
  edit(actor: Actor, current: StoredLink, fields: Required<LinkFields>): StoredLink {
    this.writable();
    valid(fields);
    const owner = ownerFor(fields.owner, actor);
    // Stats rows move with a rename: the clicks still in memory must be written first.
    this.d.stats.flush();
    const link = this.d.store.edit(current, { ...fields, owner }, actor.login);
    const renamed = link.id !== current.id;
    this.record(renamed ? 'rename' : 'update', actor, link, renamed ? { from: current.short } : {});
    return link;
  }

  /** Soft-deletes a live link; it keeps its history and can be restored. */
  remove(actor: Actor, short: string): StoredLink {
    this.writable();
    const link = this.changeable(actor, short, 'delete');
    this.d.stats.flush();
    this.d.store.softDelete(link, actor.login);
    this.record('delete', actor, link);
    return link;
  }

  /** Brings a soft-deleted link back (409 when it is not deleted). */
  restore(actor: Actor, short: string): StoredLink {
    this.writable();
    const link = this.changeable(actor, short, 'restore');
    if (link.deletedAt === null) throw new LinkError(409, `go/${link.short} is not deleted`);
    this.d.store.restore(link, actor.login);
    this.record('restore', actor, link);
    return { ...link, deletedAt: null, deletedBy: '' };
  }

  /** Refuses an import before its body is read: read-only mode (405), or a caller who is not admin (403). */
  importer(actor: Actor): void {
    this.writable();
    if (!actor.admin) throw new LinkError(403, ADMIN_ONLY_MESSAGE);
  }

  /** Imports a golink export (the whole file is checked before anything is written). */
  import(actor: Actor, text: string, options: { policy: string; dryRun: boolean }): ImportReport {
    this.importer(actor);
    const policy = mergePolicy(options.policy);
    const links = parseSnapshot(text, 'import');
    const report = importLinks(this.d.store, links, { policy, actor: actor.login, dryRun: options.dryRun });
    if (!options.dryRun) recordImport({ sink: this.d.audit, actor: actor.login, done: 'the import is done' }, policy, report);
    return report;
  }

  /** A link by any spelling, live or deleted. */
  find(short: string): StoredLink | undefined {
    return this.d.store.get(short);
  }

  /** Whether `actor` may change `link` (false in read-only mode). */
  canEdit(link: StoredLink, actor: Actor): boolean {
    return canEdit(link, actor, this.d.config.readonly);
  }

  /** Whether an editor would take `link` over (its owner has left), so the form offers them as owner. */
  takesOver(link: StoredLink, actor: Actor): boolean {
    return this.canEdit(link, actor) && !userExists(link.owner) && actor.login !== '';
  }

  history(id: string): HistoryEntry[] {
    return this.d.store.history(id);
  }

  clicksOf(id: string): number {
    return this.d.stats.clicksOf(id);
  }

  popular(window: PopularWindow): ReturnType<ClickStats['popular']> {
    return this.d.stats.popular(window);
  }

  /** Page `page` of every live link, or of those matching `q` (free text and `owner:`). */
  list(q: string, page: number): ListPage {
    return listLinks(this.d.store, this.d.stats, q, page);
  }

  /** golink's `/.export`: every live link as JSON Lines, after writing pending clicks. */
  exportLinks(): string {
    this.d.stats.flush();
    return exportSnapshot(this.d.store);
  }

  /** golink's `/.export-stats` CSV. */
  exportStats(): string {
    return this.d.stats.exportCsv();
  }

  /** Refuses callers without a login unless unknown users may write (403). */
  private identified(actor: Actor): void {
    if (actor.login === '' && !this.d.config.allowUnknownUsers) throw new LinkError(403, UNKNOWN_USER_MESSAGE);
  }

  private record(action: string, actor: Actor, link: StoredLink, extra: Record<string, unknown> = {}): void {
    this.d.audit.append({ action: `link.${action}`, actor: actor.login, short: link.short, long: link.long, owner: link.owner, ...extra });
  }
}

/** Throws the InputError of a link `validateLink` refuses (400, or 413 for an oversized field). */
function valid(fields: LinkFields): void {
  const problem = validateLink(fields);
  if (problem) throw new InputError(problem.status, problem.message);
}

/** The owner to store for a requested one (empty: the actor), or a 400. */
function ownerFor(requested: string, actor: Actor): string {
  const owner = resolveOwner(requested, actor);
  if ('error' in owner) throw new InputError(400, owner.error);
  return owner.owner;
}

