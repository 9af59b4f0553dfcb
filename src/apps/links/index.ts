/**
 * go/ links: a golink-compatible short-link service (default hostname `go`, dev port 8080).
 *
 * The app's files:
 * - `index.ts` — this declaration;
 * - `config.ts` — the `apps.links` schema and the `--links-*` flags;
 * - `schema.ts` — the database's migrations; `store.ts` — its SQL (links, history, full-text
 *   index) and `stats.ts` — click counts, flushed on the platform's schedule;
 * - `service/` — what the app does, called by the routes and the CLI: `index.ts` save, edit and
 *   rename, delete, restore, import; `resolver.ts` where links lead (the hot path, alias chains);
 *   `listing.ts` listings and search;
 * - `access.ts` — what a caller and its grant may change; `errors.ts` — every failure with
 *   golink's status and text, and the mapping for the platform's renderer;
 * - `routes/` — `index.ts` wires the app together; `go.ts` golink's routing and resolution (the
 *   hot path), `reads.ts`, `writes.ts`, `import.ts`, `export.ts`, `static.ts`; `http.ts` what
 *   they share (golink's Accept rule and its text errors);
 * - `cli.ts` — `tailyard links resolve|import`; `assets.ts` — the app's static files (the favicon);
 * - pure modules with their tests: `resolve.ts` (link ids, paths, expansion, alias chains),
 *   `expand.ts` (the hot path's caching expander), `template/` (Go's text/template and the URL,
 *   time and escaping rules golink's answers depend on), `template-lane.ts` (a fair share of the
 *   CPU for expensive templates), `destination.ts` (what a link must be to be stored),
 *   `snapshot.ts` (golink's JSON Lines export), `link.ts` (golink's JSON), `gohttp.ts` (Go's
 *   `net/http` path and header rules), `metrics.ts` (golink's Prometheus metrics).
 * Pages are `views/links/`. The links database is offered to the SQL console whole (`sqlViews`).
 *
 * @example
 *   tailyard serve --links-snapshot golink-export.jsonl --links-readonly
 */
import { defineApp } from '../../platform/app.js';
import { linksAssets } from './assets.js';
import { registerLinksCli } from './cli.js';
import { type LinksConfig, LinksConfigSchema, linksFlags } from './config.js';
import { errors } from './errors.js';
import { linksRoutes } from './routes/index.js';
import { migrations } from './schema.js';

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
  assets: linksAssets,
  sqlViews: ({ database }) => ({ label: 'go/ links (tailyard)', database }),
  create: linksRoutes,
  registerCli: registerLinksCli,
});
