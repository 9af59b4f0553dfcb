/**
 * golink's `/.static/` files at golink's paths: the listing, `base.css` (a redirect to the
 * suite's stylesheet) and the favicon (the app's static file, assets.ts, served here as well).
 *
 * @example staticRoutes(app, deps);
 */
import type { Hono } from 'hono';
import { assetUrl } from '../../../../views/assets.js';
import type { AppEnv } from '../../../platform/app.js';
import { type Deps, textHeaders } from './http.js';

export function staticRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get('/.static/', (c) => c.body('base.css\nfavicon.svg\nfavicon.png\n', 200, textHeaders()));
  app.get('/.static/base.css', (c) => c.redirect(assetUrl('tailyard.css'), 302));
  const favicon = deps.favicon.body as Uint8Array<ArrayBuffer>;
  app.get('/.static/favicon.svg', (c) => c.body(favicon, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/.static/favicon.png', (c) => c.redirect('/.static/favicon.svg', 302));
}
