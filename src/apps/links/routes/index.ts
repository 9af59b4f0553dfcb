/**
 * The links app's wiring, what its `create` does: opens the store (importing a `--links-snapshot`
 * file without replacing existing links; a line that cannot be imported is skipped and logged
 * with its line number), has the platform flush click counts on a schedule and at shutdown,
 * registers golink's metrics, builds the service and mounts the route files: golink's routing
 * and resolution first (`go.ts`), then reads, writes, import, exports and golink's static paths.
 * Other methods on `/` answer 200 with no body and any other path golink's 404 text, as golink.
 *
 * @example
 *   create: (ctx) => linksRoutes(ctx)
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import type { AppContext } from '../../../platform/context.js';
import { loadFavicon } from '../assets.js';
import type { LinksConfig } from '../config.js';
import { LinkError, NOT_FOUND_MESSAGE } from '../errors.js';
import { LinkExpander } from '../expand.js';
import { registerLinkMetrics } from '../metrics.js';
import { LinkResolver, LinksService } from '../service/index.js';
import { importLinks, parseSnapshot } from '../snapshot.js';
import { ClickStats } from '../stats.js';
import { LinkStore } from '../store.js';
import { TemplateLane } from '../template-lane.js';
import { exportRoutes } from './export.js';
import { goRoutes } from './go.js';
import { type Deps, golinkText } from './http.js';
import { importRoutes } from './import.js';
import { readRoutes } from './reads.js';
import { staticRoutes } from './static.js';
import { writeRoutes } from './writes.js';

/** Imports the `--links-snapshot` file; existing links win, bad lines are logged and skipped. */
function restoreSnapshot(ctx: AppContext<LinksConfig>, store: LinkStore, file: string): void {
  let bad = 0;
  const onSkip = (err: Error) => {
    bad++;
    ctx.log.warn({ file, err: err.message }, 'skipped a snapshot line');
  };
  const links = parseSnapshot(readFileSync(file, 'utf8'), file, { onSkip });
  const r = importLinks(store, links, { policy: 'skip', actor: 'snapshot' });
  ctx.log.info({ file, added: r.added.length, kept: r.skipped.length + r.unchanged.length, skipped: bad }, 'restored links from snapshot');
}

/** The app's routes over its data (see the module comment). */
export function linksRoutes(ctx: AppContext<LinksConfig>): Hono<AppEnv> {
  const { db, config, log } = ctx;
  const store = new LinkStore(db);
  if (config.snapshot) restoreSnapshot(ctx, store, config.snapshot);
  const stats = new ClickStats(db);
  // A failed flush keeps the clicks pending for the next one (the platform logs the failure).
  ctx.schedule('flush click stats', config.statsFlushMs, () => stats.flush());
  ctx.onClose(() => stats.close());
  const lane = new TemplateLane();
  const { notFound } = registerLinkMetrics(ctx.metrics, store, stats, lane);
  const brand = ctx.mode === 'dev' ? 'go' : ctx.hostname;
  const expander = new LinkExpander({
    maxBytes: config.unmeteredTemplates ? Number.POSITIVE_INFINITY : config.templateBudgetBytes,
    deadlineMs: config.templateDeadlineMs,
  });
  const links = new LinksService({ store, stats, audit: ctx.audit, config });
  const resolver = new LinkResolver({ store, stats, expander, lane, config, brand, notFound });
  const deps: Deps = { links, resolver, capName: ctx.capName, log, brand, registry: ctx.metrics, favicon: loadFavicon() };
  const app = new Hono<AppEnv>();
  goRoutes(app, deps);
  readRoutes(app, deps);
  writeRoutes(app, deps);
  importRoutes(app, deps);
  exportRoutes(app, deps);
  staticRoutes(app, deps);
  app.all('/', (c) => c.body(null, 200));
  app.all('*', (c) => golinkText(c, new LinkError(404, NOT_FOUND_MESSAGE)));
  return app;
}
