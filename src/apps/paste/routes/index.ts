/**
 * The paste app's wiring (its `create`): the store over the app's database, the render cache, the
 * creation rate limiter and the service; the sweeper of expired pastes, which the platform
 * schedules; the renderers, loaded once the app is up; and the route files on one hono app, the
 * anonymous (Funnel) guard first and the 404/405 fallback last.
 *
 * @example
 *   defineApp({ …, create: createRoutes });
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import type { AppContext } from '../../../platform/context.js';
import { RateLimiter } from '../../../platform/ratelimit.js';
import type { PasteConfig } from '../config.js';
import { RenderCache } from '../render-cache.js';
import { loadRenderers } from '../renderers.js';
import { PasteService } from '../service.js';
import { PasteStore } from '../store.js';
import { anonymousGuard, fallbackRoutes } from './guard.js';
import type { PasteDeps } from './http.js';
import { listRoutes } from './lists.js';
import { pageRoutes } from './pages.js';
import { postRoutes } from './post.js';
import { readRoutes } from './read.js';
import { removeRoutes } from './remove.js';

/** How long after start-up the renderers start loading (importing them is slower than starting up). */
const WARM_AFTER_MS = 1000;

/** Builds the app's parts and routes (see the module comment). */
export function createRoutes({ db, config, capName, log, mode, hostname, tailnet, onClose, schedule }: AppContext<PasteConfig>): Hono<AppEnv> {
  const store = new PasteStore(db);
  const cache = new RenderCache(config.renderCacheBytes);
  const service = new PasteService({ store, config, capName, log, cache, renderers: loadRenderers, limiter: new RateLimiter(config.rateLimit) });
  // A one-off, not periodic work: the first paste rarely waits for the renderers.
  const warm = setTimeout(() => void loadRenderers().catch((err: Error) => log.error({ err: err.message }, 'loading the renderers failed')), WARM_AFTER_MS);
  warm.unref();
  onClose(() => clearTimeout(warm));
  schedule(
    'remove expired pastes',
    config.sweepIntervalSeconds * 1000,
    () => {
      const n = service.sweep();
      if (n > 0) log.info({ removed: n }, 'removed expired pastes');
    },
    { runAtStart: true },
  );

  const deps: PasteDeps = { service, config, log, brand: mode === 'dev' ? 'paste' : hostname, baseUrl: () => tailnet.baseUrl() };
  const app = new Hono<AppEnv>();
  app.use(anonymousGuard(deps));
  pageRoutes(app, deps);
  postRoutes(app, deps);
  listRoutes(app, deps);
  removeRoutes(app, deps);
  readRoutes(app, deps);
  fallbackRoutes(app, deps);
  return app;
}
