/**
 * The app's objects as the pages' view models (views/paste/models.ts): the page context of a
 * viewer, and a stored paste as a list row, a recent paste or the paste a view page shows. Only
 * what a page shows is copied: author tags, profile pictures and content stay behind.
 *
 * @example
 *   ListPage({ ctx: pageCtxOf('paste', caller, service.permissions(caller)), rows: result.rows.map(listedPaste), … })
 */
import type { ListedPaste, PageCtx, PasteMeta, ViewedPaste } from '../../../../views/paste/models.js';
import type { Caller } from '../../../platform/identity.js';
import { canListOwn, type Permissions } from '../access.js';
import type { PasteSummary } from '../store.js';

/** The page context for `caller`, who holds `perms` (none for an anonymous caller). */
export function pageCtxOf(brand: string, caller: Caller, perms: Permissions | undefined): PageCtx {
  if (caller.kind === 'anonymous' || !perms) return { brand, canCreate: false, canListAll: false, canListOwn: false };
  return { brand, viewer: caller.displayName || caller.login, canCreate: perms.write, canListAll: perms.listAll, canListOwn: canListOwn(perms) };
}

export function pasteMeta(p: PasteSummary): PasteMeta {
  return { id: p.id, filename: p.filename, createdAt: p.createdAt, expiresAt: p.expiresAt, size: p.size, unlisted: p.unlisted, burn: p.burn };
}

export function listedPaste(p: PasteSummary): ListedPaste {
  return { ...pasteMeta(p), language: p.language, author: { displayName: p.author.displayName, login: p.author.login } };
}

/** A paste for its view page; `author` as this viewer may see it (undefined: hidden). */
export function viewedPaste(p: PasteSummary, author: ViewedPaste['author']): ViewedPaste {
  return { ...pasteMeta(p), language: p.language, author };
}
