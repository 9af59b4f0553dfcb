/**
 * The read routes, all open to any caller as in golink: home, `/.detail/{short}` (HTML or JSON by
 * `Accept`, canonical spelling by redirect), listings and search, help, OpenSearch, metrics, and
 * `/.resolve/…` (server-side alias resolution as JSON).
 *
 * @example readRoutes(app, deps);
 */
import type { Hono } from 'hono';
import { DetailPage } from '../../../../views/links/detail.js';
import { HelpPage } from '../../../../views/links/help.js';
import { HomePage } from '../../../../views/links/home.js';
import { ListPage, Results } from '../../../../views/links/list.js';
import type { AppEnv } from '../../../platform/app.js';
import { goJsonEncode } from '../../../platform/go/json.js';
import { rawTarget } from '../../../platform/request.js';
import { LinkError, NOT_FOUND_MESSAGE } from '../errors.js';
import { toApiJSON } from '../link.js';
import { PAGE_SIZE } from '../service/index.js';
import { POPULAR_WINDOWS, type PopularWindow } from '../stats.js';
import { fromByteString } from '../template/goescape.js';
import { pathEscape } from '../template/index.js';
import { actor, type Ctx, type Deps, golinkRoute, jsonHeaders, pageCtx, wantsHTML } from './http.js';

const RESOLVE = '/.resolve/';

function origin(c: Ctx): string {
  return `${new URL(c.req.url).protocol}//${c.req.header('host') ?? 'go'}`;
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function detail(c: Ctx, deps: Deps): Response | Promise<Response> {
  const requested = c.req.param('short') ?? '';
  const link = deps.links.find(requested);
  const html = wantsHTML(c);
  if (!link || (link.deletedAt !== null && !html)) throw new LinkError(404, NOT_FOUND_MESSAGE);
  // As golink's http.Redirect to the stored spelling: the query (even `?exists=1`) is dropped.
  if (requested !== link.short) return c.redirect(`/.detail/${pathEscape(link.short)}`, 302);
  if (!html) return c.body(goJsonEncode(toApiJSON(link), 2), 200, jsonHeaders());
  const who = actor(c, deps);
  const host = c.req.header('host') ?? '';
  return c.html(
    DetailPage({
      ctx: pageCtx(c, deps),
      link: deps.links.takesOver(link, who) ? { ...link, owner: who.login } : link,
      canEdit: deps.links.canEdit(link, who),
      history: deps.links.history(link.id),
      clicks: deps.links.clicksOf(link.id),
      exists: c.req.query('exists') === '1',
      saved: c.req.query('saved') === '1',
      restored: c.req.query('restored') === '1',
      resolution: link.deletedAt === null ? deps.resolver.resolution(link, host) : undefined,
    }),
  );
}

function list(c: Ctx, deps: Deps, title: string, q: string): Response | Promise<Response> {
  const { rows, total, page, pages, clicks } = deps.links.list(q, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
  const base = q ? `/.search?q=${encodeURIComponent(q)}&page=` : '/.all?page=';
  const paging = { total, offset: (page - 1) * PAGE_SIZE, prev: page > 1 ? base + (page - 1) : undefined, next: page < pages ? base + (page + 1) : undefined };
  if (c.req.header('hx-request') === 'true') return c.html(Results({ brand: deps.brand, rows, clicks, paging }));
  return c.html(ListPage({ ctx: pageCtx(c, deps), title, q, rows, clicks, paging }));
}

function opensearch(c: Ctx, deps: Deps): Response {
  const base = xmlEscape(origin(c));
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>${xmlEscape(deps.brand)}</ShortName>
  <Description>${xmlEscape(deps.brand)}/ links</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${base}/{searchTerms}"/>
  <moz:SearchForm>${base}/</moz:SearchForm>
</OpenSearchDescription>
`;
  return c.body(xml, 200, { 'Content-Type': 'application/opensearchdescription+xml' });
}

/** `/.resolve/<link or URL>`: where it finally leads, or `{"error": …}` with golink's status. */
function resolveRoute(c: Ctx, deps: Deps): Response {
  const target = rawTarget(c);
  const start = fromByteString(target.slice(target.indexOf(RESOLVE) + RESOLVE.length));
  try {
    return c.body(JSON.stringify(deps.resolver.resolveFrom(start, c.req.header('host') ?? '')), 200, jsonHeaders());
  } catch (err) {
    if (!(err instanceof LinkError)) throw err;
    return c.body(JSON.stringify({ error: err.message }), err.status, jsonHeaders());
  }
}

/** Registers the read routes on `app`. */
export function readRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get('/', (c) => {
    const w = c.req.query('popular');
    const window: PopularWindow = POPULAR_WINDOWS.includes(w as PopularWindow) ? (w as PopularWindow) : 'all';
    return c.html(HomePage({ ctx: pageCtx(c, deps), popular: deps.links.popular(window), window }));
  });
  app.get(
    '/.detail/:short',
    golinkRoute((c) => detail(c, deps)),
  );
  app.get('/.all', (c) => list(c, deps, 'All links', ''));
  app.get('/.search', (c) => {
    const q = c.req.query('q') ?? '';
    return list(c, deps, q ? `Search: ${q}` : 'All links', q);
  });
  app.get('/.help', (c) => c.html(HelpPage({ ctx: pageCtx(c, deps), origin: origin(c) })));
  app.get('/.opensearch', (c) => opensearch(c, deps));
  app.get('/.metrics', async (c) => c.body(await deps.registry.metrics(), 200, { 'Content-Type': deps.registry.contentType }));
  app.get('/.resolve/*', (c) => resolveRoute(c, deps));
}
