/**
 * Reading a paste: `GET /paste/{id}` (the view; JSON with `Accept: application/json`), `/raw`
 * (text/plain), `/dl` (an attachment under its filename), `/md` and `/org` (the fancy reading
 * view of a Markdown or Org paste; other languages redirect to the paste, as tclip does), and
 * `POST /paste/{id}/reveal` for burn-after-reading pastes: whatever view it asks for, its one
 * answer shows the content (a non-document asked for as `md` is shown as the page).
 *
 * A burn-after-reading paste opened by anyone but its author shows a reveal button instead of its
 * content on every GET: link previews and crawlers only GET, so only a person's POST burns it.
 * Paste responses are never cached (a deleted paste must not linger), and raw text is served in a
 * sandbox so a browser never treats it as a page. Rendered pages are kept (and gzipped, for
 * browsers, which ask for it) per paste and kind of viewer in the render cache.
 *
 * @example readRoutes(app, deps);
 */
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { RevealPage } from '../../../../views/paste/confirm.js';
import { FancyPage } from '../../../../views/paste/fancy.js';
import type { RevealTarget } from '../../../../views/paste/models.js';
import { pasteHref } from '../../../../views/paste/page.js';
import { ViewPage } from '../../../../views/paste/view.js';
import type { AppEnv } from '../../../platform/app.js';
import { rawBody, requestHeader, setResponseHeaders } from '../../../platform/request.js';
import { PasteError } from '../errors.js';
import { attachmentDisposition } from '../filename.js';
import { readFormFields } from '../form.js';
import { isMarkup, ORG } from '../kinds.js';
import { answerFor } from '../negotiate.js';
import { loadRenderers } from '../renderers.js';
import type { OpenedPaste } from '../service.js';
import type { StoredPaste } from '../store.js';
import { type Ctx, type PasteDeps, pageCtx, respond, shareOrigin } from './http.js';
import { viewedPaste } from './present.js';
import { TEXT } from './wire.js';

const NO_STORE = { 'Cache-Control': 'private, no-store' };
const HTML = 'text/html; charset=UTF-8';
const RAW_HEADERS = { ...NO_STORE, 'Content-Type': TEXT, 'Content-Security-Policy': "default-src 'none'; sandbox" };
const CACHED_PAGE_HEADERS = { ...NO_STORE, Vary: 'Accept-Encoding' };
const GZIP = { 'Content-Encoding': 'gzip' };
const TARGETS: readonly RevealTarget[] = ['view', 'raw', 'dl', 'md', 'org'];

function json(c: Ctx, deps: PasteDeps, paste: StoredPaste, languageName: string): Response {
  const url = `${shareOrigin(c, deps)}${pasteHref(paste.id)}`;
  const { content, author: _, ...meta } = paste;
  return c.json({ ...meta, languageName, author: deps.service.visibleAuthor(paste, c.get('caller')) ?? null, url, rawUrl: `${url}/raw`, content }, 200, NO_STORE);
}

