/**
 * go/ links: a golink-compatible short-link service (default hostname `go`, dev port 8080).
 *
 * Wires the store, click stats, template expander and metrics into the routes: reads
 * (`reads.ts`), writes (`writes.ts`), admin import (`imports.ts`) and, for every path outside
 * the `/.` namespace, link resolution (`go.ts`). A `--links-snapshot` file is imported at start
 * without replacing existing links; a line that cannot be imported is skipped and logged with its
 * line number. A form body that cannot be parsed is a 400 whichever route reads it (the
 * `errors` mapping: golink's plain text for API clients). Click counts are flushed by a task the
 * platform schedules. The links database is offered to the SQL console whole (`sqlViews`).
 *
 * @example
 *   tailyard serve --links-snapshot golink-export.jsonl --links-readonly
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { type AppEnv, defineApp } from '../../platform/app.js';
import type { AppFailure } from '../../platform/errors.js';
import { BadFormError } from '../../platform/form.js';
import { registerLinksCli } from './cli.js';
import { type LinksDeps, textError } from './routes/http.js';
import { type LinksConfig, LinksConfigSchema, linksFlags } from './config.js';
import { LinkExpander } from './expand.js';
import { goLinks } from './routes/go.js';
import { registerImport } from './routes/import.js';
import { registerLinkMetrics } from './metrics.js';
import { registerReads } from './routes/reads.js';
import { importLinks, parseSnapshot } from './snapshot.js';
import { ClickStats } from './stats.js';
import { LinkStore } from './store.js';
import { migrations } from './schema.js';
import { TemplateLane } from './template-lane.js';
import { registerWrites } from './routes/writes.js';

/** The app's errors for the platform's renderer: a form body that cannot be parsed is a 400. */
function errors(err: unknown): AppFailure | undefined {
  return err instanceof BadFormError ? { status: 400, code: 'bad_request', message: err.message } : undefined;
}

export const linksApp = defineApp<LinksConfig>({
  apiVersion: 1,
  id: 'links',
  title: 'go/ links',
  defaultHostname: 'go',
  defaultDevPort: 8080,
  defaultCapName: 'tailscale.com/cap/golink',
  fullAccessCaps: [{ admin: true }],
  configSchema: LinksConfigSchema,
  flags: linksFlags,
  migrations,
  admitUnknownPeers: (config) => config.allowUnknownUsers,
  errors,
  sqlViews: ({ database }) => ({ label: 'go/ links (tailyard)', database }),
  create(services) {
    const { db, config, log } = services;
    const store = new LinkStore(db);
    if (config.snapshot) {
      let bad = 0;
      const onSkip = (err: Error) => {
        bad++;
        log.warn({ file: config.snapshot, err: err.message }, 'skipped a snapshot line');
      };
      const links = parseSnapshot(readFileSync(config.snapshot, 'utf8'), config.snapshot, { onSkip });
      const r = importLinks(store, links, { policy: 'skip', actor: 'snapshot' });
      log.info({ file: config.snapshot, added: r.added.length, kept: r.skipped.length + r.unchanged.length, skipped: bad }, 'restored links from snapshot');
    }
    const stats = new ClickStats(db);
    // A failed flush keeps the clicks pending for the next one (the platform logs the failure).
    services.schedule('flush click stats', config.statsFlushMs, () => stats.flush());
    services.onClose(() => stats.close());
    const lane = new TemplateLane();
    const { notFound } = registerLinkMetrics(services.metrics, store, stats, lane);
    const deps: LinksDeps = {
      store,
      stats,
      lane,
      expander: new LinkExpander({
        maxBytes: config.unmeteredTemplates ? Number.POSITIVE_INFINITY : config.templateBudgetBytes,
        deadlineMs: config.templateDeadlineMs,
      }),
      config,
      capName: services.capName,
      log,
      audit: services.audit,
      brand: services.mode === 'dev' ? 'go' : services.hostname,
      notFound,
    };
    const app = new Hono<AppEnv>();
    app.use('*', goLinks(deps));
    registerReads(app, deps, services.metrics);
    registerWrites(app, deps);
    registerImport(app, deps);
    app.all('/', (c) => c.body(null, 200));
    app.all('*', (c) => textError(c, 404, '404 page not found'));
    return app;
  },
  registerCli: registerLinksCli,
});
