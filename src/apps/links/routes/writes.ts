/**
 * The write routes: golink's `POST /` (create or update, its exact order of checks), and beyond
 * golink: edit-with-rename on `POST /.detail/{short}`, soft delete (`/.delete/`, with a browser
 * confirmation page) and restore (`/.restore/`).
 *
 * There are no XSRF tokens: the platform checks Origin / Sec-Fetch-Site on browser form posts,
 * and API clients mark themselves with a `Sec-Golink` header (browsers cannot send `Sec-*`
 * headers), which works on every write here, delete included.
 *
 * @example
 *   registerWrites(app, deps);
 *   // curl -H Sec-Golink:1 -d short=cs -d long=https://cs.github.com/ http://go/
 */
import type { Hono } from 'hono';
import { ConfirmDeletePage, DeletedPage } from '../../../../views/links/delete.js';
import { DetailPage } from '../../../../views/links/detail.js';
import { HomePage, SavedPage } from '../../../../views/links/home.js';
import type { AppEnv } from '../../../platform/app.js';
import { formValues } from '../../../platform/form.js';
import { goJsonEncode } from '../../../platform/go/json.js';
import { bodyLimit, isApiClient } from '../../../platform/middleware.js';
import {
  actor,
  type Ctx,
  FORM_BODY_LIMIT,
  jsonHeaders,
  type LinksDeps,
  pageCtx,
  READONLY_MESSAGE,
  textError,
  unknownUserRefused,
  wantsHTML,
} from './http.js';
import { validateLink } from '../destination.js';
import { toApiJSON } from '../link.js';
import { canEdit, resolveOwner } from '../access.js';
import { NameTakenError, type StoredLink } from '../store.js';
import { pathEscape } from '../template/index.js';

function linkJSON(c: Ctx, link: StoredLink): Response {
  return c.body(goJsonEncode(toApiJSON(link)), 200, jsonHeaders());
}

function audit(deps: LinksDeps, action: string, who: string, link: StoredLink, extra: Record<string, unknown> = {}): void {
  deps.audit.append({ action: `link.${action}`, actor: who, short: link.short, long: link.long, owner: link.owner, ...extra });
}

/** golink's `serveSave`, in its order of checks (reference §A.1.1). */
async function save(c: Ctx, deps: LinksDeps): Promise<Response> {
  if (deps.config.readonly) return textError(c, 405, READONLY_MESSAGE);
  const f = await formValues(c);
  const short = f.short ?? '';
  const long = f.long ?? '';
  const html = wantsHTML(c);
  const form = { short, long, description: f.description };
  const fail = (status: 400 | 413, message: string): Response | Promise<Response> =>
    html
      ? c.html(HomePage({ ctx: pageCtx(c, deps), popular: deps.stats.popular('all'), window: 'all', form, error: message }), status)
      : textError(c, status, message);
  const problem = validateLink({ short, long, description: f.description, owner: f.owner });
  if (problem) return fail(problem.status, problem.message);
  const refused = unknownUserRefused(c, deps);
  if (refused) return refused;
  const who = actor(c, deps);
  const existing = deps.store.getLive(short);
  if (!canEdit(existing, who, deps.config.readonly)) return textError(c, 403, `cannot update link owned by "${existing?.owner}"`);
  if (existing && f.create === '1' && !isApiClient(c)) return c.redirect(`/.detail/${pathEscape(short)}?exists=1`, 303);
  const owner = resolveOwner(f.owner ?? '', who);
  if ('error' in owner) return fail(400, owner.error);
  const { link, created } = deps.store.save({ short, long, owner: owner.owner, description: f.description }, who.login);
  audit(deps, created ? 'create' : 'update', who.login, link);
  if (html) return c.html(SavedPage({ ctx: pageCtx(c, deps), short: link.short }));
  return linkJSON(c, link);
}

