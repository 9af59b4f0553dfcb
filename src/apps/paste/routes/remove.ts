/**
 * Deleting a paste, never on a GET: `GET /api/delete/{id}` (tclip's link) shows a confirmation
 * page whose form POSTs to the same path; `POST /api/delete/{id}` and `DELETE /paste/{id}`
 * delete. Only the author, or an admin, may (403 otherwise). Browsers land on `/` with a notice;
 * `DELETE` answers 204, JSON clients get `{id, deleted}`, `Accept: text/plain` a line of text.
 *
 * @example removeRoutes(app, deps); // curl -X DELETE http://paste/paste/<id>
 */
import type { Hono } from 'hono';
import { ConfirmDeletePage } from '../../../../views/paste/confirm.js';
import type { AppEnv } from '../../../platform/app.js';
import { answerFor } from '../negotiate.js';
import { type Ctx, type PasteDeps, pageCtx, respond } from './http.js';
import { TEXT } from './wire.js';

function confirm(c: Ctx, deps: PasteDeps): Response | Promise<Response> {
  const paste = deps.service.deletable(c.get('caller'), c.req.param('id') ?? '');
  return c.html(ConfirmDeletePage({ ctx: pageCtx(c, deps), id: paste.id, filename: paste.filename }));
}

function remove(c: Ctx, deps: PasteDeps): Response {
  const paste = deps.service.remove(c.get('caller'), c.req.param('id') ?? '');
  const answer = answerFor(c.req.header('accept'), 'redirect');
  if (answer === 'json') return c.json({ id: paste.id, deleted: true });
  if (c.req.method === 'DELETE') return c.body(null, 204);
  if (answer === 'text') return c.body(`deleted ${paste.id}\n`, 200, { 'Content-Type': TEXT });
  return c.redirect('/?deleted=1', 303);
}

export function removeRoutes(app: Hono<AppEnv>, deps: PasteDeps): void {
  app.get('/api/delete/:id', (c) => respond(c, deps, 'text', () => confirm(c, deps)));
  app.post('/api/delete/:id', (c) => respond(c, deps, 'text', () => remove(c, deps)));
  app.delete('/paste/:id', (c) => respond(c, deps, 'text', () => remove(c, deps)));
}
