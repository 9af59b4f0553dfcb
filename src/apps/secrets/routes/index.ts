/**
 * The secrets app's wiring (its `create`): the store over the app's database, the KEK from the
 * platform's `keys` (checked against the one the database names), data keys in memory, the
 * service, the `SecretsReader` peer other apps read through, and the two route files on one
 * hono app: setec's API (`api.ts`) and the page (`page.ts`).
 *
 * @example
 *   defineApp({ …, create: createRoutes });
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import type { AppContext } from '../../../platform/context.js';
import { SecretsReader } from '../../../platform/peers/secrets-reader.js';
import type { SecretsConfig } from '../config.js';
import { DataKeys } from '../keys.js';
import { secretsPeer } from '../peer.js';
import { openSecretsKek } from '../rotate.js';
import { SecretsService } from '../service.js';
import { SecretsStore } from '../store.js';
import { apiRoutes } from './api.js';
import { pageRoutes } from './page.js';

/** Builds the app's parts and routes (see the module comment). */
export async function createRoutes(ctx: AppContext<SecretsConfig>): Promise<Hono<AppEnv>> {
  const { db, log, metrics, audit, config, capName } = ctx;
  // Freed pages are zeroed, so deleted (sealed) values do not linger in the file.
  db.pragma('secure_delete = ON');
  const store = new SecretsStore(db);
  const kek = await openSecretsKek(ctx.keys, config.kek, store.kekId());
  if (store.kekId() === undefined) store.setKekId(kek.initialId);
  const keys = new DataKeys(kek);
  ctx.onClose(() => keys.close());
  const longNames = store.countLongNames(config.maxNameBytes);
  if (longNames > 0) {
    log.warn(
      { secrets: longNames, maxNameBytes: config.maxNameBytes },
      'some stored secrets have names longer than maxNameBytes: they are listed but cannot be read, changed or deleted until the limit is raised',
    );
  }
  const service = new SecretsService({ store, keys, audit, capName, log, initialKekId: kek.initialId });
  ctx.peers.provide(SecretsReader, secretsPeer(service, capName, config.appGrants, config.maxNameBytes));

  const app = new Hono<AppEnv>();
  apiRoutes(app, { service, maxValueBytes: config.maxValueBytes, maxNameBytes: config.maxNameBytes, metrics, log });
  pageRoutes(app, { service });
  return app;
}
