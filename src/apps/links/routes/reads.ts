/**
 * The read routes, all open to any caller as in golink: home, `/.detail/{short}` (HTML or JSON by
 * `Accept`, canonical spelling by redirect), listings and search, exports, help, OpenSearch,
 * metrics, static files, and `/.resolve/…` (server-side alias resolution as JSON).
 *
 * @example registerReads(app, deps, registry);
 */
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { assetUrl } from '../../../../views/assets.js';
import { DetailPage } from '../../../../views/links/detail.js';
import { HelpPage } from '../../../../views/links/help.js';
import { HomePage } from '../../../../views/links/home.js';
import { ListPage, Results } from '../../../../views/links/list.js';
import type { AppEnv } from '../../../platform/app.js';
import { goJsonEncode } from '../../../platform/go/json.js';
import { rawTarget } from '../../../platform/request.js';
import { actor, type Ctx, jsonHeaders, type LinksDeps, pageCtx, textError, wantsHTML } from './http.js';
import { toApiJSON } from '../link.js';
import { canEdit, userExists } from '../access.js';
import { LinkLoopError, LinkNotFoundError, resolveChain } from '../resolve.js';
import { exportSnapshot } from '../snapshot.js';
import { POPULAR_WINDOWS, type PopularWindow } from '../stats.js';
import type { StoredLink } from '../store.js';
import { fromByteString } from '../template/goescape.js';
import { GoURLError, parseGoURL } from '../template/gourl.js';
import { isNoUserError, pathEscape, TemplateExecError, TemplateParseError } from '../template/index.js';

const text = (): Record<string, string> => ({ 'Content-Type': 'text/plain; charset=utf-8' });

const RESOLVE = '/.resolve/';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#2563eb"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">go/</text></svg>`;

