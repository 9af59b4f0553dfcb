/**
 * The runtime: turns a config and a list of app definitions into running listeners.
 *
 * It checks each app's API version, resolves the config (logging a warning per deprecated key),
 * and for each enabled app mounts it (`mount.ts`: database, context, pipeline, errors) behind
 * the Host check and hands it to the tailnet mode to serve. What the apps share is built here:
 * the peer registry, the health checks, the suite view (SQL views and private files of every
 * known app), and the look the composition root passes in (`frame`, shared `assets`; the
 * platform imports no views). An admin listener on loopback (127.0.0.2 in managed mode: see
 * admin-listen.ts) serves `/healthz` (each app's node and own readiness) and `/metrics`.
 * Before anything opens, the data directory is locked for the life of the platform
 * (data-dir-lock.ts): a second platform on it, in this process or another, is refused with
 * `DataDirInUseError`. With `replicate.url` set, once every app is mounted (so every database
 * exists), Litestream replicates them all under the platform's supervision (replicate/), shown
 * on `/healthz` as `replication` (which does not make the apps unready: a replica out of reach
 * must not take them off the tailnet) and on `/metrics`. `close()` stops accepting, lets
 * in-flight requests finish within the grace period, stops the apps' scheduled tasks, runs their
 * close hooks, closes the databases, stops the replicator (after its last upload), stops the
 * tailnet nodes, then releases the data directory.
 *
 * @example
 *   const p = await startPlatform({ config: { dataDir: './data' }, apps: [linksApp], ...suite() });
 *   console.log(p.urls.links); // ['http://127.0.0.1:8080/']
 *   await p.close();
 */
import { readFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { defaultAdminListen, sideDoorWarning } from './admin-listen.js';
import { type AppAssets, type AppDefinition, checkApiVersion } from './app.js';
import { platformClock } from './clock.js';
import { ConfigError, defaultDevLogin, type LoadedConfig, resolveConfig, type ResolvedApp } from './config.js';
import { type ListenerPort, lockDataDir } from './data-dir-lock.js';
import { bareFrame, failureBody, failureFormat, type PageFrame } from './errors.js';
import { looseEntries } from './files.js';
import { HealthChecks } from './health.js';
import { HostAllowlist, hostGuard } from './hosts.js';
import type { CapMap } from './identity.js';
import type { ManagedKeys } from './keys/keys.js';
import { createLogger, type Logger } from './logging.js';
import { createMetrics, type PlatformMetrics } from './metrics.js';
import { withSecurityHeaders } from './middleware.js';
import { appKeys, type MountedApp, mountApp, unmount } from './mount.js';
import { replicatedFiles } from './replicate/files.js';
import { type ReplicationHealth, ReplicationSupervisor, replicationMetrics } from './replicate/supervisor.js';
import { tailyardVersion } from './package.js';
import { PeerRegistry } from './peers/peer.js';
import { appListener, checkPorts, listenFailure } from './ports.js';
import { chooseLogFormat } from './log-pretty.js';
import { loadAssets } from './static.js';
import { appDatabasePath } from './storage.js';
import { type SuiteMember, suiteView } from './suite-view.js';
import { suiteFrames } from './frame.js';
import { assertLoopback, type DevIdentity } from './tailnet/dev.js';
import { closeGracefully, createAppServer, listenOn } from './tailnet/http-server.js';
import { createTailnetMode } from './tailnet/index.js';
import type { AppListenSpec, ServedApp, TailnetMode } from './tailnet/mode.js';

export { DEFAULT_BODY_LIMIT } from './mount.js';

export interface StartOptions {
  /** Raw settings (file + env + flags merged); validated here. */
  config: unknown;
  /** Every app this tailyard knows, in start-up order; the config decides which are enabled. */
  apps: AppDefinition[];
  /** Where each app came from, for messages (a plugin's file, see `plugins.ts`); default `built in`. */
  appSources?: Readonly<Record<string, string>>;
  /** The suite's page frame for HTML error pages (from the composition root; default a bare page). */
  frame?: PageFrame;
  /** The suite's shared static files, served to every app (from the composition root). */
  assets?: AppAssets;
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

type Mounted = Omit<MountedApp, 'listener'> & { served?: ServedApp };

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
  // Before the config: an app written for another API may not even declare its schema the same way.
  const version = tailyardVersion();
  for (const def of opts.apps) checkApiVersion(def, opts.appSources?.[def.id] ?? 'built in', version);
  const config = resolveConfig(opts.config, opts.apps);
  checkPorts(config, opts.appSources);
  checkClock();
  const { platform } = config;
  const log = opts.log ?? createLogger(platform.log.level, undefined, chooseLogFormat(platform.log.format, process.stdout.isTTY === true));
  for (const message of config.deprecations) log.warn({}, message);
  const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics });
  const dataDir = resolve(platform.dataDir);
  const dirLock = lockDataDir(dataDir);
  let mode: TailnetMode;
  let sharedAssets: ReturnType<typeof loadAssets>;
  try {
    checkDataDirPrivacy(dataDir, config.apps, log);
    sharedAssets = loadAssets(opts.assets ?? {}, 'the suite');
    mode = await createTailnetMode({ config: platform, log, dev: devIdentity(config) });
  } catch (err) {
    dirLock.release();
    throw err;
  }
  const specs = config.apps.map(listenSpec);
  const keys = new Map<string, ManagedKeys>(config.apps.map((a) => [a.def.id, appKeys(a.def.id, dataDir, mode.kind, log)]));
  const suite = suiteView(dataDir, config.known.map((a) => suiteMember(a, dataDir, keys.get(a.def.id))));
  const peers = new PeerRegistry();
  const health = new HealthChecks();
  const frame = opts.frame ?? bareFrame;
  const frames = suiteFrames(config.apps.map((a) => ({ id: a.def.id, name: a.def.title, url: () => mode.baseUrl?.(a.def.id) })));
  const mounted: Mounted[] = [];
  let admin: Awaited<ReturnType<typeof startAdmin>> | undefined;
  const replication = platform.replicate
    ? new ReplicationSupervisor({ settings: platform.replicate, dataDir, databases: () => replicatedFiles(dataDir, config.known.map((a) => a.def.id)), log })
    : undefined;

  const close = once(async () => {
    try {
      await admin?.close();
      await Promise.all(mounted.map((m) => m.served?.close(platform.shutdownGraceMs)));
      for (const m of mounted) await unmount(m, log);
      await replication?.stop();
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
      admin = await startAdmin(listen, mode, health, metrics, log, replication ? () => replication.health() : undefined);
    }
    await mode.start(specs);
    for (const [i, app] of config.apps.entries()) {
      const spec = specs[i] as AppListenSpec;
      const deps = { dataDir, audit: config.audit, mode, metrics, log, peers, health, suite, sharedAssets, frame, frames, keys: keys.get(app.def.id) as ManagedKeys };
      const { listener, ...rest } = await mountApp(app, spec, deps);
      const m: Mounted = rest;
      mounted.push(m);
      const hosts = new HostAllowlist(app.extraHosts);
      const guarded = hostGuard(hosts, listener, {
        hint: `to reach it under another name (e.g. behind a reverse proxy), add that name to serve.${app.def.id}.extraHosts (apps.${app.def.id}.extraHosts in older configs)`,
        onRefused: () => metrics.misdirected.inc({ app: app.def.id }),
        render: (accept, failure) => failureBody(failure, failureFormat(accept), app.def.title, frame),
      });
      m.served = await mode.serve(spec, withSecurityHeaders(guarded), hosts).catch((err: NodeJS.ErrnoException) => {
        throw listenFailure(err, appListener(app.def.id, platform.mode, opts.appSources?.[app.def.id]));
      });
    }
    if (replication) {
      await replication.start();
      replicationMetrics(metrics.registry, replication);
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

/** Refuses a test clock outside tests, or one that is not an instant, before anything opens (exit 2 from the CLI). */
function checkClock(): void {
  try {
    platformClock.millis();
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/** What the suite view knows of an app (enabled or not): its SQL views, its private files, its open keys. */
function suiteMember(app: ResolvedApp, dataDir: string, keys: ManagedKeys | undefined): SuiteMember {
  const { def } = app;
  return {
    id: def.id,
    sqlViews: def.sqlViews?.({ database: appDatabasePath(dataDir, def.id), dataDir, config: app.config }),
    privateFiles: def.privateFiles,
    keyFiles: () => keys?.files() ?? [],
  };
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

async function startAdmin(
  listen: string,
  mode: TailnetMode,
  health: HealthChecks,
  metrics: PlatformMetrics,
  log: Logger,
  replication: (() => Promise<ReplicationHealth>) | undefined,
) {
  const idx = listen.lastIndexOf(':');
  const host = listen.slice(0, idx).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(idx + 1));
  assertLoopback(host, 'admin listen address');
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const apps = healthReport(mode.health(), health.states());
    const ready = Object.values(apps).every((a) => a.ready);
    const replicated = replication ? { replication: await replication() } : {};
    return c.json({ ready, mode: mode.kind, apps, ...replicated }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  // The admin pages are read-only, but a rebinding page could still read /metrics: check Host too.
  const hosts = new HostAllowlist();
  const server = createAppServer(withSecurityHeaders(hostGuard(hosts, getRequestListener(app.fetch) as RequestListener)), log, { goRequests: false });
  const addr = await listenOn(server, host, port).catch((err: unknown) => {
    throw listenFailure(err, { who: 'the admin listener (/healthz, /metrics)', key: 'admin.listen', flag: '--admin-listen' }, listen);
  });
  hosts.set(['127.0.0.1', 'localhost', '[::1]', host], [addr.port]);
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  log.debug({ url }, 'admin listener up');
  return { url, port: addr.port, close: () => closeGracefully(server, 1000) };
}

/**
 * Each app's `/healthz` entry: its tailnet node's state, with the app's own (`ctx.health`) as
 * `app`; the app is ready when both are.
 */
export function healthReport(nodes: ReturnType<TailnetMode['health']>, apps: ReturnType<HealthChecks['states']>) {
  const out: Record<string, ReturnType<TailnetMode['health']>[string] & { app?: (typeof apps)[string] }> = {};
  for (const [id, node] of Object.entries(nodes)) {
    const own = apps[id];
    out[id] = own ? { ...node, ready: node.ready && own.ready, app: own } : node;
  }
  return out;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}
