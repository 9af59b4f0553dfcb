/**
 * The runtime: turns a config and a list of app definitions into running listeners.
 *
 * For each enabled app it opens the app's own database (migrated), builds its services, wraps the
 * app's hono routes in the shared middleware, and hands the result to the tailnet mode to serve.
 * An admin listener on loopback (127.0.0.2 in managed mode: see admin-listen.ts) serves
 * `/healthz` and `/metrics`. Before anything opens, the data directory is locked for the life of
 * the platform (data-dir-lock.ts): a second platform on it, in this process or another, is
 * refused with `DataDirInUseError`. `close()` stops accepting, lets in-flight requests finish
 * within the grace period, runs the apps' close hooks, closes the databases, stops the tailnet
 * nodes, then releases the data directory.
 *
 * @example
 *   const p = await startPlatform({ config: { dataDir: './data' }, apps: [linksApp] });
 *   console.log(p.urls.links); // ['http://127.0.0.1:8080/']
 *   await p.close();
 */
import { readFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { staticAssets } from '../../views/assets.js';
import { defaultAdminListen, sideDoorWarning } from './admin-listen.js';
import type { AppDefinition, AuditSink, AppServices } from './app.js';
import { type AuditLogOptions, auditLogPath, openAuditLog } from './audit.js';
import { ConfigError, defaultDevLogin, type LoadedConfig, resolveConfig, type ResolvedApp } from './config.js';
import { type ListenerPort, lockDataDir } from './data-dir-lock.js';
import { type CapMap, IdentityUnavailableError } from './identity.js';
import { looseEntries } from './files.js';
import { HostAllowlist, hostGuard } from './hosts.js';
import { createLogger, type Logger } from './logging.js';
import { createMetrics, type PlatformMetrics } from './metrics.js';
import { CLIENT_CLOSED_REQUEST, clientWentAway, type PlatformEnv, requestPipeline, withSecurityHeaders } from './middleware.js';
import { appDatabasePath, openAppDatabase, type SqliteDatabase } from './storage.js';
import { assertLoopback, type DevIdentity } from './tailnet/dev.js';
import { closeGracefully, createAppServer, listenOn } from './tailnet/http-server.js';
import { createTailnetMode } from './tailnet/index.js';
import type { AppListenSpec, ServedApp, TailnetMode } from './tailnet/mode.js';

/** Default request-body limit for every route; apps set tighter or looser ones per route. */
export const DEFAULT_BODY_LIMIT = 1 << 20;

export interface StartOptions {
  /** Raw settings (file + env + flags merged); validated here. */
  config: unknown;
  apps: AppDefinition[];
  log?: Logger;
  /** Skip process-wide default metrics (tests and benchmarks start many platforms). */
  defaultMetrics?: boolean;
}

export interface RunningPlatform {
  config: LoadedConfig;
  log: Logger;
  urls: Record<string, string[]>;
  adminUrl: string | null;
  mode: TailnetMode;
  metrics: PlatformMetrics;
  /** Idempotent graceful shutdown. */
  close(): Promise<void>;
}

interface MountedApp {
  spec: AppListenSpec;
  db: SqliteDatabase;
  closeHooks: Array<() => void | Promise<void>>;
  audit: LazyAudit;
  served?: ServedApp;
}

/** Reads the dev caller's identity: `--dev-caps` replaces the full-access default. */
export function devIdentity(config: LoadedConfig): DevIdentity {
  const login = config.platform.dev.login ?? defaultDevLogin();
  const file = config.platform.dev.capsFile;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`dev.capsFile ${file}: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every(Array.isArray)) {
      throw new ConfigError(`dev.capsFile ${file}: expected a JSON object {"capName": [values...]}`);
    }
    return { login, capMap: parsed as CapMap };
  }
  const capMap: Record<string, readonly unknown[]> = {};
  for (const app of config.apps) capMap[app.capName] = app.def.fullAccessCaps;
  return { login, capMap };
}

export async function startPlatform(opts: StartOptions): Promise<RunningPlatform> {
  const config = resolveConfig(opts.config, opts.apps);
  const { platform } = config;
  const log = opts.log ?? createLogger(platform.log.level);
  const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics });
  const dataDir = resolve(platform.dataDir);
  const dirLock = lockDataDir(dataDir);
  let mode: TailnetMode;
  try {
    checkDataDirPrivacy(dataDir, config.apps, log);
    mode = await createTailnetMode({ config: platform, log, dev: devIdentity(config) });
  } catch (err) {
    dirLock.release();
    throw err;
  }
  const specs = config.apps.map(listenSpec);
  const mounted: MountedApp[] = [];
  const peerApis = new Map<string, object>();
  let admin: Awaited<ReturnType<typeof startAdmin>> | undefined;

  const close = once(async () => {
    try {
      await admin?.close();
      await Promise.all(mounted.map((m) => m.served?.close(platform.shutdownGraceMs)));
      for (const m of mounted) {
        for (const hook of m.closeHooks) {
          try {
            await hook();
          } catch (err) {
            log.error({ app: m.spec.appId, err: (err as Error).message }, 'close hook failed');
          }
        }
        m.audit.close();
        m.db.close();
      }
      await mode.close();
    } finally {
      // Last: nothing of this platform may touch the directory once another can take it.
      dirLock.release();
      log.flush();
    }
  });

  try {
    if (platform.admin.enabled) {
      const listen = platform.admin.listen ?? defaultAdminListen(platform.mode);
      const warning = sideDoorWarning(platform.mode, listen);
      if (warning) log.warn({ listen }, `SIDE DOOR: ${warning}`);
      admin = await startAdmin(listen, mode, metrics, log);
    }
    await mode.start(specs);
    for (const [i, app] of config.apps.entries()) {
      const spec = specs[i] as AppListenSpec;
      const { listener, ...m } = await mountApp(app, spec, { dataDir, audit: platform.audit, mode, metrics, log, peerApis });
      mounted.push(m);
      const hosts = new HostAllowlist(app.extraHosts);
      const guarded = hostGuard(hosts, listener, {
        hint: `to reach it under another name (e.g. behind a reverse proxy), add that name to apps.${app.def.id}.extraHosts`,
        onRefused: () => metrics.misdirected.inc({ app: app.def.id }),
      });
      m.served = await mode.serve(spec, withSecurityHeaders(guarded), hosts);
    }
  } catch (err) {
    await close();
    throw err;
  }

  const urls = Object.fromEntries(mounted.map((m) => [m.spec.appId, m.served?.urls ?? []]));
  const ports: ListenerPort[] = mounted.flatMap((m) => (m.served?.ports ?? []).map((port) => ({ name: m.spec.appId, port })));
  if (admin) ports.push({ name: 'admin', port: admin.port });
  dirLock.record(ports);
  return { config, log, urls, adminUrl: admin?.url ?? null, mode, metrics, close };
}

/**
 * Warns when other users can read the data directory or a file in it, and refuses to start when
 * an app that keeps secrets is enabled then.
 */
function checkDataDirPrivacy(dataDir: string, apps: ResolvedApp[], log: Logger): void {
  const loose = looseEntries(dataDir);
  if (loose.length === 0) return;
  const fix = `run: chmod 700 ${dataDir} && chmod 600 ${dataDir}/*.db* ${dataDir}/*.jsonl* ${dataDir}/tailyard.lock*, or chmod go-rwx on each path listed`;
  const strict = apps.filter((a) => a.def.requiresPrivateDataDir).map((a) => a.def.id);
  if (strict.length) {
    throw new Error(`refusing to start the ${strict.join(' and ')} app: other users can access the data directory: ${loose.join(', ')}; ${fix}`);
  }
  log.warn({ paths: loose, fix }, 'other users can access the data directory; tailyard creates its files 0600 and its directories 0700');
}

function listenSpec(app: ResolvedApp): AppListenSpec {
  return {
    appId: app.def.id,
    hostname: app.hostname,
    devHost: app.devHost,
    devPort: app.devPort,
    hostPort: app.hostPort,
    backendPort: app.backendPort,
    funnel: app.funnel,
  };
}

interface MountDeps {
  dataDir: string;
  audit: AuditLogOptions;
  mode: TailnetMode;
  metrics: PlatformMetrics;
  log: Logger;
  /** The APIs apps offer each other (`AppServices.peers`), by app id. */
  peerApis: Map<string, object>;
}

async function mountApp(app: ResolvedApp, spec: AppListenSpec, deps: MountDeps): Promise<MountedApp & { listener: RequestListener }> {
  const { def } = app;
  const log = deps.log.child({ app: def.id });
  const db = openAppDatabase(appDatabasePath(deps.dataDir, def.id), def.migrations, {
    synchronous: def.durableCommits ? 'FULL' : 'NORMAL',
  });
  const closeHooks: MountedApp['closeHooks'] = [];
  const audit = new LazyAudit(auditLogPath(deps.dataDir, def.id), { ...deps.audit, warn: (msg) => log.warn(msg) });
  try {
    const services: AppServices<unknown> = {
      db,
      log,
      metrics: deps.metrics.registry,
      audit,
      config: app.config,
      capName: app.capName,
      dataDir: deps.dataDir,
      mode: deps.mode.kind,
      hostname: deps.mode.kind === 'dev' ? `${spec.devHost}:${spec.devPort}` : app.hostname,
      onClose: (fn) => closeHooks.push(fn),
      peers: {
        provide: (api) => void deps.peerApis.set(def.id, api),
        get: <T extends object>(id: string) => deps.peerApis.get(id) as T | undefined,
      },
      tailnet: {
        whois: (addr) =>
          deps.mode.whoisAddr?.(def.id, addr) ?? Promise.reject(new IdentityUnavailableError(`the ${deps.mode.kind} tailnet mode cannot look addresses up`)),
        baseUrl: () => deps.mode.baseUrl?.(def.id),
      },
    };
    const routes = await def.create(services);
    const root = new Hono<PlatformEnv>();
    root.route('/', staticAssets());
    root.use(
      requestPipeline({
        appId: def.id,
        log,
        metrics: deps.metrics,
        mode: deps.mode,
        anonymous: {
          funnel: spec.funnel,
          prefixes: def.publicPathPrefixes ?? [],
          admitUnknownPeers: def.admitUnknownPeers?.(app.config) ?? false,
        },
        maxBodyBytes: def.maxBodyBytes?.(app.config) ?? DEFAULT_BODY_LIMIT,
        csrfExempt: def.csrfExempt,
        pathInLog: !def.capabilityUrls,
      }),
    );
    root.route('/', routes as unknown as Hono<PlatformEnv>);
    root.onError((err, c) => {
      if (clientWentAway(c.env.incoming)) {
        // Not our error: the client closed the connection before we could answer.
        return new Response(null, { status: CLIENT_CLOSED_REQUEST });
      }
      log.error({ err: err.message, stack: err.stack }, 'unhandled error');
      return c.text('internal error\n', 500);
    });
    const listener = getRequestListener(root.fetch) as RequestListener;
    return { spec, db, closeHooks, audit, listener };
  } catch (err) {
    audit.close();
    db.close();
    throw err;
  }
}

/** Opens the app's audit log on first use, so apps that never audit leave no empty file behind. */
class LazyAudit implements AuditSink {
  private log?: ReturnType<typeof openAuditLog>;
  constructor(
    private readonly path: string,
    private readonly options: AuditLogOptions,
  ) {}
  append(event: Record<string, unknown>): void {
    this.log ??= openAuditLog(this.path, this.options);
    this.log.append(event);
  }
  async commit(event: Record<string, unknown>): Promise<void> {
    this.log ??= openAuditLog(this.path, this.options);
    await this.log.commit(event);
  }
  close(): void {
    this.log?.close();
  }
}

async function startAdmin(listen: string, mode: TailnetMode, metrics: PlatformMetrics, log: Logger) {
  const idx = listen.lastIndexOf(':');
  const host = listen.slice(0, idx).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(idx + 1));
  assertLoopback(host, 'admin listen address');
  const app = new Hono();
  app.get('/healthz', (c) => {
    const nodes = mode.health();
    const ready = Object.values(nodes).every((n) => n.ready);
    return c.json({ ready, mode: mode.kind, apps: nodes }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  // The admin pages are read-only, but a rebinding page could still read /metrics: check Host too.
  const hosts = new HostAllowlist();
  const server = createAppServer(withSecurityHeaders(hostGuard(hosts, getRequestListener(app.fetch) as RequestListener)), log);
  const addr = await listenOn(server, host, port);
  hosts.set(['127.0.0.1', 'localhost', '[::1]', host], [addr.port]);
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  log.debug({ url }, 'admin listener up');
  return { url, port: addr.port, close: () => closeGracefully(server, 1000) };
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}
