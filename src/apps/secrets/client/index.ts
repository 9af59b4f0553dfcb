/**
 * `tailyard/secrets`: a TypeScript client for setec-compatible secrets servers (tailyard's
 * secrets app, or tailscale/setec itself).
 *
 * @example
 *   import { SecretsClient, SecretStore } from 'tailyard/secrets';
 *   const client = new SecretsClient({ server: 'https://setec.example.ts.net' });
 *   const store = await SecretStore.open({ client, secrets: ['prod/db'] });
 *   const password = store.getString('prod/db');
 */
export { FileCache } from './cache.js';
export { type ClientOptions, type SecretInfo, SecretsClient, type SecretValue, type ValueInput } from './client.js';
export {
  AccessDeniedError,
  errorForStatus,
  NotFoundError,
  SecretsApiError,
  ValueNotChangedError,
  VersionClaimedError,
} from './errors.js';
export { SecretStore, type SecretStoreOptions } from './store.js';
