/**
 * `tailyard/app`: the app API, version 1 — everything an app (built in, or a plugin loaded with
 * `tailyard serve --app`) needs from the platform, and nothing else. Stable within a major app
 * API version; the implementation lives in `src/platform/`, this module only re-exports it.
 *
 * An app declares itself with `defineApp({ apiVersion: 1, … })` (see `AppDefinition`); its
 * `create(ctx)` gets an `AppContext` and returns a `Hono<AppEnv>`. Use the `Hono`, `z` and `html`
 * exported here: they are the copies the platform runs with (a plugin may bring its own hono 4
 * and zod 4 as well; see docs/apps.md). A plugin loaded by `tailyard serve --app` imports this
 * module as `tailyard/app` whether or not it installed tailyard itself: the running copy answers.
 *
 * @example
 *   import { defineApp, Hono, z, type AppEnv } from 'tailyard/app';
 *   export default defineApp({
 *     apiVersion: 1, id: 'notes', title: 'Notes', defaultHostname: 'notes', defaultDevPort: 8090,
 *     defaultCapName: 'example.com/cap/notes', fullAccessCaps: [{ write: true }],
 *     configSchema: z.object({ greeting: z.string().default('hi') }),
 *     migrations: [{ version: 1, name: 'create notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' }],
 *     create: ({ config }) => new Hono<AppEnv>().get('/', (c) => c.text(config.greeting)),
 *   });
 */
export type { Command } from 'commander';
export { Hono } from 'hono';
export { html, raw } from 'hono/html';
export { z } from 'zod';
export {
  APP_API_VERSION,
  type AppAssets,
  type AppDefinition,
  type AppEnv,
  type AppFlag,
  type AuditSink,
  defineApp,
  type Migration,
  SUPPORTED_APP_API_VERSIONS,
} from '../platform/app.js';
export type { CliConfigOptions, CliContext, CliLoaded } from '../platform/cli-context.js';
export { type CliIo, cliActor } from '../platform/cli-io.js';
export type { AppContext, AppTailnet } from '../platform/context.js';
export type { CsrfExemptRoute } from '../platform/csrf.js';
export { type AppFailure, type ErrorMapping, renderFailure } from '../platform/errors.js';
export type { HealthState } from '../platform/health.js';
export { ConfigError } from '../platform/config.js';
export { type Caller, type CapMap, capValues, IdentityUnavailableError } from '../platform/identity.js';
export { type KekConfig, KekConfigSchema } from '../platform/keys/config.js';
export { type AadField, type DataKey, type Envelope, EnvelopeError, type WrappedDek } from '../platform/keys/envelope.js';
export type { KekSource, KeyCreation } from '../platform/keys/kek-source.js';
export type { KeyOpenOptions, Keys, Sealer } from '../platform/keys/keys.js';
export { bodyLimit, isApiClient } from '../platform/middleware.js';
export { type AppPeers, definePeer, type PeerContract } from '../platform/peers/peer.js';
export { SecretsReader, type SecretsReaderApi, type SecretValue } from '../platform/peers/secrets-reader.js';
export { localPort, nodeRequest, nodeResponse, rawBody, rawTarget, remoteAddress, requestHeader, setResponseHeaders } from '../platform/request.js';
export type { Schedule, ScheduleOptions } from '../platform/schedule.js';
export type { PrivateFile, PrivateFiles, SqlViewInfo, SqlViewSet, SuiteView } from '../platform/suite-view.js';
export type { Identification } from '../platform/tailnet/mode.js';
