/**
 * The secrets app: a drop-in server for tailscale/setec's Go client and CLI (default hostname
 * `setec`, dev port 8082), with access set by tailnet grants, values encrypted at rest under a
 * KEK, and a durable hash-chained audit log.
 *
 * Module map: `wire.ts` (setec's JSON), `acl.ts` (grants), `names.ts` (the name rule),
 * `errors.ts` (statuses), `store.ts` (SQLite + version rules), `keys.ts`/`kek.ts`/`crypto/`
 * (envelope encryption), `service.ts` (access → store → audit), `routes.ts` (HTTP), `peer.ts`
 * (the in-process API for other apps), `cli.ts` (`tailyard secret …`), `client/` (the
 * `tailyard/secrets` client library).
 *
 * @example
 *   await startPlatform({ config: { apps: { secrets: { maxValueBytes: 65536 } } }, apps: [secretsApp] });
 */
import { defineApp } from '../../platform/app.js';
import { ACTIONS, SECRETS_CAP } from './acl.js';
import { registerSecretCli } from './cli.js';
import { requestBodyLimit, SecretsConfigSchema } from './config.js';
import { openKekSource } from './kek.js';
import { DataKeys } from './keys.js';
import { secretsRoutes } from './routes.js';
import { migrations } from './schema.js';
import { secretsPeer } from './peer.js';
import { SecretsService } from './service.js';
import { SecretsStore } from './store.js';

export const secretsApp = defineApp({
  id: 'secrets',
  title: 'Secrets',
  defaultHostname: 'setec',
  defaultDevPort: 8082,
  defaultCapName: SECRETS_CAP,
  fullAccessCaps: [{ action: [...ACTIONS], secret: ['*'] }],
  configSchema: SecretsConfigSchema,
  durableCommits: true,
  requiresPrivateDataDir: true,
  maxBodyBytes: (config) => requestBodyLimit(config.maxValueBytes),
  migrations,
  async create({ db, log, metrics, audit, config, capName, dataDir, mode, onClose, peers }) {
    // Freed pages are zeroed, so deleted (sealed) values do not linger in the file.
    db.pragma('secure_delete = ON');
    const store = new SecretsStore(db);
    const kek = await openKekSource(config.kek, { dataDir, mode, dbKekId: store.kekId(), log });
    if (store.kekId() === undefined) store.setKekId(kek.initialId);
    const keys = new DataKeys(kek);
    onClose(() => {
      keys.close();
      kek.close();
    });
    const longNames = store.countLongNames(config.maxNameBytes);
    if (longNames > 0) {
      log.warn(
        { secrets: longNames, maxNameBytes: config.maxNameBytes },
        'some stored secrets have names longer than maxNameBytes: they are listed but cannot be read, changed or deleted until the limit is raised',
      );
    }
    const service = new SecretsService({ store, keys, audit, capName, log, initialKekId: kek.initialId });
    peers.provide(secretsPeer(service, capName, config.appGrants, config.maxNameBytes));
    return secretsRoutes({ service, maxValueBytes: config.maxValueBytes, maxNameBytes: config.maxNameBytes, metrics, log });
  },
  registerCli: registerSecretCli,
});
