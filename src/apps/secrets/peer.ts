/**
 * The secrets app's implementation of the `SecretsReader` peer contract
 * (`platform/peers/secrets-reader.ts`): an app reads a secret as itself, through the same service
 * as the HTTP API, so the access check and the durable audit entry are those of any read.
 *
 * The app's identity is a caller tagged `app:<id>` (node `tailyard-app-<id>`), and its grants are
 * `apps.secrets.appGrants.<id>` in the usual `{"action": [...], "secret": [...]}` form; with no
 * grant it may read nothing. A conditional read of the version it already has answers
 * `'unchanged'` and, like the HTTP API's 304, writes no audit entry. Names follow the HTTP API's
 * rule (`names.ts`): an empty name or one over `maxNameBytes` is refused before the access check.
 *
 * @example
 *   ctx.peers.provide(SecretsReader, secretsPeer(service, capName, config.appGrants, config.maxNameBytes));
 */
import { type Caller, makeCaller, TAGGED_LOGIN } from '../../platform/identity.js';
import type { SecretsReaderApi } from '../../platform/peers/secrets-reader.js';
import { SecretsError } from './errors.js';
import { checkSecretName } from './names.js';
import type { SecretsService } from './service.js';

/** The caller an app reads secrets as. */
export function appCaller(appId: string, capName: string, grants: readonly unknown[]): Caller {
  return makeCaller({ kind: 'tagged', login: TAGGED_LOGIN, nodeName: `tailyard-app-${appId}`, tags: [`app:${appId}`], capMap: { [capName]: grants } });
}

export function secretsPeer(
  service: SecretsService,
  capName: string,
  appGrants: Readonly<Record<string, readonly unknown[]>>,
  maxNameBytes: number,
): SecretsReaderApi {
  return {
    async get(appId, name, known = 0) {
      checkSecretName(name, maxNameBytes);
      const caller = appCaller(appId, capName, appGrants[appId] ?? []);
      try {
        return await service.get(caller, { name, version: known, updateIfChanged: known !== 0 });
      } catch (err) {
        if (err instanceof SecretsError && err.kind === 'not-modified') return 'unchanged';
        throw err;
      }
    },
  };
}
