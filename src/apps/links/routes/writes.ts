/**
 * The write routes: golink's `POST /` (create or update, its exact order of checks), and beyond
 * golink: edit-with-rename on `POST /.detail/{short}`, soft delete (`/.delete/`, with a browser
 * confirmation page) and restore (`/.restore/`).
 *
 * There are no XSRF tokens: the platform checks Origin / Sec-Fetch-Site on browser form posts,
 * and API clients mark themselves with a `Sec-Golink` header (browsers cannot send `Sec-*`
 * headers), which works on every write here, delete included. What a write checks and stores is
 * the service's (service.ts); a browser whose fields are refused gets its form back with the
 * message, every other failure is golink's text.
 *
 * @example
 *   writeRoutes(app, deps);
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
import { InputError } from '../errors.js';
import { toApiJSON } from '../link.js';
import { editedFields, type SaveOutcome } from '../service/index.js';
import type { StoredLink } from '../store.js';
import { pathEscape } from '../template/index.js';
import { actor, type Ctx, type Deps, FORM_BODY_LIMIT, golinkRoute, jsonHeaders, pageCtx, wantsHTML } from './http.js';

function linkJSON(c: Ctx, link: StoredLink): Response {
  return c.body(goJsonEncode(toApiJSON(link)), 200, jsonHeaders());
}

/** golink's `serveSave`: create or update (reference §A.1.1). */
async function save(c: Ctx, deps: Deps): Promise<Response> {
  deps.links.writable();
  const f = await formValues(c);
  const fields = { short: f.short ?? '', long: f.long ?? '', description: f.description, owner: f.owner };
  const html = wantsHTML(c);
  let saved: SaveOutcome;
  try {
    saved = deps.links.save(actor(c, deps), fields, { keepExisting: f.create === '1' && !isApiClient(c) });
  } catch (err) {
    if (!(html && err instanceof InputError)) throw err;
    const form = { short: fields.short, long: fields.long, description: fields.description };
    return c.html(HomePage({ ctx: pageCtx(c, deps), popular: deps.links.popular('all'), window: 'all', form, error: err.message }), err.status);
  }
  if ('existing' in saved) return c.redirect(`/.detail/${pathEscape(fields.short)}?exists=1`, 303);
  if (html) return c.html(SavedPage({ ctx: pageCtx(c, deps), short: saved.link.short }));
  return linkJSON(c, saved.link);
}

/** Edit (and rename) an existing live link from its detail page or the API. */
async function edit(c: Ctx, deps: Deps): Promise<Response> {
  deps.links.writable();
  const who = actor(c, deps);
  const current = deps.links.changeable(who, c.req.param('short') ?? '', 'update');
  const fields = editedFields(current, await formValues(c));
  const html = wantsHTML(c);
  let link: StoredLink;
  try {
    link = deps.links.edit(who, current, fields);
  } catch (err) {
    if (!(html && err instanceof InputError)) throw err;
    const history = deps.links.history(current.id);
    return c.html(DetailPage({ ctx: pageCtx(c, deps), link: current, canEdit: true, history, clicks: 0, error: err.message, form: fields }), err.status);
  }
  if (html) return c.redirect(`/.detail/${pathEscape(link.short)}?saved=1`, 303);
  return linkJSON(c, link);
}

function remove(c: Ctx, deps: Deps): Response | Promise<Response> {
  const link = deps.links.remove(actor(c, deps), c.req.param('short') ?? '');
  if (wantsHTML(c)) return c.html(DeletedPage({ ctx: pageCtx(c, deps), link, canRestore: true }));
  return linkJSON(c, link);
}

function restore(c: Ctx, deps: Deps): Response {
  const link = deps.links.restore(actor(c, deps), c.req.param('short') ?? '');
  if (wantsHTML(c)) return c.redirect(`/.detail/${pathEscape(link.short)}?restored=1`, 303);
  return linkJSON(c, link);
}

/** Registers the write routes (and the delete confirmation page) on `app`. */
export function writeRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const limit = bodyLimit(FORM_BODY_LIMIT);
  app.post('/', limit, golinkRoute((c) => save(c, deps)));
  app.post('/.detail/:short', limit, golinkRoute((c) => edit(c, deps)));
  app.post('/.delete/:short', limit, golinkRoute((c) => remove(c, deps)));
  app.delete('/.detail/:short', golinkRoute((c) => remove(c, deps)));
  app.post('/.restore/:short', limit, golinkRoute((c) => restore(c, deps)));
  // A page for browsers only (golink has none): its refusals go to the platform's renderer.
  app.get('/.delete/:short', (c) => {
    const link = deps.links.changeable(actor(c, deps), c.req.param('short') ?? '', 'delete');
    return c.html(ConfirmDeletePage({ ctx: pageCtx(c, deps), link }));
  });
}
