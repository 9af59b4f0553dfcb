/**
 * Listings and search: `/paste/list` (everyone's listed pastes, 25 per page, `?page=N` from 0
 * read as tclip reads it, platform/page-number.ts), `/paste/mine` (the caller's own, unlisted
 * ones included), both with `?q=` full-text search (htmx asks for just the results while
 * typing), and `GET /api/pastes?mine=1&q=&page=` as JSON. A malformed search query is a 400 that
 * says what is wrong.
 *
 * @example listRoutes(app, deps);
 */
import type { Hono } from 'hono';
import { ListPage, Results } from '../../../../views/paste/list.js';
import type { AppEnv } from '../../../platform/app.js';
import { httpFailure } from '../errors.js';
import { pageNumber } from '../../../platform/page-number.js';
import { type ListQuery, PAGE_SIZE } from '../service.js';
import { type Ctx, type PasteDeps, pageCtx, respond, shareOrigin } from './http.js';
import { listedPaste } from './present.js';

function query(c: Ctx, scope: ListQuery['scope']): ListQuery {
  return { scope, q: c.req.query('q') ?? '', page: pageNumber(c.req.query('page'), PAGE_SIZE) };
}

function listPage(c: Ctx, deps: PasteDeps, scope: ListQuery['scope']): Response | Promise<Response> {
  const q = query(c, scope);
  const action = scope === 'mine' ? '/paste/mine' : '/paste/list';
  const title = scope === 'mine' ? 'My pastes' : 'All pastes';
  const fragment = c.req.header('hx-request') === 'true';
  let result: ReturnType<PasteDeps['service']['list']>;
  try {
    result = deps.service.list(c.get('caller'), q);
  } catch (err) {
    const f = httpFailure(err);
    if (f.kind !== 'bad-search') throw err;
    // The page (or the htmx fragment) with the message where the results would be.
    const props = { action, q: q.q ?? '', rows: [], page: 0, hasNext: false, error: f.message };
    return fragment ? c.html(Results(props), 400) : c.html(ListPage({ ...props, ctx: pageCtx(c, deps), title }), 400);
  }
  const props = { action, q: q.q ?? '', page: result.page, hasNext: result.hasNext, rows: result.rows.map(listedPaste) };
  return fragment ? c.html(Results(props)) : c.html(ListPage({ ...props, ctx: pageCtx(c, deps), title }));
}

function apiList(c: Ctx, deps: PasteDeps): Response {
  const mine = ['1', 'true'].includes(c.req.query('mine') ?? '');
  const result = deps.service.list(c.get('caller'), query(c, mine ? 'mine' : 'all'));
  const origin = shareOrigin(c, deps);
  return c.json({
    page: result.page,
    hasNext: result.hasNext,
    pastes: result.rows.map((p) => ({
      id: p.id,
      filename: p.filename,
      language: p.language,
      size: p.size,
      createdAt: p.createdAt,
      expiresAt: p.expiresAt,
      unlisted: p.unlisted,
      burn: p.burn,
      author: { login: p.author.login, displayName: p.author.displayName, node: p.node },
      url: `${origin}/paste/${p.id}`,
    })),
  });
}

export function listRoutes(app: Hono<AppEnv>, deps: PasteDeps): void {
  app.get('/paste/list', (c) => respond(c, deps, 'text', () => listPage(c, deps, 'all')));
  app.get('/paste/mine', (c) => respond(c, deps, 'text', () => listPage(c, deps, 'mine')));
  app.get('/api/pastes', (c) => respond(c, deps, 'json', () => apiList(c, deps)));
}
