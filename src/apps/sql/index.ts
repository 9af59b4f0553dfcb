/**
 * The SQL console: a tailsql-compatible query console for SQLite and PostgreSQL (default hostname
 * `tailsql`, dev port 8083, capability `tailscale.com/cap/tailsql` with values `{"src": [...]}`).
 *
 * Module map: `config.ts` (the `apps.sql` schema), `config/` (`--sql-config` tailsql files, Go durations),
 * `safety/` (read-only classification, `file:` URLs, protected files), `format/` (Go value
 * formatting, download encoders), `drivers/` (SQLite runner processes, PostgreSQL read-only
 * cursors), `sources.ts` (sources incl. secret-backed ones), `access.ts`, `service.ts` (one
 * query: access → check → driver → query log), `store.ts` (the query log), `rules.ts` (UI rewrite rules),
 * `routes/tailsql.ts` (tailsql's routes), `routes/console.ts` (exports, schema, history, script API),
 * `errors.ts` (statuses, and the `errors` mapping for the platform's renderer), `metrics.ts` (the
 * runner pool's gauges). Views are in `views/sql/`, the browser code in `views/sql/client/`
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
  // The console's script and stylesheet, bundled from npm at build time.
  assets: assetFiles(['sql-console.js', 'sql-console.css']),
  create: (ctx) => sqlRoutes(ctx),
});
