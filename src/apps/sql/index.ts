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
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { assetFiles } from '../../../views/assets.js';
import { type AppEnv, defineApp } from '../../platform/app.js';
import { ConfigError } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { SecretsReader } from '../../platform/peers/secrets-reader.js';
import { registerConsoleRoutes } from './routes/console.js';
import { parseGoDuration } from './config/duration.js';
import { expandEnv, loadSqlSettings, type SqlSettings } from './config/load.js';
import { type SourceSpec, type SqlConfig, SqlConfigSchema } from './config.js';
import { SqlitePool } from './drivers/sqlite/pool.js';
import { errors } from './errors.js';
import { TAILSQL_CAP } from './access.js';
import { registerSqlMetrics } from './metrics.js';
import { ensureQueryLogSchema, QueryLog } from './store.js';
import { registerFallback, registerTailsqlRoutes } from './routes/tailsql.js';
import { compileRules } from './rules.js';
import { ProtectedFiles } from './safety/protected.js';
import { parseSqliteUrl } from './safety/sqlite-url.js';
import { SqlService } from './service.js';
import { type SecretReader, SecretSource, type Source, type SourceContext, type SourceInit, UrlSource } from './sources.js';

/** Where the query log lives: tailsql's `localState` file if set, else the app's own database. */
function openQueryLog(settings: SqlSettings, services: AppContext<SqlConfig>, guard: ProtectedFiles): { db: Database.Database; path: string } {
  if (!settings.localState) return { db: services.db, path: join(services.dataDir, 'sql.db') };
  const { path, memory } = parseSqliteUrl(expandEnv(settings.localState, process.env), process.cwd());
  if (memory) throw new ConfigError('sql: localState must be a file');
  guard.check(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  ensureQueryLogSchema(db);
  services.onClose(() => {
    db.close();
  });
  return { db, path };
}

function initOf(spec: SourceSpec, settings: SqlSettings): SourceInit {
  return {
    slug: spec.source,
    label: spec.label,
    named: spec.named,
    driver: spec.driver,
    timeoutMs: spec.timeout ? parseGoDuration(spec.timeout) : 0,
    uiRows: spec.uiRows ?? settings.uiRows,
    maxRows: spec.maxRows ?? settings.maxRows,
  };
}

function buildSources(settings: SqlSettings, services: AppContext<SqlConfig>, ctx: SourceContext, logPath: string): Source[] {
  const readSecret: SecretReader = async (name, known) => {
    const peer = services.peers.get(SecretsReader);
    if (!peer) throw new Error('the secrets app is not enabled in this tailyard');
    const got = await peer.get('sql', name, known);
    if (got === 'unchanged') return got;
    try {
      return { value: Buffer.from(got.value).toString('utf8').trim(), version: got.version };
    } finally {
      got.value.fill(0);
    }
  };
  const sources: Source[] = settings.sources.map((spec) =>
    spec.secret ? new SecretSource(initOf(spec, settings), ctx, spec.secret, readSecret) : new UrlSource(initOf(spec, settings), ctx, spec.url ?? ''),
  );
  const plain = { named: {}, driver: 'sqlite' as const, timeoutMs: 0, uiRows: settings.uiRows, maxRows: settings.maxRows };
  if (settings.localSource) {
    sources.push(new UrlSource({ ...plain, slug: settings.localSource, label: 'tailsql local state', named: { schema: 'select * from sqlite_schema' } }, ctx, logPath));
  }
  // tailyard's own databases, as the apps offer them (never under the default policy).
  const offered = services.suite.sqlViews();
  for (const app of settings.appSources) {
    const set = offered[app];
    if (!set) throw new ConfigError(`apps.sql.appSources: app "${app}" offers no SQL views (apps that do: ${Object.keys(offered).join(', ') || 'none'})`);
    const init: SourceInit = { ...plain, slug: app, appSource: true, label: set.label, views: set.views };
    sources.push(new UrlSource(init, ctx, set.database));
  }
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.slug)) throw new ConfigError(`sql: source "${s.slug}" is defined twice`);
    seen.add(s.slug);
  }
  return sources;
}

export const sqlApp = defineApp<SqlConfig>({
  apiVersion: 1,
  id: 'sql',
  title: 'SQL console',
  defaultHostname: 'tailsql',
  defaultDevPort: 8083,
  defaultCapName: TAILSQL_CAP,
  fullAccessCaps: [{ src: ['*'] }],
  configSchema: SqlConfigSchema,
  flags: [{ flag: 'sql-config', key: 'configFile', kind: 'string', description: 'a tailsql config file (HuJSON), used unchanged' }],
  migrations: [{ version: 1, name: 'tailsql query log', up: (db) => ensureQueryLogSchema(db) }],
  serveDefaults: (config) => ({ hostname: config.hostname }),
  errors,
  // The console's script and stylesheet, bundled from npm at build time.
  assets: assetFiles(['sql-console.js', 'sql-console.css']),
  create(services) {
    const { log } = services;
    const settings = loadSqlSettings(services.config, { log, cwd: process.cwd(), env: process.env });
    const guard = new ProtectedFiles(services.suite.privateFiles());
    const logDb = openQueryLog(settings, services, guard);
    const pool = new SqlitePool({ size: settings.sqliteWorkers, protectedFiles: guard.files, log });
    registerSqlMetrics(services.metrics, pool);
    const ctx: SourceContext = { pool, guard, log, cwd: process.cwd() };
    const sources = buildSources(settings, services, ctx, logDb.path);
    services.onClose(async () => {
      await Promise.all(sources.map((s) => s.close().catch(() => undefined)));
      await pool.close();
    });
    // Check what can be checked now (file sources, PostgreSQL roles), so problems show at start-up.
    for (const s of sources) if (!(s instanceof SecretSource)) s.driver().catch((err: Error) => log.error({ source: s.slug, err: err.message }, 'source unavailable'));
    const queryLog = new QueryLog(logDb.db, { onError: (err) => log.warn({ err: err.message }, 'WARNING: Error logging query') });
    services.onClose(() => queryLog.flush());
    const service = new SqlService({ sources, capName: services.capName, queryTimeoutMs: settings.queryTimeoutMs, log, queryLog }, settings.maxRows);
    const deps = { service, settings, rules: compileRules(settings.rewriteRules), queryLog };
    const app = new Hono<AppEnv>();
    registerConsoleRoutes(app, deps);
    registerTailsqlRoutes(app, deps);
    registerFallback(app, deps);
    return app;
  },
});
