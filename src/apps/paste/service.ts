/**
 * What the paste routes do, independent of HTTP: create, open (with the expiry and
 * burn-after-reading rules), reveal, delete, list and search, each checked against the caller's
 * permissions (access.ts) and failing with a PasteError (errors.ts).
 *
 * Rendered HTML is cached per paste, view and renderer version (render-cache.ts) and dropped
 * whenever a paste is removed. Expired pastes are removed by `sweep()`, which the platform runs
 * on a schedule (routes/index.ts), and also the moment anyone opens one. No HTTP here: the
 * routes parse requests, call this, and present the result.
 *
 * @example
 *   const paste = service.create(caller, { content: 'hi', filename: 'a.txt' });
 *   const { paste: p, needsReveal } = service.open(viewer, paste.id);
 */
import type { Logger } from 'pino';
import type { Caller } from '../../platform/identity.js';
import { capValues } from '../../platform/identity.js';
import { formatBytes } from '../../platform/middleware.js';
import { lastPage } from '../../platform/page-number.js';
import { authorOf, ownerKey } from './author.js';
import type { PasteConfig } from './config.js';
import { PasteError } from './errors.js';
import { cleanFilename } from './filename.js';
import { isPasteId, newPasteId } from './ids.js';
import { isMarkup } from './kinds.js';
import { expiresAt, isExpired, resolveLifetime } from './lifetime.js';
import { canDelete, canListOwn, canRead, PasteGrant, type Permissions, permissionsFor } from './access.js';
import type { RateLimiter } from '../../platform/ratelimit.js';
import type { RenderCache } from './render-cache.js';
import type { Renderers } from './renderers.js';
import type { GoneReason, PasteStore, PasteSummary, StoredPaste } from './store.js';

/** Rows per list page (tclip's). */
export const PAGE_SIZE = 25;

export interface CreateInput {
  content: string;
  filename?: string;
  /** The uploaded file's name when the content came as a file part. */
  contentFileName?: string;
  expires?: string;
  unlisted?: boolean;
  burn?: boolean;
  /** A language to show it in instead of the detected one. */
  language?: string;
}

export interface OpenedPaste {
  paste: StoredPaste;
  own: boolean;
  canDelete: boolean;
  /** Burn-after-reading and not the author's: the content is only handed out by `reveal`. */
  needsReveal: boolean;
}

/** Who pasted a paste, as a viewer may see it. */
export interface VisibleAuthor {
  displayName: string;
  login: string;
  /** The node it was pasted from. */
  node: string;
}

export interface ListQuery {
  scope: 'all' | 'mine';
  q?: string;
  page: number;
}

export interface ListResult {
  rows: PasteSummary[];
  page: number;
  hasNext: boolean;
}

export interface ServiceOptions {
  store: PasteStore;
  config: PasteConfig;
  capName: string;
  log: Pick<Logger, 'warn' | 'info'>;
  limiter: RateLimiter;
  cache: RenderCache;
  /** The (lazily loaded) highlighters and renderers. */
  renderers: () => Promise<Renderers>;
  now?: () => Date;
}

