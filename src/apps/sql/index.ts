/**
 * The SQL console: a tailsql-compatible query console for SQLite and PostgreSQL (default hostname
 * `tailsql`, dev port 8083, capability `tailscale.com/cap/tailsql` with values `{"src": [...]}`).
 *
 * Module map:
 * - `config.ts` — the `apps.sql` schema (tailsql's keys and tailyard's) and the `--sql-config`
 *   flag; `config/` reads a tailsql config file (`load.ts`) and Go durations (`duration.ts`).
 * - `schema.ts` — the migrations: tailsql's query log tables; `store.ts` — the query log's SQL.
 * - `service.ts` — one query in tailsql's order (access → `meta:`/`named:` → read-only check →
 *   driver → query log), cancel, schema reads; `page-query.ts` — a query as the page shows it.
 * - `access.ts` — what a grant allows (`{"src": [...]}`, tailsql's default policy).
 * - `errors.ts` — every failure with its status and tailsql's body, and the `errors` mapping
 *   for the platform's renderer.
 * - `setup.ts` — the parts built at start-up: runner pool, query log, sources, service;
 *   `app-sources.ts` (which apps' views are sources: `appSources`, dev mode's default),
 *   `source-health.ts` (`/healthz` from what the sources found when opened).
 * - `routes/` — `index.ts` mounts `tailsql.ts` (`/`, `/csv`, `/json`, `/meta`, the fallback; they
 *   answer in tailsql's wire format, `wire.ts`), `export.ts`, `pages.ts` (`/schema`, `/history`)
 *   and `api.ts` (the script's JSON API), whose failures the platform renders; `gate.ts`
 *   (tailsql's checks), `fetch-site.ts` (requests other sites start), `respond.ts` (streaming),
 *   `present.ts` (view models).
 * - `sources.ts` (sources incl. secret-backed ones), `drivers/` (SQLite runner processes,
 *   PostgreSQL read-only cursors), `safety/` (read-only classification, `file:` URLs, protected
 *   files), `format/` (Go value formatting, download encoders), `rules.ts` (UI rewrite rules),
 *   `memory-stream.ts` (`meta:named`), `metrics.ts` (the runner pool's gauges).
 *
 * Views are in `views/sql/` (given view models only; `empty.tsx` instead of an empty picker), the browser code in `views/sql/client/`
 * (bundled to `sql-console.js|css`, which only this app serves). Other apps are reached only
 * through the platform: secret-backed sources through the `SecretsReader` peer, `appSources`
 * through the SQL views the apps declare (`ctx.suite.sqlViews()`), and the files no source may
 * open from `ctx.suite.privateFiles()`. tailsql's `hostname` is the default of
 * `serve.sql.hostname`, as it names tailsql's node.
 *
 * @example
 *   tailyard serve --sql-config /etc/tailsql.hujson
 */
import { assetFiles } from '../../../views/assets.js';
import { defineApp } from '../../platform/app.js';
import { TAILSQL_CAP } from './access.js';
import { flags, type SqlConfig, SqlConfigSchema } from './config.js';
import { errors } from './errors.js';
import { sqlRoutes } from './routes/index.js';
import { migrations } from './schema.js';

export const sqlApp = defineApp<SqlConfig>({
  apiVersion: 1,
  id: 'sql',
  title: 'SQL console',
  defaultHostname: 'tailsql',
  defaultDevPort: 8083,
  defaultCapName: TAILSQL_CAP,
  fullAccessCaps: [{ src: ['*'] }],
  configSchema: SqlConfigSchema,
  flags,
  migrations,
  serveDefaults: (config) => ({ hostname: config.hostname }),
  errors,
  // The console's script and stylesheet, bundled from npm at build time. Looked up when the app
  // is mounted, not when this module loads, so bundles built in between (a test building them
  // before it starts the app) are served.
  get assets() {
    return assetFiles(['sql-console.js', 'sql-console.css', 'sql-favicon.svg']);
  },
  create: (ctx) => sqlRoutes(ctx),
});
