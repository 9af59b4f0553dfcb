/**
 * golink's Prometheus metrics on the platform registry: `golink_clicks_total{path}` (per link id,
 * since start), `golink_not_found_total` and the `golinks_total` gauge; plus how expensive
 * templates fared in the fair-share lane (`tailyard_links_heavy_template_runs_total`).
 *
 * Cardinality: golink labels not-found requests by path, which any caller can grow without
 * bound; here that counter has no label. Clicks are labelled by the normalised id of an existing
 * link, so series are bounded by the number of links, and they are read from the click counters
 * at scrape time rather than updated per request.
 *
 * @example const m = registerLinkMetrics(registry, store, stats); m.notFound.inc();
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ClickStats } from './stats.js';
import type { LinkStore } from './store.js';
import type { TemplateLane } from './template-lane.js';

export function registerLinkMetrics(registry: Registry, store: LinkStore, stats: ClickStats, lane: TemplateLane): { notFound: { inc(): void } } {
  new Counter({
    name: 'golink_clicks_total',
    help: 'Number of link clicks (redirects), by normalised link id, since start.',
    labelNames: ['path'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [path, n] of stats.sinceStart) this.inc({ path }, n);
    },
  });
  const notFound = new Counter({ name: 'golink_not_found_total', help: 'Number of requests for links that do not exist.', registers: [registry] });
  new Gauge({
    name: 'golinks_total',
    help: 'Number of links.',
    registers: [registry],
    collect() {
      this.set(store.count());
    },
  });
  new Counter({
    name: 'tailyard_links_heavy_template_runs_total',
    help: 'Runs of expensive link templates through the fair-share lane, by outcome: ran at once, waited for their share, or refused (503).',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const { heavyRuns, waited, refused } = lane.counts;
      this.inc({ outcome: 'immediate' }, heavyRuns - waited - refused);
      this.inc({ outcome: 'waited' }, waited);
      this.inc({ outcome: 'refused' }, refused);
    },
  });
  return { notFound };
}
