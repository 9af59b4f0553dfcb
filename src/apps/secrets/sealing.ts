/**
 * How the secrets app seals its values: the platform's envelope (`platform/keys/envelope.ts`)
 * under the tag `tailyard/secrets/v1`, which every stored value and wrapped data key carries, so
 * it never changes. A value's associated data is `value` + secret name + version: a row copied
 * to another name or version fails to open instead of yielding the wrong secret.
 *
 * @example
 *   const row = sealValue(dek, 'prod/db', 3, value);
 *   const back = openValue(dek, 'prod/db', 3, row);
 */
import { type DataKey, envelope } from '../../platform/keys/envelope.js';

/** The associated-data tag of everything the secrets app seals. */
export const SECRETS_AAD_TAG = 'tailyard/secrets/v1';

/** The envelope operations under {@link SECRETS_AAD_TAG}. */
export const secretsEnvelope = envelope(SECRETS_AAD_TAG);

/** Seals one version of a secret; the ciphertext opens only as that name and version. */
export function sealValue(dek: DataKey, name: string, version: number, plaintext: Uint8Array): Uint8Array {
  return secretsEnvelope.seal(dek, ['value', name, version], plaintext);
}

/** Opens {@link sealValue}'s output. The caller owns (and should zero) the returned plaintext. */
export function openValue(dek: DataKey, name: string, version: number, sealed: Uint8Array): Uint8Array {
  return secretsEnvelope.open(dek, ['value', name, version], sealed, `secret ${JSON.stringify(name)} version ${version}`);
}