function origin(c: Ctx): string {
  return `${new URL(c.req.url).protocol}//${c.req.header('host') ?? 'go'}`;
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Splits a search query into its `owner:` filter and free text. */
export function parseSearch(q: string): { owner?: string; text: string } {
  let owner: string | undefined;
  const text = q
    .split(/\s+/)
    .filter((w) => {
      const m = /^owner:(.+)$/i.exec(w);
      if (m) owner = m[1];
      return !m;
    })
    .join(' ');
  return { owner, text };
}

/** Where a link ends up with no path and no user, for the detail page. */
function resolution(link: StoredLink, deps: LinksDeps, c: Ctx): { url: string; chain: string[] } | { problem: string } {
  try {
    return resolveChain(link.short, (s) => deps.store.lookup(s)?.long, { hostname: deps.brand, aliases: [c.req.header('host') ?? ''] });
  } catch (err) {
    if (isNoUserError(err)) return { problem: 'depends on the visitor (.User)' };
    if (err instanceof LinkLoopError || err instanceof LinkNotFoundError) return { problem: err.message };
    if (err instanceof TemplateExecError || err instanceof TemplateParseError || err instanceof GoURLError) return { problem: err.message };
    throw err;
  }
}

function detail(c: Ctx, deps: LinksDeps): Response | Promise<Response> {
  const requested = c.req.param('short') ?? '';
  const link = deps.store.get(requested);
  const html = wantsHTML(c);
  if (!link || (link.deletedAt !== null && !html)) return textError(c, 404, '404 page not found');
  if (requested !== link.short) {
    const q = new URL(c.req.url).search;
    return c.redirect(`/.detail/${pathEscape(link.short)}${q}`, 302);
  }
  if (!html) return c.body(goJsonEncode(toApiJSON(link), 2), 200, jsonHeaders());
  const who = actor(c, deps);
  const editable = canEdit(link, who, deps.config.readonly);
  const takeOver = editable && !userExists(link.owner) && who.login !== '';
  return c.html(
    DetailPage({
      ctx: pageCtx(c, deps),
      link: takeOver ? { ...link, owner: who.login } : link,
      canEdit: editable,
      history: deps.store.history(link.id),
      clicks: deps.stats.clicksOf(link.id),
      exists: c.req.query('exists') === '1',
      saved: c.req.query('saved') === '1',
      restored: c.req.query('restored') === '1',
      resolution: link.deletedAt === null ? resolution(link, deps, c) : undefined,
    }),
  );
}

/** Rows per listing page: keeps pages (and memory) bounded with 100 000 links. */
export const PAGE_SIZE = 1000;

function list(c: Ctx, deps: LinksDeps, title: string, q: string): Response | Promise<Response> {
  const { owner, text } = parseSearch(q);
  const all = text === '' && owner === undefined ? deps.store.all() : deps.store.search(text, owner);
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const clicks = deps.stats.totals();
  const base = q ? `/.search?q=${encodeURIComponent(q)}&page=` : '/.all?page=';
  const paging = { total: all.length, offset: (page - 1) * PAGE_SIZE, prev: page > 1 ? base + (page - 1) : undefined, next: page < pages ? base + (page + 1) : undefined };
  if (c.req.header('hx-request') === 'true') return c.html(Results({ brand: deps.brand, rows, clicks, paging }));
  return c.html(ListPage({ ctx: pageCtx(c, deps), title, q, rows, clicks, paging }));
}

function opensearch(c: Ctx, deps: LinksDeps): Response {
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

function resolveRoute(c: Ctx, deps: LinksDeps): Response {
  const body = (status: 400 | 401 | 404 | 500 | 508, e: Error) => c.body(JSON.stringify({ error: e.message }), status, jsonHeaders());
  const target = rawTarget(c);
  const start = fromByteString(target.slice(target.indexOf(RESOLVE) + RESOLVE.length));
  try {
    parseGoURL(start);
  } catch (err) {
    if (err instanceof GoURLError) return body(400, err);
    throw err;
  }
  try {
    const r = resolveChain(start, (s) => deps.store.lookup(s)?.long, { hostname: deps.brand, aliases: [c.req.header('host') ?? ''] });
    return c.body(JSON.stringify(r), 200, jsonHeaders());
  } catch (err) {
    if (isNoUserError(err)) return body(401, new Error('link requires a valid user'));
    if (err instanceof LinkNotFoundError) return body(404, err);
    if (err instanceof LinkLoopError) return body(508, err);
    if (err instanceof TemplateExecError || err instanceof TemplateParseError || err instanceof GoURLError) return body(500, err);
    throw err;
  }
}

/** Registers the read routes on `app`. */
export function registerReads(app: Hono<AppEnv>, deps: LinksDeps, registry: Registry): void {
  app.get('/', (c) => {
    const w = c.req.query('popular');
    const window: PopularWindow = POPULAR_WINDOWS.includes(w as PopularWindow) ? (w as PopularWindow) : 'all';
    return c.html(HomePage({ ctx: pageCtx(c, deps), popular: deps.stats.popular(window), window }));
  });
  app.get('/.detail/:short', (c) => detail(c, deps));
  app.get('/.all', (c) => list(c, deps, 'All links', ''));
  app.get('/.search', (c) => {
    const q = c.req.query('q') ?? '';
    return list(c, deps, q ? `Search: ${q}` : 'All links', q);
  });
  app.get('/.export', (c) => {
    deps.stats.flush();
    return c.body(exportSnapshot(deps.store), 200, text());
  });
  app.get('/.export-stats', (c) => c.body(deps.stats.exportCsv(), 200, text()));
  app.get('/.help', (c) => c.html(HelpPage({ ctx: pageCtx(c, deps), origin: origin(c) })));
  app.get('/.opensearch', (c) => opensearch(c, deps));
  app.get('/.metrics', async (c) => c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));
  app.get('/.resolve/*', (c) => resolveRoute(c, deps));
  app.get('/.static/', (c) => c.body('base.css\nfavicon.svg\nfavicon.png\n', 200, text()));
  app.get('/.static/base.css', (c) => c.redirect(assetUrl('tailyard.css'), 302));
  app.get('/.static/favicon.svg', (c) => c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/.static/favicon.png', (c) => c.redirect('/.static/favicon.svg', 302));
}
