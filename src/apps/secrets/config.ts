/**
 * The secrets app's config section (`apps.secrets` in the tailyard config).
 *
 * Three knobs: the largest value a put may store, the longest secret name (in bytes of UTF-8),
 * and where the key-encryption key lives (the platform's `kek` schema, `platform/keys/config.ts`).
 * The default KEK is a local key file `<dataDir>/secrets.key`, created on first start in dev mode
 * only; managed and host mode refuse to start without one (see `platform/keys/kek-source.ts`).
 *
 * @example
 *   { "apps": { "secrets": { "maxValueBytes": 65536, "maxNameBytes": 256, "kek": { "provider": "local", "keyFile": "/etc/tailyard/secrets.key" } } } }
 */
import { z } from 'zod';
import { KekConfigSchema } from '../../platform/keys/config.js';
import { SecretsCap } from './access.js';

/** Default value-size limit: 1 MiB, as the issue asks. */
export const DEFAULT_MAX_VALUE_BYTES = 1 << 20;

/** Default name limit: 1 KiB of UTF-8. */
export const DEFAULT_MAX_NAME_BYTES = 1 << 10;

/**
 * The highest name limit that may be configured: 8 KiB, so a name's JSON (at most 6 bytes per
 * byte, all `\u00XX` escapes) fits the 64 KiB the body limit allows beside the value.
 */
export const MAX_NAME_BYTES_CEILING = 8 << 10;

export const SecretsConfigSchema = z
  .object({
    maxValueBytes: z
      .number()
      .int()
      .positive()
      .max(64 << 20)
      .default(DEFAULT_MAX_VALUE_BYTES),
    maxNameBytes: z.number().int().positive().max(MAX_NAME_BYTES_CEILING).default(DEFAULT_MAX_NAME_BYTES),
    kek: KekConfigSchema.default({ provider: 'local' }),
    /**
     * What other tailyard apps may do in-process (e.g. the SQL console reading a connection
     * string), as grant values per app id: `{"sql": [{"action": ["get"], "secret": ["prod/db-url"]}]}`.
     * An app with no entry may read nothing. See `peer.ts`.
     */
    appGrants: z.record(z.string(), z.array(SecretsCap)).default({}),
  })
  .strict();

/** The parsed config section. */
export type SecretsConfig = z.output<typeof SecretsConfigSchema>;

/**
 * The request-body limit that fits a value of `maxValueBytes`: its base64 plus room for the name
 * and the JSON around it. Larger values are still caught (413) after decoding.
 *
 * @example
 *   requestBodyLimit(1 << 20) // → 1_463_640
 */
export function requestBodyLimit(maxValueBytes: number): number {
  return 4 * Math.ceil(maxValueBytes / 3) + 64 * 1024;
}