/** Renders an opened paste as `target`; `burnt` when this response is the paste's last. */
async function render(c: Ctx, deps: PasteDeps, opened: OpenedPaste, target: RevealTarget, burnt: boolean): Promise<Response> {
  const { paste } = opened;
  if (target === 'raw') return c.body(paste.content, 200, RAW_HEADERS);
  if (target === 'dl') return c.body(paste.content, 200, { ...RAW_HEADERS, 'Content-Disposition': attachmentDisposition(paste.filename) });
  if (target === 'md' || target === 'org') {
    const doc = await deps.service.document(paste);
    if (doc !== undefined && isMarkup(paste.language)) {
      const r = await loadRenderers();
      return c.html(FancyPage({ title: r.documentTitle(paste.language, paste.content, paste.filename), body: doc, back: pasteHref(paste.id) }), 200, NO_STORE);
    }
    // Not a document: tclip sends the reader to the paste's page. A burnt paste has no page any
    // more, so this answer is the reader's only look at it: it is the page itself.
    if (!burnt) return c.redirect(pasteHref(paste.id), 307);
  }
  const r = await loadRenderers();
  if (answerFor(requestHeader(c, 'accept'), 'html') === 'json') return json(c, deps, paste, r.languageName(paste.language));
  const wanted = c.req.query('lang') ?? '';
  const language = r.isKnownLanguage(wanted) ? wanted : paste.language;
  const showDocument = isMarkup(paste.language) && language === paste.language && c.req.query('source') !== '1';
  const wrapParam = c.req.query('wrap');
  const wrap = wrapParam === undefined ? deps.config.wordWrap : wrapParam === '1';
  const ctx = pageCtx(c, deps);
  const author = deps.service.visibleAuthor(paste, c.get('caller'));
  const page = async () =>
    ViewPage({
      ctx,
      paste: viewedPaste(paste, author),
      body: showDocument ? ((await deps.service.document(paste)) ?? '') : await deps.service.code(paste, language),
      language,
      languageName: r.languageName(language),
      languages: r.pickerLanguages([paste.language, language]),
      document: showDocument,
      fancy: isMarkup(paste.language) ? (paste.language === ORG ? 'org' : 'md') : undefined,
      wrap,
      lineNumbers: deps.config.lineNumbers,
      canDelete: opened.canDelete,
      own: opened.own,
      burnt,
    }).toString();
  if (burnt) return c.html(await page(), 200, NO_STORE);
  // The page differs only by these, per paste: keep one copy per kind of viewer.
  const variant = [language, wrap, showDocument, ctx.viewer !== undefined, ctx.canCreate, ctx.canListAll, ctx.canListOwn, opened.canDelete, opened.own, author !== undefined];
  const key = `page:${variant.join()}`;
  const html = await deps.service.rendered(paste.id, key, page);
  // The hot path: headers go straight onto node's response (see setResponseHeaders).
  setResponseHeaders(c, CACHED_PAGE_HEADERS);
  if (!/\bgzip\b/.test(requestHeader(c, 'accept-encoding') ?? '')) return c.body(html as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': HTML });
  // Browsers ask for gzip: compressed once, like the page itself (a highlighted page shrinks ~8x).
  const gz = await deps.service.rendered(paste.id, `${key}:gzip`, () => gzipSync(html));
  setResponseHeaders(c, GZIP);
  return c.body(gz as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': HTML });
}

function show(c: Ctx, deps: PasteDeps, target: RevealTarget): Response | Promise<Response> {
  const caller = c.get('caller');
  const opened = deps.service.open(caller, c.req.param('id') ?? '');
  if (!opened.needsReveal) return render(c, deps, opened, target, false);
  if (target === 'view' && answerFor(requestHeader(c, 'accept'), 'html') === 'json') {
    throw new PasteError('burn-unrevealed', `POST ${pasteHref(opened.paste.id, 'reveal')} to read it, once`);
  }
  const author = deps.service.visibleAuthor(opened.paste, caller)?.displayName;
  return c.html(RevealPage({ ctx: pageCtx(c, deps), id: opened.paste.id, filename: opened.paste.filename, author, as: target }), 200, NO_STORE);
}

/**
 * Burns (when it must) and shows a paste. The body is read before anything burns, so a bad one
 * costs nothing; once burnt, a page that fails to render falls back to the plain text, because
 * the reader must see the paste in this one answer.
 */
async function reveal(c: Ctx, deps: PasteDeps): Promise<Response> {
  const form = await readFormFields(c.req.header('content-type'), await rawBody(c));
  const as = form.as ?? c.req.query('as') ?? 'view';
  const target: RevealTarget = (TARGETS as readonly string[]).includes(as) ? (as as RevealTarget) : 'view';
  const opened = deps.service.reveal(c.get('caller'), c.req.param('id') ?? '');
  if (!opened.needsReveal) return render(c, deps, opened, target, false);
  try {
    return await render(c, deps, opened, target, true);
  } catch (err) {
    deps.log.error({ err: (err as Error).message, stack: (err as Error).stack }, 'paste: rendering a burnt paste failed; sent as plain text');
    return c.body(opened.paste.content, 200, RAW_HEADERS);
  }
}

export function readRoutes(app: Hono<AppEnv>, deps: PasteDeps): void {
  const get = (path: string, target: RevealTarget) => app.get(path, (c) => respond(c, deps, 'text', () => show(c, deps, target)));
  get('/paste/:id', 'view');
  get('/paste/:id/', 'view');
  get('/paste/:id/raw', 'raw');
  get('/paste/:id/dl', 'dl');
  get('/paste/:id/md', 'md');
  get('/paste/:id/org', 'org');
  app.post('/paste/:id/reveal', (c) => respond(c, deps, 'text', () => reveal(c, deps)));
}
