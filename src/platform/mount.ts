/**
 * Mounting one app: its database (migrated), its context (`context.ts`), its routes behind the
 * platform's pipeline (static files first, then identity, CSRF, body limits, the access log),
 * and its errors through the renderer. `unmount` undoes it in order: scheduled tasks stop, the
 * app's close hooks run, its keys are zeroed, its audit log and database close.
 *
 * @example
 *   const m = await mountApp(app, spec, deps);
 *   // … serve m.listener …
 *   await unmount(m, log);
 */
import type { RequestListener } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { AuditSink } from './app.js';
import { type AuditLogOptions, auditLogPath, openAuditLog } from './audit.js';
import { hasAuditLog } from './audit-report.js';
import type { ResolvedApp } from './config.js';
import { platformClock } from './clock.js';
import { appContext } from './context.js';
import { type AppFailure, type PageFrame, renderFailure } from './errors.js';
import type { SuiteFrames } from './frame.js';
import type { HealthChecks } from './health.js';
import { IdentityUnavailableError } from './identity.js';
import { createKeys, type ManagedKeys } from './keys/keys.js';
import type { Logger } from './logging.js';
import type { PlatformMetrics } from './metrics.js';
import { CLIENT_CLOSED_REQUEST, clientWentAway, type PlatformEnv, requestPipeline } from './middleware.js';
import type { PeerRegistry } from './peers/peer.js';
import { nodeRequest } from './request.js';
import { withRequestTargets } from './request-target.js';
import { Scheduler } from './schedule.js';
import { type LoadedAsset, loadAssets, staticRoutes } from './static.js';
import { appDatabasePath, openAppDatabase, type SqliteDatabase } from './storage.js';
import type { SuiteView } from './suite-view.js';
import type { AppListenSpec, TailnetMode } from './tailnet/mode.js';
import { takeRawTarget } from './tailnet/request-line.js';

/** Default request-body limit for every route; apps set tighter or looser ones per route. */
export const DEFAULT_BODY_LIMIT = 1 << 20;

/** What every app shares. */
export interface MountDeps {
  dataDir: string;
  audit: AuditLogOptions;
  mode: TailnetMode;
  metrics: PlatformMetrics;
  log: Logger;
  peers: PeerRegistry;
  health: HealthChecks;
  suite: SuiteView;
  /** The suite's shared static files. */
  sharedAssets: ReadonlyMap<string, LoadedAsset>;
  frame: PageFrame;
  /** The suite frames (navigation) of the enabled apps. */
  frames: SuiteFrames;
  /** Each app's keys, created before mounting (the suite view reads their files). */
  keys: ManagedKeys;
}

export interface MountedApp {
  spec: AppListenSpec;
  db: SqliteDatabase;
  closeHooks: Array<() => void | Promise<void>>;
  scheduler: Scheduler;
  keys: ManagedKeys;
  audit: LazyAudit;
  listener: RequestListener;
}

/** The 404 of a path no route of the app knows (Go's text, as the upstreams answer). */
const NOT_FOUND: AppFailure = { status: 404, code: 'not_found', message: '404 page not found' };
const INTERNAL: AppFailure = { status: 500, code: 'internal', message: 'internal error' };

