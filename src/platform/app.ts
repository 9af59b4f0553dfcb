/**
 * The app interface: what an app declares, and the services the platform hands its factory.
 *
 * An app is a hono app plus metadata. The platform opens its database (running its migrations),
 * parses its config section, mounts it behind the shared middleware (identity, logging, metrics,
 * security headers, CSRF) on its own listener, and calls its close hooks on shutdown.
 *
 * @example
 *   export const notesApp = defineApp({
 *     id: 'notes', title: 'Notes', defaultHostname: 'notes', defaultDevPort: 8090,
 *     defaultCapName: 'example.com/cap/notes', fullAccessCaps: [{ write: true }],
 *     configSchema: z.object({ greeting: z.string().default('hi') }),
 *     migrations: [{ version: 1, name: 'notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' }],
 *     create: ({ db, config }) => new Hono<AppEnv>().get('/', (c) => c.text(config.greeting)),
 *   });
 */
import type { Database } from 'better-sqlite3';
import type { Command } from 'commander';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { CsrfExemptRoute } from './csrf.js';
import type { Caller } from './identity.js';
import type { Identification } from './tailnet/mode.js';

/** hono environment shared by every app: what the platform middleware puts on the context. */
export interface AppEnv {
  Variables: {
    caller: Caller;
    requestId: string;
    log: Logger;
  };
}

/** One numbered schema step. `up` is SQL (may hold several statements) or a function for data moves. */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database) => void);
}

/** An append-only, durable audit trail. `append` returns only once the entry is on disk, and throws otherwise. */
export interface AuditSink {
  append(event: Record<string, unknown>): void;
  /**
   * Group-committing `append` for hot request paths: resolves once the entry is on disk, sharing
   * one fsync with concurrent commits; rejects if it cannot be written. Optional for sinks.
   */
  commit?(event: Record<string, unknown>): Promise<unknown>;
}

/** A flag on `tailyard serve` that sets one key of the app's config section (e.g. `--links-readonly`). */
export interface AppFlag {
  /** Long flag name without dashes, e.g. `links-readonly`. Its env twin is `TAILYARD_LINKS_READONLY`. */
  flag: string;
  /** Key in the app's config section. */
  key: string;
  description: string;
  kind: 'boolean' | 'string' | 'number';
}

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

export interface AppServices<Config> {
  /** This app's own database (WAL, foreign keys, migrated). No other app can open it. */
  db: Database;
  /** Logger bound to `{app: id}`. */
  log: Logger;
  /** The platform's Prometheus registry; name app metrics `tailyard_<app>_…`. */
  metrics: Registry;
  /** Durable hash-chained audit log for this app (`<data>/<app>.audit.jsonl` unless configured). */
  audit: AuditSink;
  /** The app's parsed config section. */
  config: Config;
  /** The capability name this deployment uses for the app (configurable; upstream name by default). */
  capName: string;
  /** The data directory (apps keep extra files, such as key files, under it). */
  dataDir: string;
  /** `dev`, `managed` or `host`. */
  mode: 'dev' | 'managed' | 'host';
  /** The hostname users type (e.g. `go`); in dev mode `127.0.0.1:8080`. */
  hostname: string;
  /** WhoIs on an address and the app's canonical URL (see {@link AppTailnet}). */
  tailnet: AppTailnet;
  /** Registers work to run on graceful shutdown, before the database closes (e.g. flush counters). */
  onClose(fn: () => void | Promise<void>): void;
  /** In-process APIs apps offer each other (see {@link AppPeers}). */
  peers: AppPeers;
}

/**
 * In-process APIs apps offer each other, e.g. the secrets app lets the SQL console read a
 * connection string (checked against the secrets app's own grants for that app, and audited as
 * it). The platform fills the registry as it creates the apps, in start-up order.
 *
 * @example
 *   services.peers.provide({ readSecret });                        // in the secrets app's create()
 *   services.peers.get<SecretsPeer>('secrets')?.readSecret('sql', 'prod/db-url'); // later, from another app
 */
export interface AppPeers {
  /** Offers this app's in-process API to the other apps (call once, from `create`). */
  provide(api: object): void;
  /**
   * App `appId`'s API, or undefined when that app is disabled, offers none, or is not created yet
   * (so call it while serving, not from `create`).
   */
  get<T extends object>(appId: string): T | undefined;
}

export interface AppDefinition<Config = unknown> {
  id: string;
  title: string;
  defaultHostname: string;
  defaultDevPort: number;
  /** Upstream capability name (e.g. `tailscale.com/cap/golink`); deployments may rename it. */
  defaultCapName: string;
  /** Capability values that grant everything; the dev caller holds these unless `--dev-caps` replaces them. */
  fullAccessCaps: unknown[];
  /**
   * Routes exempt from the platform's cross-origin (CSRF) check because they authenticate the
   * client themselves and never act on the caller's tailnet identity, e.g. an OAuth token
   * endpoint that browser-based clients call cross-origin. Exact paths; a trailing `*` matches a
   * prefix. Everything else that acts on the caller's identity stays guarded.
   *
   * @example csrfExempt: [{ method: 'POST', path: '/token' }, { method: 'POST', path: '/introspect' }]
   */
  csrfExempt?: CsrfExemptRoute[];
  /**
   * The app's URLs are capabilities (unguessable ids that grant access, like paste links): the
   * access log then names each request by its route pattern (`/paste/:id`), never its path.
   */
  capabilityUrls?: boolean;
  /** Paths reachable anonymously when the app is on Funnel (e.g. `/p/`); empty for tailnet-only apps. */
  publicPathPrefixes?: string[];
  /**
   * When this returns true, a peer the tailnet cannot identify (WhoIs has no match, e.g. a host
   * behind a subnet router) reaches the app as an anonymous caller instead of getting 403, and the
   * app decides what it may do (golink's `--allow-unknown-users`). A failing WhoIs is still 503.
   */
  admitUnknownPeers?(config: Config): boolean;
  configSchema: z.ZodType<Config>;
  /**
   * The request-body limit for every route of the app (default: the platform's 1 MiB). Routes can
   * still set a tighter one with `bodyLimit(...)`; only this can raise it.
   */
  maxBodyBytes?(config: Config): number;
  /** Make every commit durable against power loss (`synchronous=FULL`), e.g. for secrets. */
  durableCommits?: boolean;
  /**
   * Refuse to start the app while the data directory, or a file in it, is open to the group or
   * others (other apps only get a start-up warning), e.g. for secrets.
   */
  requiresPrivateDataDir?: boolean;
  flags?: AppFlag[];
  migrations: Migration[];
  create(services: AppServices<Config>): Hono<AppEnv> | Promise<Hono<AppEnv>>;
  /** Adds the app's own subcommands to the `tailyard` CLI (e.g. `tailyard links resolve`). */
  registerCli?(program: Command): void;
}

/** Identity function that keeps the Config type parameter inferred from the schema. */
export function defineApp<Config>(def: AppDefinition<Config>): AppDefinition<Config> {
  return def;
}
