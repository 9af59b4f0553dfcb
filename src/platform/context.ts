/**
 * `AppContext`: everything an app's `create(ctx)` receives from the platform (app API v1).
 *
 * Its own database (`<dataDir>/<id>.db`, migrated), logger, metrics registry, durable audit sink
 * (`<dataDir>/<id>.audit.db`), parsed config section, capability name, mode and hostname;
 * the tailnet (WhoIs, its URL); a folder of its own for other files (`files`); envelope sealing
 * under a key-encryption key (`keys`); periodic work (`schedule`); its readiness on `/healthz`
 * (`health`); typed APIs of other apps (`peers`); what the SQL console needs of the others
 * (`suite`); and the wall clock (`clock`, which tests can fix: see clock.ts). Request access beyond hono (raw body, node's request) is in `request.ts`.
 *
 * @example
 *   create(ctx) {
 *     ctx.schedule('sweep', 60_000, () => store.sweep(), { runAtStart: true });
 *     ctx.health(() => ({ ready: true }));
 *     return routes(ctx);
 *   }
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AuditSink } from './app.js';
import type { Clock } from './clock.js';
import type { HealthState } from './health.js';
import type { Keys } from './keys/keys.js';
import type { AppPeers } from './peers/peer.js';
import type { Schedule } from './schedule.js';
import type { SuiteView } from './suite-view.js';
import type { Identification } from './tailnet/mode.js';

/** The app's own view of the tailnet, for work outside a request from the user concerned. */
export interface AppTailnet {
  /**
   * WhoIs on a tailnet address (`ip` or `ip:port`), with the outcomes of request identification:
   * a caller, `unknown` (not a node of the tailnet), or a thrown `IdentityUnavailableError`.
   * In dev mode a loopback address is the dev caller.
   */
  whois(addr: string): Promise<Identification>;
  /** The URL users reach the app at, e.g. `https://idp.tail1234.ts.net` (dev: `http://127.0.0.1:8084`); undefined before it is served. */
  baseUrl(): string | undefined;
}

export interface AppContext<Config = unknown> {
  /** This app's own database (WAL, foreign keys, migrated). No other app can open it. */
  db: Database;
  /** Logger bound to `{app: id}`. */
  log: Logger;
  /** The platform's Prometheus registry; name app metrics `tailyard_<app>_…`. */
  metrics: Registry;
  /** Durable hash-chained audit log for this app (`<data>/<app>.audit.db`). */
  audit: AuditSink;
  /** The app's parsed `apps.<id>` section. */
  config: Config;
  /** The capability name this deployment uses for the app (configurable; upstream name by default). */
  capName: string;
  /** The data directory. Keep other files in `files`, not next to the databases. */
  dataDir: string;
  /** The app's own folder, `<dataDir>/<id>/`, created 0700 when first read. */
  readonly files: string;
  /** `dev`, `managed` or `host`. */
  mode: 'dev' | 'managed' | 'host';
  /** The hostname users type (e.g. `go`); in dev mode `127.0.0.1:8080`. */
  hostname: string;
  /** WhoIs on an address and the app's canonical URL (see {@link AppTailnet}). */
  tailnet: AppTailnet;
  /** Registers work to run on graceful shutdown, before the database closes (e.g. flush counters). */
  onClose(fn: () => void | Promise<void>): void;
  /** Typed in-process APIs apps offer each other (contracts in `platform/peers/`). */
  peers: AppPeers;
  /** Envelope sealing under the app's key-encryption key (see `keys/keys.ts`). */
  keys: Keys;
  /** Periodic work run by the platform: never overlapping, failures logged, stopped on shutdown. */
  schedule: Schedule;
  /** Reports the app's own readiness on `/healthz` (a later call replaces the check). */
  health(check: () => HealthState): void;
  /** What the SQL console needs of the other apps, without naming them. */
  suite: SuiteView;
  /**
   * The wall clock for whatever the app stores or decides by date (expiry, token lifetimes,
   * timestamps). Read it instead of `Date.now()`: tests and the compatibility replay fix it.
   */
  clock: Clock;
}

/**
 * An app's context from its parts, adding `files` (`<dataDir>/<id>/`, created 0700 when first
 * read, so apps that keep no other files leave no empty folder).
 *
 * @example const ctx = appContext('notes', { db, log, … });
 */
export function appContext<Config>(appId: string, parts: Omit<AppContext<Config>, 'files'>): AppContext<Config> {
  const files = join(parts.dataDir, appId);
  return Object.defineProperty({ ...parts }, 'files', {
    enumerable: true,
    get() {
      mkdirSync(files, { recursive: true, mode: 0o700 });
      return files;
    },
  }) as AppContext<Config>;
}