export async function mountApp(app: ResolvedApp, spec: AppListenSpec, deps: MountDeps): Promise<MountedApp> {
  const { def } = app;
  const log = deps.log.child({ app: def.id });
  const own = loadAssets(def.assets ?? {}, `app "${def.id}"`);
  const assets = staticRoutes(deps.sharedAssets, own, `app "${def.id}"`);
  const db = openAppDatabase(appDatabasePath(deps.dataDir, def.id), def.migrations, {
    synchronous: def.durableCommits ? 'FULL' : 'NORMAL',
    replicated: deps.audit.replicated,
  });
  const closeHooks: MountedApp['closeHooks'] = [];
  const audit = new LazyAudit(auditLogPath(deps.dataDir, def.id), { ...deps.audit, warn: (msg) => log.warn(msg) });
  const scheduler = new Scheduler(log, (task) => deps.metrics.scheduledFailures.inc({ app: def.id, task }));
  try {
    // A log an earlier version kept in files moves into the database now, so it is replicated
    // from the start, and a chain that cannot move stops the start-up instead of every request.
    // Replicated, every audit database exists before Litestream starts (it is told of the files then).
    if (deps.audit.replicated || hasAuditLog(audit.file)) audit.open();
    const ctx = appContext<unknown>(def.id, {
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
      peers: deps.peers.forApp(def.id),
      keys: deps.keys,
      schedule: scheduler.schedule,
      health: deps.health.forApp(def.id),
      suite: deps.suite,
      clock: platformClock,
      tailnet: {
        whois: (addr) =>
          deps.mode.whoisAddr?.(def.id, addr) ?? Promise.reject(new IdentityUnavailableError(`the ${deps.mode.kind} tailnet mode cannot look addresses up`)),
        baseUrl: () => deps.mode.baseUrl?.(def.id),
      },
    });
    const routes = await def.create(ctx);
    const root = new Hono<PlatformEnv>();
    root.route('/', assets);
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
        failureRendering: { app: def.title, frame: deps.frame },
        frame: (anonymous) => deps.frames.forApp(def.id, anonymous),
      }),
    );
    root.route('/', withPlatformErrorDefault(routes as unknown as Hono<PlatformEnv>));
    root.notFound((c) => renderFailure(c, NOT_FOUND));
    root.onError((err, c) => {
      if (clientWentAway(nodeRequest(c))) {
        // Not our error: the client closed the connection before we could answer.
        return new Response(null, { status: CLIENT_CLOSED_REQUEST });
      }
      const failure = def.errors?.(err);
      if (failure) return renderFailure(c, failure);
      log.error({ err: err.message, stack: err.stack }, 'unhandled error');
      return renderFailure(c, INTERNAL);
    });
    const listener = withRequestTargets(getRequestListener(root.fetch) as RequestListener, takeRawTarget);
    return { spec, db, closeHooks, scheduler, keys: deps.keys, audit, listener };
  } catch (err) {
    await scheduler.stop();
    deps.keys.close();
    audit.close();
    db.close();
    throw err;
  }
}

/** hono keeps a sub-app's own error handler under this name (a field its `route()` reads). */
type ErrorHandlerField = { errorHandler: unknown };

/**
 * Lets the errors of an app built with another copy of hono (a plugin with hono in its own
 * node_modules) reach the platform's `onError`, as a same-copy app's do. hono's `route()` mounts
 * a sub-app's handlers as they are only when the sub-app has hono's default error handler, which
 * it recognises by identity: another copy's default is not it, so every handler would be wrapped
 * to answer that copy's bare 500 "Internal Server Error" itself, past the app's `errors` mapping
 * and the renderer. So the other copy's default (what a fresh app of that copy has) becomes ours;
 * an `onError` the app set itself stays, as it does for a same-copy app.
 */
function withPlatformErrorDefault(routes: Hono<PlatformEnv>): Hono<PlatformEnv> {
  if (routes instanceof Hono) return routes;
  const foreign = routes as unknown as ErrorHandlerField & { constructor: new () => ErrorHandlerField };
  if (foreign.errorHandler === new foreign.constructor().errorHandler) {
    foreign.errorHandler = (new Hono() as unknown as ErrorHandlerField).errorHandler;
  }
  return routes;
}

/** Stops a mounted app's work and closes its data (see the module comment). */
export async function unmount(m: Omit<MountedApp, 'listener'>, log: Logger): Promise<void> {
  await m.scheduler.stop();
  for (const hook of m.closeHooks) {
    try {
      await hook();
    } catch (err) {
      log.error({ app: m.spec.appId, err: (err as Error).message }, 'close hook failed');
    }
  }
  m.keys.close();
  m.audit.close();
  m.db.close();
}

/** Opens the app's audit log on first use, so apps that never audit leave no empty file behind. */
export class LazyAudit implements AuditSink {
  private log?: ReturnType<typeof openAuditLog>;
  constructor(
    readonly file: string,
    private readonly options: AuditLogOptions,
  ) {}
  open(): ReturnType<typeof openAuditLog> {
    this.log ??= openAuditLog(this.file, this.options);
    return this.log;
  }
  append(event: Record<string, unknown>): void {
    this.open().append(event);
  }
  async commit(event: Record<string, unknown>): Promise<void> {
    await this.open().commit(event);
  }
  close(): void {
    this.log?.close();
  }
}

/** The keys of one app (created by the platform before mounting, so the suite view sees them). */
export function appKeys(appId: string, dataDir: string, mode: TailnetMode['kind'], log: Logger): ManagedKeys {
  return createKeys({ appId, dataDir, mode, log: log.child({ app: appId }) });
}
