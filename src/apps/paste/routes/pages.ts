/**
 * The pages around the pastes: `/` (the create form and your recent pastes; `?from=ID` pre-fills
 * it from a paste, "edit as new"; anonymous Funnel visitors get the public landing page), `/help`
 * and the favicon.
 *
 * @example pageRoutes(app, deps);
 */
import type { Hono } from 'hono';
import { HelpPage } from '../../../../views/paste/help.js';
import { HomePage } from '../../../../views/paste/home.js';
import type { PasteFormValues } from '../../../../views/paste/models.js';
import { FAVICON_SVG } from '../../../../views/paste/page.js';
import { PublicLandingPage } from '../../../../views/paste/landing.js';
import type { AppEnv } from '../../../platform/app.js';
import { formatBytes } from '../../../platform/middleware.js';
import { offeredLifetimes } from '../lifetime.js';
import { loadRenderers } from '../renderers.js';
import { type Ctx, type PasteDeps, pageCtx, respond, shareOrigin } from './http.js';
import { pasteMeta } from './present.js';

async function home(c: Ctx, deps: PasteDeps): Promise<Response> {
  const caller = c.get('caller');
  if (caller.kind === 'anonymous') return c.html(PublicLandingPage({ ctx: pageCtx(c, deps) }));
  const ctx = pageCtx(c, deps);
  if (!ctx.canCreate && ctx.canListAll) return c.redirect('/paste/list', 302);
  let form: PasteFormValues | undefined;
  let cloneOf: { id: string; filename: string } | undefined;
  const from = c.req.query('from');
  if (from) {
    const p = deps.service.copySource(caller, from);
    form = { content: p.content, filename: p.filename, language: p.language, unlisted: p.unlisted };
    cloneOf = { id: p.id, filename: p.filename };
  }
  const { config } = deps;
  return c.html(
    HomePage({
      ctx,
      recent: deps.service.recent(caller).map(pasteMeta),
      lifetimes: offeredLifetimes(config.maxExpiry),
      defaultLifetime: config.defaultExpiry,
      languages: (await loadRenderers()).pickerLanguages(form?.language ? [form.language] : []),
      form,
      cloneOf,
      deleted: c.req.query('deleted') === '1',
    }),
  );
}

export function pageRoutes(app: Hono<AppEnv>, deps: PasteDeps): void {
  app.get('/', (c) => respond(c, deps, 'text', () => home(c, deps)));
  app.get('/help', async (c) =>
    c.html(
      HelpPage({
        ctx: pageCtx(c, deps),
        origin: shareOrigin(c, deps),
        maxBytes: formatBytes(deps.config.maxBytes),
        lifetimes: offeredLifetimes(deps.config.maxExpiry),
        languages: (await loadRenderers()).languageOptions(),
      }),
    ),
  );
  app.get('/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 302));
}

