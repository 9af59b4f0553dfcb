/**
 * paste: a tclip-compatible pastebin (default hostname `paste`, dev port 8081, capability
 * `tailscale.com/cap/tclip`). tclip's CLI, its Emacs client and `curl -F` post to `/api/post`
 * unchanged; browsers read, download, search and delete. Beyond tclip: server-side highlighting,
 * expiry, burn-after-reading and unlisted pastes, "my pastes" and full-text search, a JSON API,
 * grants, limits, and CSRF-safe deletion.
 *
 * Module map: `form.ts` (request bodies), `service.ts` (rules) over `store.ts` (SQLite, FTS5),
 * `access.ts` (what a grant allows), `language.ts`/`highlight.ts`/`markup.ts`/`sanitize.ts` (rendering),
 * `render-cache.ts`, `ratelimit.ts`, `lifetime.ts`, `filename.ts`, `ids.ts`, `errors.ts`
 * (statuses, and the `errors` mapping for the platform's renderer), `routes/` (HTTP, by concern),
 * `cli.ts` (`tailyard paste`); pages in `views/paste/`, whose stylesheet, script and highlighting
 * themes only this app serves (`assets`). Expired pastes are swept by a task the platform
 * schedules. The SQL console sees listed, lasting pastes only, through `sqlViews`.
 *
 * @example
 *   await startPlatform({ config: { apps: { paste: { policy: 'grants', maxExpiry: '30d' } } }, apps: [pasteApp] });
 */
import { Hono } from 'hono';
import { assetFiles } from '../../../views/assets.js';
import { type AppEnv, defineApp } from '../../platform/app.js';
import { registerPasteCli } from './cli.js';
import { PASTE_FLAGS, type PasteConfig, PasteConfigSchema, requestBodyLimit } from './config.js';
import { errors } from './errors.js';
import { FULL_ACCESS_GRANT } from './access.js';
import { RateLimiter } from '../../platform/ratelimit.js';
import { RenderCache } from './render-cache.js';
import { loadRenderers } from './renderers.js';
import { registerCreate } from './routes/create.js';
import { anonymousGuard, registerFallback } from './routes/guard.js';
import type { PasteDeps } from './routes/http.js';
import { registerLists } from './routes/lists.js';
import { registerPages } from './routes/pages.js';
import { registerRead } from './routes/read.js';
import { registerRemove } from './routes/remove.js';
import { migrations } from './schema.js';
import { PasteService } from './service.js';
import { PasteStore } from './store.js';

/** tclip's capability name (its grants work); Headscale deployments rename it, e.g. `example.com/cap/tclip`. */
export const PASTE_CAP = 'tailscale.com/cap/tclip';

/** Visible to SQL: a paste that is listed, not burn-after-reading and not expired (deleted ones are gone). */
const VISIBLE_PASTE = "unlisted = 0 AND burn = 0 AND (expires_at IS NULL OR expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

export const pasteApp = defineApp<PasteConfig>({
  apiVersion: 1,
  id: 'paste',
  title: 'paste',
  defaultHostname: 'paste',
  defaultDevPort: 8081,
  defaultCapName: PASTE_CAP,
  fullAccessCaps: [FULL_ACCESS_GRANT],
  // Funnel visitors may reach `/` and single pastes; routes/guard.ts enforces what they may do
  // per method and path, since these prefixes admit every method.
  publicPathPrefixes: ['/'],
  // A paste's link is all it takes to read it: keep ids out of the access log.
  capabilityUrls: true,
  configSchema: PasteConfigSchema,
  flags: PASTE_FLAGS,
  maxBodyBytes: (config) => requestBodyLimit(config.maxBytes),
  migrations,
  errors,
  // paste's stylesheet and script, and highlight.js's GitHub themes (light and dark).
  assets: assetFiles(['paste.css', 'paste.js', 'hljs-light.css', 'hljs-dark.css']),
  sqlViews: ({ database }) => ({
    label: 'paste (tailyard)',
    database,
    views: {
      pastes: `SELECT id, created_at, expires_at, author, node, filename, language, size, content FROM pastes WHERE ${VISIBLE_PASTE}`,
      authors: `SELECT key, login, display_name, node FROM authors WHERE key IN (SELECT author FROM pastes WHERE ${VISIBLE_PASTE})`,
    },
  }),
  create({ db, config, capName, log, mode, hostname, tailnet, onClose, schedule }) {
    const store = new PasteStore(db);
    const cache = new RenderCache(config.renderCacheBytes);
    const service = new PasteService({ store, config, capName, log, cache, renderers: loadRenderers, limiter: new RateLimiter(config.rateLimit) });
    // Load the renderers soon, but after start-up: importing them is slower than starting up.
    const warm = setTimeout(() => void loadRenderers().catch((err: Error) => log.error({ err: err.message }, 'loading the renderers failed')), 1000);
    warm.unref();
    schedule(
      'remove expired pastes',
      config.sweepIntervalSeconds * 1000,
      () => {
        const n = service.sweep();
        if (n > 0) log.info({ removed: n }, 'removed expired pastes');
      },
      { runAtStart: true },
    );
    onClose(() => clearTimeout(warm));
    const deps: PasteDeps = { service, config, log, brand: mode === 'dev' ? 'paste' : hostname, baseUrl: () => tailnet.baseUrl() };
    const app = new Hono<AppEnv>();
    app.use(anonymousGuard(deps));
    registerPages(app, deps);
    registerCreate(app, deps);
    registerLists(app, deps);
    registerRemove(app, deps);
    registerRead(app, deps);
    registerFallback(app, deps);
    return app;
  },
  registerCli: registerPasteCli,
});
