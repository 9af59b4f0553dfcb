/**
 * golink's `/.static/` files at golink's paths: the listing, `base.css` (a redirect to the
 * suite's stylesheet) and the favicon.
 *
 * @example staticRoutes(app);
 */
import type { Hono } from 'hono';
import { assetUrl } from '../../../../views/assets.js';
import type { AppEnv } from '../../../platform/app.js';
import { textHeaders } from './http.js';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#2563eb"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">go/</text></svg>`;

export function staticRoutes(app: Hono<AppEnv>): void {
  app.get('/.static/', (c) => c.body('base.css\nfavicon.svg\nfavicon.png\n', 200, textHeaders()));
  app.get('/.static/base.css', (c) => c.redirect(assetUrl('tailyard.css'), 302));
  app.get('/.static/favicon.svg', (c) => c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/.static/favicon.png', (c) => c.redirect('/.static/favicon.svg', 302));
}
