/**
 * The secrets app: a drop-in server for tailscale/setec's Go client and CLI (default hostname
 * `setec`, dev port 8082), with access set by tailnet grants, values encrypted at rest under a
 * KEK, and a durable hash-chained audit log.
 *
 * Module map: `wire.ts` (setec's JSON), `access.ts` (grants), `names.ts` (the name rule),
 * `errors.ts` (statuses, and the `errors` mapping for the platform's renderer), `store.ts`
 * (SQLite + version rules), `sealing.ts` (values sealed under the platform's envelope, tag
 * `tailyard/secrets/v1`) and `keys.ts` (data keys in memory) over the KEK from `ctx.keys`,
 * `rotate.ts` (KEK rotation), `service.ts` (access → store → audit), `routes.ts` (HTTP),
 * `peer.ts` (the `SecretsReader` peer for other apps), `cli.ts` (`tailyard secret …`), `client/`
 * (the `tailyard/secrets` client library). `secrets.db*` and `secrets.key*` are private files:
 * no SQL source may open them.
 *
 * @example
 *   await startPlatform({ config: { apps: { secrets: { maxValueBytes: 65536 } } }, apps: [secretsApp] });
 */
import { defineApp } from '../../platform/app.js';
import { SecretsReader } from '../../platform/peers/secrets-reader.js';
import { ACTIONS, SECRETS_CAP } from './access.js';
import { registerSecretCli } from './cli.js';
import { requestBodyLimit, type SecretsConfig, SecretsConfigSchema } from './config.js';
import { errors } from './errors.js';
import { DataKeys } from './keys.js';
import { openSecretsKek } from './rotate.js';
import { secretsRoutes } from './routes/api.js';
import { migrations } from './schema.js';
import { secretsPeer } from './peer.js';
import { SecretsService } from './service.js';
import { SecretsStore } from './store.js';

export const secretsApp = defineApp<SecretsConfig>({
  apiVersion: 1,
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
  privateFiles: { holds: 'secrets store', files: ['secrets.db*', 'secrets.key*'] },
  errors,
  async create({ db, log, metrics, audit, config, capName, onClose, peers, keys: kekKeys }) {
    // Freed pages are zeroed, so deleted (sealed) values do not linger in the file.
    db.pragma('secure_delete = ON');
    const store = new SecretsStore(db);
    const kek = await openSecretsKek(kekKeys, config.kek, store.kekId());
    if (store.kekId() === undefined) store.setKekId(kek.initialId);
    const keys = new DataKeys(kek);
    onClose(() => keys.close());
    const longNames = store.countLongNames(config.maxNameBytes);
    if (longNames > 0) {
      log.warn(
        { secrets: longNames, maxNameBytes: config.maxNameBytes },
        'some stored secrets have names longer than maxNameBytes: they are listed but cannot be read, changed or deleted until the limit is raised',
      );
    }
    const service = new SecretsService({ store, keys, audit, capName, log, initialKekId: kek.initialId });
    peers.provide(SecretsReader, secretsPeer(service, capName, config.appGrants, config.maxNameBytes));
    return secretsRoutes({ service, maxValueBytes: config.maxValueBytes, maxNameBytes: config.maxNameBytes, metrics, log });
  },
  registerCli: registerSecretCli,
});
