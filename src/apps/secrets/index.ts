/**
 * The secrets app: a drop-in server for tailscale/setec's Go client and CLI (default hostname
 * `setec`, dev port 8082), with access set by tailnet grants, values encrypted at rest under a
 * KEK, and a durable hash-chained audit log. `secrets.db*` and `secrets.key*` are private files:
 * no SQL source may open them.
 *
 * Module map (the shape every app has, then its own parts):
 * - `index.ts` — this declaration;
 * - `config.ts` — `apps.secrets`: value and name limits, the KEK, other apps' grants;
 * - `schema.ts` — the migrations of `secrets.db`;
 * - `store.ts` — SQL only: secrets, versions, wrapped data keys, the version rules;
 * - `service.ts` — the operations: access check → store → audit entry;
 * - `access.ts` — what a grant allows (setec's rules and patterns);
 * - `errors.ts` — every failure's status and message, for setec's wire and the platform's renderer;
 * - `routes/` — `index.ts` wires the parts (the app's `create`), `api.ts` is setec's API (wire
 *   answers only), `page.ts` the page (its errors go through the renderer);
 * - `cli.ts` — `tailyard secret …`;
 * - `wire.ts` — setec's JSON, in and out (pure);
 * - `names.ts` — the name rule every way in shares;
 * - `sealing.ts` — values sealed under the platform's envelope, tag `tailyard/secrets/v1`;
 * - `keys.ts` — data keys in memory, over the KEK from `ctx.keys`;
 * - `rotate.ts` — the KEK the server opens, and its rotation by the CLI;
 * - `peer.ts` — the `SecretsReader` contract other apps read through;
 * - `client/` — the published `tailyard/secrets` client library.
 * The page is `views/secrets/list.tsx`.
 *
 * @example
 *   await startPlatform({ config: { apps: { secrets: { maxValueBytes: 65536 } } }, apps: [secretsApp] });
 */
import { defineApp } from '../../platform/app.js';
import { ACTIONS, SECRETS_CAP } from './access.js';
import { registerSecretCli } from './cli.js';
import { requestBodyLimit, type SecretsConfig, SecretsConfigSchema } from './config.js';
import { errors } from './errors.js';
import { createRoutes } from './routes/index.js';
import { assetFiles } from '../../../views/assets.js';
import { migrations } from './schema.js';

export const secretsApp = defineApp<SecretsConfig>({
  apiVersion: 1,
  id: 'secrets',
  title: 'secrets',
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
  assets: assetFiles(['secrets-favicon.svg']),
  create: createRoutes,
  registerCli: registerSecretCli,
});
