/**
 * The app interface, version 1: what an app declares (`defineApp`), checked by the platform
 * before it hosts the app. What `create` receives is in `context.ts`.
 *
 * An app is a hono app plus metadata. The platform opens its database (running its migrations),
 * parses its config section (`apps.<id>`; how it is hosted is `serve.<id>`), mounts it behind the
 * shared middleware (identity, logging, metrics, security headers, CSRF) on its own listener,
 * serves its static files, renders the errors its `errors` mapping knows, and calls its close
 * hooks on shutdown.
 *
 * @example
 *   export const notesApp = defineApp({
 *     apiVersion: 1,
 *     id: 'notes', title: 'Notes', defaultHostname: 'notes', defaultDevPort: 8090,
 *     defaultCapName: 'example.com/cap/notes', fullAccessCaps: [{ write: true }],
 *     configSchema: z.object({ greeting: z.string().default('hi') }),
 *     migrations: [{ version: 1, name: 'create notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' }],
 *     create: ({ config }) => new Hono<AppEnv>().get('/', (c) => c.text(config.greeting)),
 *   });
 */
import type { Database } from 'better-sqlite3';
import type { Command } from 'commander';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { CliContext } from './cli-context.js';
import { ConfigError } from './config.js';
import type { AppContext } from './context.js';
import type { CsrfExemptRoute } from './csrf.js';
import type { ErrorMapping, FailureRendering } from './errors.js';
import type { SuiteFrame } from './frame.js';
import type { Caller } from './identity.js';
import type { ServeSettings } from './serve-config.js';
import type { PrivateFiles, SqlViewInfo, SqlViewSet } from './suite-view.js';

/** The app API this platform implements. An app declares the version it was written for. */
export const APP_API_VERSION = 1;

/** The app API versions this platform can host. */
export const SUPPORTED_APP_API_VERSIONS: readonly number[] = [APP_API_VERSION];

/** hono environment shared by every app: what the platform middleware puts on the context. */
export interface AppEnv {
  Variables: {
    caller: Caller;
    requestId: string;
    log: Logger;
    /** For `renderFailure`: the app's title and the suite's page frame. */
    failureRendering: FailureRendering;
    /** The suite frame for the app's pages (`frame.ts`): pass it to the page shell. */
    frame: SuiteFrame;
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

/**
 * The app's own static files: file name → absolute path. Each is served, by this app only, at
 * `/.tailyard/static/<name>` (next to the suite's shared files, whose names it must not reuse),
 * from memory and cacheable forever (pages add a content hash to the URL).
 */
export type AppAssets = Readonly<Record<string, string>>;

export interface AppDefinition<Config = unknown> {
  /** The app API version the app was written for; this platform hosts {@link SUPPORTED_APP_API_VERSIONS}. */
  apiVersion: number;
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
   * Hosting defaults the app derives from its own config, below `serve.<id>` (the SQL console
   * takes tailsql's `hostname` as the default of `serve.sql.hostname`).
   */
  serveDefaults?(config: Config): Partial<Pick<ServeSettings, 'hostname'>>;
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
  create(ctx: AppContext<Config>): Hono<AppEnv> | Promise<Hono<AppEnv>>;
  /**
   * The app's errors as failures for the platform's renderer (`errors.ts`): an error that escapes
   * a route and is mapped here is answered as HTML, JSON or text by `Accept`; an unmapped one is
   * a logged 500 `internal error`.
   */
  errors?: ErrorMapping;
  /** The app's own static files (see {@link AppAssets}). */
  assets?: AppAssets;
  /** Data the app offers the SQL console, read-only (listed as `appSources` candidates). */
  sqlViews?(info: SqlViewInfo<Config>): SqlViewSet | undefined;
  /** Files under the data directory no SQL source (or anything reading user paths) may ever open. */
  privateFiles?: PrivateFiles;
  /** Adds the app's own subcommands to the `tailyard` CLI (e.g. `tailyard links resolve`). */
  registerCli?(program: Command, cli: CliContext<Config>): void;
}

/** Identity function that keeps the Config type parameter inferred from the schema. */
export function defineApp<Config>(def: AppDefinition<Config>): AppDefinition<Config> {
  return def;
}

/**
 * Refuses an app written for an app API this platform does not implement, naming where it
 * came from (`built in`, or a plugin's file) and this tailyard's version.
 *
 * @example checkApiVersion(def, './notes.mjs', '1.0.0') // throws ConfigError unless def.apiVersion is 1
 */
export function checkApiVersion(def: { id: string; apiVersion?: unknown }, source: string, version: string): void {
  if (typeof def.apiVersion === 'number' && SUPPORTED_APP_API_VERSIONS.includes(def.apiVersion)) return;
  const asked = def.apiVersion === undefined ? '(none: apiVersion is missing)' : JSON.stringify(def.apiVersion);
  throw new ConfigError(
    `app "${def.id}" (${source}) asks for app API version ${asked}; this tailyard (${version}) supports version ${SUPPORTED_APP_API_VERSIONS.join(', ')}`,
  );
}
