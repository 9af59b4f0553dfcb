/**
 * The console's parts, built once at start-up from its settings and context: the SQLite runner
 * pool, the query log (tailsql's `localState` file, or the app's own database), the sources
 * (configured ones, secret-backed ones read through the `SecretsReader` peer, the query log as
 * `localSource`, and the SQL views other apps offer as `appSources`), and the service the routes
 * call. Everything opened here is closed by the context's close hooks.
 *
 * Other apps are reached only through the platform: the peer for secrets, `ctx.suite.sqlViews()`
 * for app sources, `ctx.suite.privateFiles()` for the files no source may open.
 *
 * @example
 *   const deps = openConsole(ctx); // { service, settings, rules, queryLog }
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { SecretsReader } from '../../platform/peers/secrets-reader.js';
import type { SourceSpec, SqlConfig } from './config.js';
import { parseGoDuration } from './config/duration.js';
import { expandEnv, loadSqlSettings, type SqlSettings } from './config/load.js';
import { SqlitePool } from './drivers/sqlite/pool.js';
import { registerSqlMetrics } from './metrics.js';
import { compileRules, type Rule } from './rules.js';
import { ProtectedFiles } from './safety/protected.js';
import { parseSqliteUrl } from './safety/sqlite-url.js';
import { ensureQueryLogSchema } from './schema.js';
import { SqlService } from './service.js';
import { type SecretReader, SecretSource, type Source, type SourceContext, type SourceInit, UrlSource } from './sources.js';
import { QueryLog } from './store.js';

/** What the routes share. */
export interface SqlDeps {
  service: SqlService;
  settings: SqlSettings;
  /** The UI rewrite rules, compiled. */
  rules: readonly Rule[];
  queryLog: QueryLog;
}

/** Where the query log lives: tailsql's `localState` file if set, else the app's own database. */
function openQueryLog(settings: SqlSettings, ctx: AppContext<SqlConfig>, guard: ProtectedFiles): { db: Database.Database; path: string } {
  if (!settings.localState) return { db: ctx.db, path: join(ctx.dataDir, 'sql.db') };
  const { path, memory } = parseSqliteUrl(expandEnv(settings.localState, process.env), process.cwd());
  if (memory) throw new ConfigError('sql: localState must be a file');
  guard.check(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  ensureQueryLogSchema(db);
  ctx.onClose(() => {
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

/** Reads a secret as the SQL app through the secrets app's peer API (trimmed text; the bytes are wiped). */
function secretReader(ctx: AppContext<SqlConfig>): SecretReader {
  return async (name, known) => {
    const peer = ctx.peers.get(SecretsReader);
    if (!peer) throw new Error('the secrets app is not enabled in this tailyard');
    const got = await peer.get('sql', name, known);
    if (got === 'unchanged') return got;
    try {
      return { value: Buffer.from(got.value).toString('utf8').trim(), version: got.version };
    } finally {
      got.value.fill(0);
    }
  };
}

function buildSources(settings: SqlSettings, ctx: AppContext<SqlConfig>, sourceCtx: SourceContext, logPath: string): Source[] {
  const readSecret = secretReader(ctx);
  const sources: Source[] = settings.sources.map((spec) =>
    spec.secret
      ? new SecretSource(initOf(spec, settings), sourceCtx, spec.secret, readSecret)
      : new UrlSource(initOf(spec, settings), sourceCtx, spec.url ?? ''),
  );
  const plain = { named: {}, driver: 'sqlite' as const, timeoutMs: 0, uiRows: settings.uiRows, maxRows: settings.maxRows };
  if (settings.localSource) {
    const init = { ...plain, slug: settings.localSource, label: 'tailsql local state', named: { schema: 'select * from sqlite_schema' } };
    sources.push(new UrlSource(init, sourceCtx, logPath));
  }
  // tailyard's own databases, as the apps offer them (never under the default policy).
  const offered = ctx.suite.sqlViews();
  for (const app of settings.appSources) {
    const set = offered[app];
    if (!set) throw new ConfigError(`apps.sql.appSources: app "${app}" offers no SQL views (apps that do: ${Object.keys(offered).join(', ') || 'none'})`);
    const init: SourceInit = { ...plain, slug: app, appSource: true, label: set.label, views: set.views };
    sources.push(new UrlSource(init, sourceCtx, set.database));
  }
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.slug)) throw new ConfigError(`sql: source "${s.slug}" is defined twice`);
    seen.add(s.slug);
  }
  return sources;
}

/** Builds the console's parts (see the module comment). Throws ConfigError for a bad config. */
export function openConsole(ctx: AppContext<SqlConfig>): SqlDeps {
  const { log } = ctx;
  const settings = loadSqlSettings(ctx.config, { log, cwd: process.cwd(), env: process.env });
  const guard = new ProtectedFiles(ctx.suite.privateFiles());
  const logDb = openQueryLog(settings, ctx, guard);
  const pool = new SqlitePool({ size: settings.sqliteWorkers, protectedFiles: guard.files, log });
  registerSqlMetrics(ctx.metrics, pool);
  const sourceCtx: SourceContext = { pool, guard, log, cwd: process.cwd() };
  const sources = buildSources(settings, ctx, sourceCtx, logDb.path);
  ctx.onClose(async () => {
    await Promise.all(sources.map((s) => s.close().catch(() => undefined)));
    await pool.close();
  });
  // Check what can be checked now (file sources, PostgreSQL roles), so problems show at start-up.
  for (const s of sources) if (!(s instanceof SecretSource)) s.driver().catch((err: Error) => log.error({ source: s.slug, err: err.message }, 'source unavailable'));
  const queryLog = new QueryLog(logDb.db, { onError: (err) => log.warn({ err: err.message }, 'WARNING: Error logging query') });
  ctx.onClose(() => queryLog.flush());
  const service = new SqlService({ sources, capName: ctx.capName, queryTimeoutMs: settings.queryTimeoutMs, log, queryLog }, settings.maxRows);
  return { service, settings, rules: compileRules(settings.rewriteRules), queryLog };
}
