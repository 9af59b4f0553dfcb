/**
 * The `kek` key of an app's config section: where its key-encryption key lives. Written once
 * here; an app that seals data embeds it in its own schema.
 *
 * - `{"provider": "local"}`: a 0600 key file, `<dataDir>/<app>.key` unless `keyFile` names
 *   another (never part of `tailyard backup`: keep a copy apart from the data);
 * - `{"provider": "aws-kms", "keyArn": "arn:aws:kms:…"}`: an AWS KMS key (needs
 *   `@aws-sdk/client-kms` installed next to tailyard); the region is taken from the ARN.
 *
 * @example
 *   const NotesConfig = z.object({ kek: KekConfigSchema.default({ provider: 'local' }) });
 */
import { z } from 'zod';

const LocalKekConfig = z
  .object({
    provider: z.literal('local'),
    /** Path of the key file (default `<dataDir>/<app>.key`). */
    keyFile: z.string().min(1).optional(),
  })
  .strict();

const KmsKekConfig = z
  .object({
    provider: z.literal('aws-kms'),
    /** Full key ARN, e.g. `arn:aws:kms:us-east-1:111122223333:key/…`; the region is taken from it. */
    keyArn: z.string().startsWith('arn:aws:kms:', 'must be a full AWS KMS key ARN'),
  })
  .strict();

/** A local key file or an AWS KMS key. */
export const KekConfigSchema = z.discriminatedUnion('provider', [LocalKekConfig, KmsKekConfig]);

export type KekConfig = z.output<typeof KekConfigSchema>;