const GONE_WORDS: Readonly<Record<GoneReason, string>> = { deleted: 'this paste was deleted', expired: 'this paste expired', burnt: 'this paste was burnt after reading' };

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export class PasteService {
  private readonly now: () => Date;
  private readonly perms = new WeakMap<Caller, Permissions>();

  constructor(private readonly o: ServiceOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /**
   * The caller's permissions, from its grants as the tailnet reports them now. Callers are
   * immutable and a new WhoIs answer is a new Caller, so they are worked out once per Caller.
   */
  permissions(caller: Caller): Permissions {
    let p = this.perms.get(caller);
    if (!p) {
      const grants = caller.kind === 'anonymous' ? [] : capValues(caller, this.o.capName, PasteGrant, this.o.log);
      p = permissionsFor(caller.kind, grants, this.o.config.policy);
      this.perms.set(caller, p);
    }
    return p;
  }

  /** Creates a paste; throws forbidden, bad-request, too-large or rate-limited. */
  async create(caller: Caller, input: CreateInput): Promise<StoredPaste> {
    const author = authorOf(caller);
    if (!author) throw new PasteError('anonymous');
    if (!this.permissions(caller).write) throw new PasteError('forbidden', `creating pastes needs the grant {"user": {"write": true}} on ${this.o.capName}`);
    const size = Buffer.byteLength(input.content);
    if (size > this.o.config.maxBytes) throw new PasteError('too-large', `the paste is ${size} bytes; the limit is ${formatBytes(this.o.config.maxBytes)}`);
    const filename = cleanFilename(input.filename?.trim() ? input.filename : input.contentFileName);
    const lifetime = resolveLifetime(input.expires, { default: this.o.config.defaultExpiry, max: this.o.config.maxExpiry });
    const r = await this.o.renderers();
    if (input.language && !r.isKnownLanguage(input.language)) throw new PasteError('bad-request', `unknown language "${input.language}"`);
    const taken = this.o.limiter.take(author.key);
    if (!taken.ok) {
      throw new PasteError('rate-limited', `try again in ${taken.retryAfterSeconds} s`, { 'Retry-After': String(taken.retryAfterSeconds) });
    }
    const now = this.now();
    const paste: StoredPaste = {
      id: newPasteId(),
      createdAt: now.toISOString(),
      expiresAt: expiresAt(lifetime, now),
      author,
      node: author.node,
      filename,
      language: input.language || r.detectLanguage(filename, input.content),
      content: input.content,
      size,
      unlisted: input.unlisted === true,
      burn: input.burn === true,
    };
    this.o.store.insert(paste);
    return paste;
  }

  /** A paste the caller may see; throws not-found, gone or forbidden. Removes it if it has expired. */
  open(caller: Caller, id: string): OpenedPaste {
    // Anything but a UUIDv4 cannot name a paste: no need to ask the database.
    const paste = isPasteId(id) ? this.o.store.open(id) : undefined;
    if (!paste) throw this.missing(id);
    if (isExpired(paste.expiresAt, this.now())) {
      this.removeAll([id], 'expired');
      throw this.missing(id);
    }
    const own = ownerKey(caller) === paste.author.key;
    const perms = this.permissions(caller);
    // Anonymous callers only get here on Funnel, where a paste link is public by design.
    if (caller.kind !== 'anonymous' && !canRead(perms, own)) throw new PasteError('forbidden', `reading this paste needs the grant {"all": {"read": true}} on ${this.o.capName}`);
    return { paste, own, canDelete: canDelete(perms, own), needsReveal: paste.burn && !own };
  }

  /** Hands out a paste's content; a burn-after-reading paste read by someone else is removed. */
  reveal(caller: Caller, id: string): OpenedPaste {
    const opened = this.open(caller, id);
    if (!opened.needsReveal) return opened;
    const paste = this.o.store.take(id, 'burnt', this.now().toISOString());
    if (!paste) throw this.missing(id);
    this.o.cache.drop(id);
    this.o.log.info({ paste: id }, 'paste burnt after reading');
    return { ...opened, paste, canDelete: false };
  }

  /**
   * A paste as the source of a new one ("edit as new"): one the caller may read, and a
   * burn-after-reading paste only once it has been revealed.
   */
  copySource(caller: Caller, id: string): StoredPaste {
    const opened = this.open(caller, id);
    if (opened.needsReveal) throw new PasteError('burn-unrevealed', 'a burn-after-reading paste cannot be copied before it is revealed');
    return opened.paste;
  }

  /** A paste the caller may delete (what a confirmation names); throws not-found, gone or forbidden. */
  deletable(caller: Caller, id: string): StoredPaste {
    if (caller.kind === 'anonymous') throw new PasteError('anonymous');
    const { paste, canDelete: allowed } = this.open(caller, id);
    if (!allowed) throw new PasteError('forbidden', 'only the author of a paste (or an admin) may delete it');
    return paste;
  }

  /** Deletes a paste the caller may delete; throws not-found, gone or forbidden. */
  remove(caller: Caller, id: string): PasteSummary {
    const paste = this.deletable(caller, id);
    this.removeAll([id], 'deleted');
    return paste;
  }

  /** Who pasted it, as `caller` may see it: nobody, for anonymous (Funnel) viewers under `hideFunnelUsers`. */
  visibleAuthor(paste: PasteSummary, caller: Caller): VisibleAuthor | undefined {
    if (caller.kind === 'anonymous' && this.o.config.hideFunnelUsers) return undefined;
    return { displayName: paste.author.displayName, login: paste.author.login, node: paste.node };
  }

  /** A page of pastes: everyone's listed ones (admins: all) or the caller's own, optionally searched. */
  list(caller: Caller, query: ListQuery): ListResult {
    if (caller.kind === 'anonymous') throw new PasteError('anonymous');
    const perms = this.permissions(caller);
    const page = Math.min(lastPage(PAGE_SIZE), Math.max(0, Math.floor(query.page) || 0));
    const window = { limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE, now: this.now().toISOString() };
    const q = query.q?.trim() ?? '';
    let rows: PasteSummary[];
    if (query.scope === 'mine') {
      if (!canListOwn(perms)) throw new PasteError('forbidden', `listing your pastes needs the grant {"user": {"list": true}} on ${this.o.capName}`);
      rows = q ? this.o.store.search(q, window, ownerKey(caller)) : this.o.store.byAuthor(ownerKey(caller), window);
    } else {
      if (!perms.listAll) throw new PasteError('forbidden', `listing everyone's pastes needs the grant {"all": {"list": true}} on ${this.o.capName}`);
      rows = q ? this.o.store.search(q, window) : this.o.store.list(window, perms.admin);
    }
    return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
  }

  /** The caller's newest pastes (for the home page); empty when it may not list them. */
  recent(caller: Caller, n = 5): PasteSummary[] {
    const key = ownerKey(caller);
    if (!key || !canListOwn(this.permissions(caller))) return [];
    return this.o.store.byAuthor(key, { limit: n, offset: 0, now: this.now().toISOString() });
  }

  /**
   * A rendering of paste `id` under the name `view` (the highlighted code, a document, a whole
   * page for one kind of viewer): from the render cache, or built once and kept until the paste
   * is removed.
   */
  async rendered(id: string, view: string, build: (r: Renderers) => string | Buffer | Promise<string | Buffer>): Promise<Buffer> {
    const cached = this.o.cache.get(id, view);
    if (cached !== undefined) return cached;
    const built = await build(await this.o.renderers());
    return this.o.cache.set(id, view, typeof built === 'string' ? Buffer.from(built) : built);
  }

  /** The highlighted code view of a paste in `language` (cached). */
  async code(paste: StoredPaste, language: string): Promise<string> {
    return (await this.rendered(paste.id, `code:${language}`, (r) => r.code(paste.content, language, this.o.config.highlightMaxChars))).toString();
  }

  /** The rendered Markdown or Org document of a paste (cached); undefined for other languages. */
  async document(paste: StoredPaste): Promise<string | undefined> {
    const { language } = paste;
    if (!isMarkup(language)) return undefined;
    return (await this.rendered(paste.id, 'doc', (r) => r.document(language, paste.content))).toString();
  }

  /** Removes every expired paste; returns how many. */
  sweep(): number {
    let total = 0;
    for (;;) {
      const ids = this.o.store.expiredIds(this.now().toISOString());
      if (ids.length === 0) return total;
      total += this.removeAll(ids, 'expired');
    }
  }

  private removeAll(ids: readonly string[], reason: GoneReason): number {
    const n = this.o.store.remove(ids, reason, this.now().toISOString());
    for (const id of ids) this.o.cache.drop(id);
    return n;
  }

  private missing(id: string): PasteError {
    const gone = isPasteId(id) ? this.o.store.gone(id) : undefined;
    return gone ? new PasteError('gone', `${GONE_WORDS[gone.reason]} (${when(gone.at)})`) : new PasteError('not-found', `no paste has the id ${id}`);
  }
}
