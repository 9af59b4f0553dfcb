/**
 * `SecretsReader`: the secrets app lets other apps read a secret in-process (the SQL console
 * reads a source's connection string). The read is checked against the secrets app's
 * `appGrants` for the reading app, and audited as it, like any read over HTTP.
 *
 * @example
 *   const got = await ctx.peers.get(SecretsReader)?.get('sql', 'prod/db-url', knownVersion);
 *   // → { value, version } | 'unchanged' | undefined (no secrets app)
 */
import { definePeer } from './peer.js';

/** A secret version's plaintext; the reader zeroes `value` when done with it. */
export interface SecretValue {
  value: Uint8Array;
  version: number;
}

export interface SecretsReaderApi {
  /**
   * The active version of `name`, read as app `appId`; `'unchanged'` when it is still `known`
   * (then nothing is audited, like the HTTP API's 304). Throws when `appId` may not read it.
   */
  get(appId: string, name: string, known?: number): Promise<SecretValue | 'unchanged'>;
}

export const SecretsReader = definePeer<SecretsReaderApi>('secrets-reader');
