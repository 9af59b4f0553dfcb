/**
 * The key-encryption key that seals the idp's signing keys: the secrets app's KEK machinery
 * (`../secrets/kek.ts`, `../secrets/crypto/`), reused as is, with the idp's own key file
 * `<dataDir>/idp.key` (0600, like every key file never part of `tailyard backup`) or an AWS KMS
 * key.
 *
 * Unlike the secrets KEK, the idp's key file is created on first start in every mode, as long as
 * the database holds no sealed key yet: nothing can be lost then (a fresh signing key is made
 * anyway). Once keys are sealed, a missing or different key file stops start-up with
 * instructions, because silently starting over would change every `kid` relying parties cached.
 *
 * @example
 *   const kek = await openIdpKek(config.kek, { dataDir, mode, log, sealedBy: keyStore.kekIds() });
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { LocalKek } from '../secrets/crypto/local-kek.js';
import { type KekSource, openKekSource } from '../secrets/kek.js';
import type { IdpKekConfig } from './config.js';

export interface IdpKekContext {
  dataDir: string;
  mode: 'dev' | 'managed' | 'host';
  log: Pick<Logger, 'warn' | 'info'>;
  /** The KEK ids the stored signing keys are sealed by (empty for a new database). */
  sealedBy: readonly string[];
}

/** The local key file for a config. */
export function idpKeyFile(kek: IdpKekConfig, dataDir: string): string {
  return kek.provider === 'local' && kek.keyFile !== undefined ? path.resolve(kek.keyFile) : path.join(path.resolve(dataDir), 'idp.key');
}

/** Opens (creating on a fresh database) the KEK, and checks it is the one the stored keys name. */
export async function openIdpKek(config: IdpKekConfig, ctx: IdpKekContext): Promise<KekSource> {
  if (config.provider === 'aws-kms') return openKekSource(config, { dataDir: ctx.dataDir, mode: ctx.mode, dbKekId: ctx.sealedBy[0], log: ctx.log });
  const file = idpKeyFile(config, ctx.dataDir);
  if (!fs.existsSync(file)) {
    if (ctx.sealedBy.length > 0) {
      throw new Error(
        `the idp key file ${file} does not exist, but the signing keys in idp.db are sealed by KEK ${ctx.sealedBy.join(', ')}: ` +
          'restore that key file from where you keep it (tailyard backup does not copy key files)',
      );
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const kek = LocalKek.openOrCreate(file, {
      create: true,
      log: { warn: (o: object) => ctx.log.warn(o, 'created the idp key file (it seals the signing keys); keep a copy apart from backups') },
    });
    kek.destroy();
  }
  const source = await openKekSource({ provider: 'local', keyFile: file }, { dataDir: ctx.dataDir, mode: ctx.mode, dbKekId: undefined, log: ctx.log });
  const foreign = ctx.sealedBy.find((id) => id !== source.initialId);
  if (foreign !== undefined) {
    source.close();
    throw new Error(`the idp key file ${file} holds KEK ${source.initialId}, but signing keys in idp.db are sealed by KEK ${foreign}: wrong key file`);
  }
  return source;
}