/** Edit (and rename) an existing live link from its detail page or the API. */
async function edit(c: Ctx, deps: LinksDeps): Promise<Response> {
  if (deps.config.readonly) return textError(c, 405, READONLY_MESSAGE);
  const current = deps.store.getLive(c.req.param('short') ?? '');
  if (!current) return textError(c, 404, '404 page not found');
  const refused = unknownUserRefused(c, deps);
  if (refused) return refused;
  const who = actor(c, deps);
  if (!canEdit(current, who, false)) return textError(c, 403, `cannot update link owned by "${current.owner}"`);
  const f = await formValues(c);
  const input = { short: f.short || current.short, long: f.long ?? current.long, description: f.description ?? current.description, owner: f.owner ?? current.owner };
  const html = wantsHTML(c);
  const fail = (status: 400 | 409 | 413, message: string): Response | Promise<Response> =>
    html
      ? c.html(
          DetailPage({ ctx: pageCtx(c, deps), link: current, canEdit: true, history: deps.store.history(current.id), clicks: 0, error: message, form: input }),
          status,
        )
      : textError(c, status, message);
  const problem = validateLink(input);
  if (problem) return fail(problem.status, problem.message);
  const owner = resolveOwner(input.owner, who);
  if ('error' in owner) return fail(400, owner.error);
  deps.stats.flush();
  let link: StoredLink;
  try {
    link = deps.store.edit(current, { ...input, owner: owner.owner }, who.login);
  } catch (err) {
    if (err instanceof NameTakenError) return fail(409, err.message);
    throw err;
  }
  audit(deps, link.id === current.id ? 'update' : 'rename', who.login, link, link.id === current.id ? {} : { from: current.short });
  if (html) return c.redirect(`/.detail/${pathEscape(link.short)}?saved=1`, 303);
  return linkJSON(c, link);
}

/** Loads a live link the caller may change, or the error response. */
function editable(c: Ctx, deps: LinksDeps, verb: 'delete' | 'restore'): StoredLink | Response {
  const link = verb === 'delete' ? deps.store.getLive(c.req.param('short') ?? '') : deps.store.get(c.req.param('short') ?? '');
  if (!link) return textError(c, 404, '404 page not found');
  const refused = unknownUserRefused(c, deps);
  if (refused) return refused;
  if (!canEdit(link, actor(c, deps), false)) return textError(c, 403, `cannot ${verb} link owned by "${link.owner}"`);
  return link;
}

async function remove(c: Ctx, deps: LinksDeps): Promise<Response> {
  if (deps.config.readonly) return textError(c, 405, READONLY_MESSAGE);
  const link = editable(c, deps, 'delete');
  if (link instanceof Response) return link;
  const who = actor(c, deps);
  deps.stats.flush();
  deps.store.softDelete(link, who.login);
  audit(deps, 'delete', who.login, link);
  if (wantsHTML(c)) return c.html(DeletedPage({ ctx: pageCtx(c, deps), link, canRestore: true }));
  return linkJSON(c, link);
}

async function restore(c: Ctx, deps: LinksDeps): Promise<Response> {
  if (deps.config.readonly) return textError(c, 405, READONLY_MESSAGE);
  const link = editable(c, deps, 'restore');
  if (link instanceof Response) return link;
  if (link.deletedAt === null) return textError(c, 409, `go/${link.short} is not deleted`);
  const who = actor(c, deps);
  deps.store.restore(link, who.login);
  audit(deps, 'restore', who.login, link);
  if (wantsHTML(c)) return c.redirect(`/.detail/${pathEscape(link.short)}?restored=1`, 303);
  return linkJSON(c, { ...link, deletedAt: null, deletedBy: '' });
}

/** Registers the write routes (and the delete confirmation page) on `app`. */
export function registerWrites(app: Hono<AppEnv>, deps: LinksDeps): void {
  const limit = bodyLimit(FORM_BODY_LIMIT);
  app.post('/', limit, (c) => save(c, deps));
  app.post('/.detail/:short', limit, (c) => edit(c, deps));
  app.post('/.delete/:short', limit, (c) => remove(c, deps));
  app.delete('/.detail/:short', (c) => remove(c, deps));
  app.post('/.restore/:short', limit, (c) => restore(c, deps));
  app.get('/.delete/:short', (c) => {
    const link = editable(c, deps, 'delete');
    if (link instanceof Response) return link;
    return c.html(ConfirmDeletePage({ ctx: pageCtx(c, deps), link }));
  });
}
